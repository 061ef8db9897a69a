package com.aftersales.shared.security;

import com.aftersales.support.Api;
import com.aftersales.support.OpenApiOperations;
import com.aftersales.support.OpenApiOperations.Operation;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The role matrix of docs/security.md is the contract; this test holds every operation of the OpenAPI document to it,
 * so an endpoint added without a row, or with other roles than its row, fails the build.
 */
@QuarkusTest
class RoleMatrixTest {

    private static final List<String> ABBREVIATIONS = List.of("ADM", "GM", "ASM", "SM", "PJM", "SAL", "PDM", "QE", "ENG",
            "REP", "WH", "CUS");
    private static final Pattern ROW = Pattern.compile("^\\| (GET|POST|PUT|PATCH|DELETE) \\| `([^`]+)` \\|(.*)\\|$");

    @Test
    void theDocumentedMatrixCoversEveryOperationWithTheRolesTheServiceDeclares() throws IOException {
        Map<String, Set<String>> documented = documentedMatrix();
        List<Operation> operations = OpenApiOperations.all();
        Map<String, Set<String>> declared = new LinkedHashMap<>();
        operations.forEach(op -> declared.put(op.key(), op.roles()));
        assertThat(operations).hasSizeGreaterThan(100);
        assertThat(documented.keySet()).as("rows of docs/security.md vs operations of /q/openapi")
                .containsExactlyInAnyOrderElementsOf(declared.keySet());
        declared.forEach((op, roles) -> assertThat(roles).as("roles of %s", op).isEqualTo(documented.get(op)));
    }

    @Test
    void everyRoleIsLetInOrTurnedAwayExactlyAsTheMatrixSays() throws IOException {
        Map<String, Set<String>> documented = documentedMatrix();
        Map<String, String> tokens = new LinkedHashMap<>();
        for (String role : Roles.ALL) {
            tokens.put(role, role.equals(Roles.CUSTOMER) ? Api.customerToken(UUID.randomUUID()) : Api.token(role));
        }
        List<String> wrong = new ArrayList<>();
        int calls = 0;
        for (Operation op : OpenApiOperations.all()) {
            Set<String> allowed = documented.get(op.key());
            Response anonymous = call(RestAssured.given(), op);
            calls++;
            if (anonymous.statusCode() != 401 || !"Bearer".equals(anonymous.header("WWW-Authenticate"))
                    || !anonymous.contentType().startsWith("application/problem+json")) {
                wrong.add(op.key() + " without a token: " + anonymous.statusCode());
            }
            for (Map.Entry<String, String> token : tokens.entrySet()) {
                Response r = call(RestAssured.given().auth().oauth2(token.getValue()), op);
                calls++;
                boolean mayCall = allowed.contains(token.getKey());
                if (r.statusCode() >= 500) {
                    wrong.add(op.key() + " as " + token.getKey() + ": " + r.statusCode() + " " + r.asString());
                } else if (mayCall && (r.statusCode() == 401 || r.statusCode() == 403)) {
                    wrong.add(op.key() + " as " + token.getKey() + " is refused (" + r.statusCode() + ") but ticked");
                } else if (!mayCall && (r.statusCode() != 403 || !r.contentType().startsWith("application/problem+json"))) {
                    wrong.add(op.key() + " as " + token.getKey() + " answers " + r.statusCode() + " but is not ticked");
                }
            }
        }
        System.out.printf("[measure] role matrix: %d operations, %d requests, %d wrong%n", OpenApiOperations.all().size(), calls,
                wrong.size());
        assertThat(calls).isGreaterThan(1500);
        assertThat(wrong).isEmpty();
    }

    /**
     * The operation with placeholder path values that name nothing, and an empty body of its media type: an allowed
     * role gets a 4xx about the request (404, 400, 422, 415), never a side effect.
     */
    private static Response call(RequestSpecification request, Operation op) {
        return op.withEmptyBody(request).request(op.method(), OpenApiOperations.placeholderPath(op.path()));
    }

    static Map<String, Set<String>> documentedMatrix() throws IOException {
        Map<String, Set<String>> rows = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Path.of("docs/security.md"))) {
            Matcher m = ROW.matcher(line.strip());
            if (!m.matches()) {
                continue;
            }
            List<String> cells = Arrays.stream(m.group(3).split("\\|", -1)).map(String::strip).toList();
            assertThat(cells).as(line).hasSize(ABBREVIATIONS.size());
            Set<String> roles = new LinkedHashSet<>();
            for (int i = 0; i < cells.size(); i++) {
                if (!cells.get(i).isEmpty()) {
                    roles.add(Roles.ALL[i]);
                }
            }
            assertThat(rows.put(m.group(1) + " " + m.group(2), roles)).as("duplicate row " + line).isNull();
        }
        return rows;
    }
}
