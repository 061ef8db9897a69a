package com.aftersales;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * docs/openapi.json is the API's OpenAPI document as the build generates it (/q/openapi), with its keys sorted and one
 * value per line so a change of the API reads as a small diff. This test fails when the copy is stale; the command in
 * its message (also in the README) rewrites it.
 */
@QuarkusTest
class OpenApiDocumentTest {

    static final Path COMMITTED = Path.of("docs", "openapi.json");
    static final String REFRESH = "./mvnw test -Dtest=OpenApiDocumentTest -Dopenapi.refresh=true";

    @Test
    void theCommittedDocumentIsTheGeneratedOne() throws IOException {
        String generated = normalised(RestAssured.given().queryParam("format", "json").get("/q/openapi")
                .then().statusCode(200).extract().asString());
        if (Boolean.getBoolean("openapi.refresh")) {
            Files.writeString(COMMITTED, generated, StandardCharsets.UTF_8);
        }
        if (!Files.exists(COMMITTED)) {
            fail(COMMITTED + " is missing: create it with `" + REFRESH + "`");
        }
        String committed = Files.readString(COMMITTED, StandardCharsets.UTF_8);
        if (!committed.equals(generated)) {
            fail(COMMITTED + " is not the OpenAPI document the build generates (" + firstDifference(committed, generated)
                    + "): refresh it with `" + REFRESH + "` and commit it with the change of the API");
        }
        // Sorted and stable: normalising the committed copy changes nothing.
        assertThat(normalised(committed)).isEqualTo(committed);
    }

    /** Keys sorted at every level, two-space indentation, arrays one item per line, a final newline. */
    static String normalised(String json) throws IOException {
        ObjectMapper mapper = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
                .withObjectIndenter(indenter).withArrayIndenter(indenter);
        Object tree = mapper.readValue(json, Object.class);
        return mapper.writer(printer).writeValueAsString(tree) + "\n";
    }

    private static String firstDifference(String committed, String generated) {
        List<String> a = committed.lines().toList();
        List<String> b = generated.lines().toList();
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            String left = i < a.size() ? a.get(i) : "<end>";
            String right = i < b.size() ? b.get(i) : "<end>";
            if (!left.equals(right)) {
                return "line " + (i + 1) + ": committed " + left.strip() + ", generated " + right.strip();
            }
        }
        return "only line endings differ";
    }

    /** Client generators name each call by its operationId: every operation has one, and no two share it. */
    @Test
    void everyOperationHasItsOwnOperationId() throws IOException {
        com.fasterxml.jackson.databind.JsonNode doc = new ObjectMapper().readTree(RestAssured.given()
                .queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().asString());
        java.util.Map<String, String> seen = new java.util.TreeMap<>();
        java.util.List<String> missing = new java.util.ArrayList<>();
        java.util.List<String> shared = new java.util.ArrayList<>();
        doc.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            if (!List.of("get", "post", "put", "patch", "delete").contains(op.getKey())) {
                return;
            }
            String where = op.getKey().toUpperCase() + " " + path.getKey();
            String id = op.getValue().path("operationId").asText("");
            if (id.isBlank()) {
                missing.add(where);
            } else if (seen.put(id, where) != null) {
                shared.add(id);
            }
        }));
        assertThat(missing).as("operations without an operationId").isEmpty();
        assertThat(shared).as("operationIds used twice").isEmpty();
        assertThat(seen).hasSizeGreaterThan(100);
    }
}
