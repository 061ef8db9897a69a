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
            "REP", "WH", "FIN", "CUS", "STA");
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
            tokens.put(role, role.equals(Roles.CUSTOMER) ? Api.customerToken(UUID.randomUUID())
                    : role.equals(Roles.SERVICE_STATION) ? Api.stationToken(UUID.randomUUID()) : Api.token(role));
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
     * docs/security.md, Who may act on a case: every act (transition, hand-over, major, action plan) by every role,
     * first on a case whose owner is a role (handed from the routing role SALES_MANAGER to PRODUCT_MANAGER), then on one
     * whose owner is a person. A stale If-Match makes an admitted act a 412, so nothing changes either way; a refused one
     * is 403 and changes nothing (version and timeline checked).
     */
    @Test
    void whoMayActOnACase() {
        com.aftersales.cases.CaseTestData.World w = com.aftersales.cases.CaseTestData.world("PASSENGER_CAR");
        String id = com.aftersales.cases.CaseTestData.openCase(w);
        Api.as(Roles.SALES_MANAGER).header("If-Match", "\"0\"")
                .body(com.aftersales.support.CaseBodies.assignTo(" ").ownerRole(Roles.PRODUCT_MANAGER).json())
                .post("/api/v1/cases/" + id + "/assignment").then().statusCode(200)
                .body("ownerRole", org.hamcrest.Matchers.equalTo(Roles.PRODUCT_MANAGER))
                .body("managerRole", org.hamcrest.Matchers.equalTo(Roles.SALES_MANAGER));
        actors(id, 1, Set.of(Roles.PRODUCT_MANAGER, Roles.SALES_MANAGER, Roles.QUALITY_ENGINEER, Roles.GENERAL_MANAGER,
                Roles.ADMIN));
        Api.as(Roles.PRODUCT_MANAGER).header("If-Match", "\"1\"")
                .body(com.aftersales.support.CaseBodies.assignTo(Api.subject(Roles.ENGINEER)).json())
                .post("/api/v1/cases/" + id + "/assignment").then().statusCode(200);
        actors(id, 2, Set.of(Roles.ENGINEER, Roles.SALES_MANAGER, Roles.QUALITY_ENGINEER, Roles.GENERAL_MANAGER, Roles.ADMIN));
    }

    /**
     * docs/security.md, Delegated approvals: with a valid body, only GENERAL_MANAGER creates a delegation (ADMIN holds no
     * approval authority to hand on); every other role is 403 and nothing is created.
     */
    @Test
    void onlyTheGeneralManagerDelegatesApprovals() {
        String deputy = Api.unique("deputy");
        java.time.OffsetDateTime now = com.aftersales.support.TestClock.now();
        String body = com.aftersales.support.JsonBody.of("deputy", deputy, "from", now.toString(),
                "to", now.plusDays(3).toString(), "reason", "出差");
        List<String> wrong = new ArrayList<>();
        for (String role : Roles.ALL) {
            RequestSpecification request = role.equals(Roles.CUSTOMER) ? Api.asCustomer(UUID.randomUUID()) : Api.as(role);
            int expected = role.equals(Roles.GENERAL_MANAGER) ? 201 : 403;
            int status = request.body(body).post("/api/v1/gm-delegations").statusCode();
            if (status != expected) {
                wrong.add(role + ": " + status + " (expected " + expected + ")");
            }
        }
        assertThat(wrong).isEmpty();
        Api.as(Roles.ADMIN).queryParam("deputy", deputy).get("/api/v1/gm-delegations").then().statusCode(200)
                .body("items.size()", org.hamcrest.Matchers.equalTo(1))
                .body("items[0].delegator", org.hamcrest.Matchers.equalTo(Api.subject(Roles.GENERAL_MANAGER)));
    }

    private static void actors(String id, int version, Set<String> mayAct) {
        int events = Api.as(Roles.ADMIN).get("/api/v1/cases/" + id + "/events").then().extract().jsonPath().getList("items").size();
        Map<String, String> acts = new LinkedHashMap<>();
        acts.put("POST transitions", com.aftersales.support.CaseBodies.transition("ACKNOWLEDGED"));
        acts.put("POST assignment", com.aftersales.support.CaseBodies.assignTo("li.lei").json());
        acts.put("POST major", com.aftersales.support.CaseBodies.major("媒体关注"));
        acts.put("PUT action-plan", com.aftersales.support.CaseBodies.actionPlan("更换批次轴承"));
        List<String> wrong = new ArrayList<>();
        for (String role : Roles.ALL) {
            for (Map.Entry<String, String> act : acts.entrySet()) {
                String[] methodAndPath = act.getKey().split(" ");
                RequestSpecification request = role.equals(Roles.CUSTOMER) ? Api.asCustomer(UUID.fromString(
                        Api.as(Roles.ADMIN).get("/api/v1/cases/" + id).then().extract().<String>path("customerId"))) : Api.as(role);
                Response r = request.header("If-Match", "\"" + (version + 100) + "\"").body(act.getValue())
                        .request(methodAndPath[0], "/api/v1/cases/" + id + "/" + methodAndPath[1]);
                int expected = mayAct.contains(role) ? 412 : 403;
                if (r.statusCode() != expected || expected == 403 && Roles.STAFF.contains(role)
                        && !r.asString().contains("case_actor_not_allowed")) {
                    wrong.add(act.getKey() + " as " + role + ": " + r.statusCode() + " (expected " + expected + ")");
                }
            }
        }
        assertThat(wrong).isEmpty();
        Api.as(Roles.ADMIN).get("/api/v1/cases/" + id).then().statusCode(200).header("ETag", "\"" + version + "\"");
        Api.as(Roles.ADMIN).get("/api/v1/cases/" + id + "/events").then()
                .body("items", org.hamcrest.Matchers.hasSize(events));
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
