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

    /**
     * The main requests carry an example in Chinese (issue 24), and the examples are requests the service accepts: a
     * front-end developer who sends one as it stands (with the ids and unique codes of their own data) gets a 201.
     */
    @Test
    void theMainRequestsCarryChineseExamplesTheServiceAccepts() throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        com.fasterxml.jackson.databind.JsonNode doc = mapper.readTree(RestAssured.given()
                .queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().asString());
        java.util.function.Function<String, com.fasterxml.jackson.databind.node.ObjectNode> example = path -> {
            com.fasterxml.jackson.databind.JsonNode value = doc.path("paths").path(path).path("post").path("requestBody")
                    .path("content").path("application/json").path("examples").path("zh-CN").path("value");
            assertThat(value.isObject()).as("a zh-CN example of POST " + path).isTrue();
            return (com.fasterxml.jackson.databind.node.ObjectNode) value.deepCopy();
        };
        com.fasterxml.jackson.databind.node.ObjectNode customer = example.apply("/api/v1/customers");
        assertThat(customer.path("name").asText()).containsPattern("\\p{IsHan}");
        customer.put("code", com.aftersales.support.Api.unique("XM"));
        String customerId = com.aftersales.support.Api.as("SALES").body(customer.toString()).post("/api/v1/customers")
                .then().statusCode(201).extract().path("id");

        com.fasterxml.jackson.databind.node.ObjectNode unit = example.apply("/api/v1/units");
        String serial = com.aftersales.support.Api.unique("GY");
        unit.put("serialNo", serial).put("customerId", customerId);
        com.aftersales.support.Api.as("SALES").body(unit.toString()).post("/api/v1/units").then().statusCode(201);

        com.fasterxml.jackson.databind.node.ObjectNode opened = example.apply("/api/v1/cases");
        assertThat(opened.path("description").asText()).containsPattern("\\p{IsHan}");
        opened.put("customerId", customerId).put("failureDate", com.aftersales.support.TestClock.today().minusDays(1).toString());
        ((com.fasterxml.jackson.databind.node.ObjectNode) opened.withArray("units").get(0)).put("serialNo", serial);
        com.aftersales.support.Api.as("SALES").body(opened.toString()).post("/api/v1/cases").then().statusCode(201);
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

    /**
     * Client generators name each type after its schema: two Java types of one simple name (a Status enum in each area)
     * must not become Status1, Status2 — numbers that shift when another such type appears. Each has its own
     * {@code @Schema(name = …)}; a page is named after what it holds.
     */
    @Test
    void noSchemaIsNamedByANumberTheScannerAdded() throws IOException {
        com.fasterxml.jackson.databind.JsonNode doc = new ObjectMapper().readTree(RestAssured.given()
                .queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().asString());
        java.util.List<String> numbered = new java.util.ArrayList<>();
        doc.path("components").path("schemas").fieldNames().forEachRemaining(name -> {
            if (name.matches(".*\\D\\d+")) {
                numbered.add(name);
            }
        });
        assertThat(numbered).as("schema names ending in a number (give the Java type a @Schema(name = …))").isEmpty();
        assertThat(doc.path("components").path("schemas").has("PageRecallUnitView")).isTrue();
        assertThat(doc.path("components").path("schemas").path("PageUnitView").path("properties").path("items")
                .path("items").path("$ref").asText()).isEqualTo("#/components/schemas/UnitView");
    }

    /**
     * The contract a client generator needs (issue 24): every success typed, every error a problem document, the shared
     * headers where they apply. The rules are ContractOpenApiFilter's and the resources' @APIResponse; this holds them.
     */
    @Test
    void everyOperationDeclaresItsAnswers() throws IOException {
        com.fasterxml.jackson.databind.JsonNode doc = new ObjectMapper().readTree(RestAssured.given()
                .queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().asString());
        java.util.List<String> untyped = new java.util.ArrayList<>();
        java.util.List<String> notProblems = new java.util.ArrayList<>();
        java.util.List<String> missingStatus = new java.util.ArrayList<>();
        java.util.List<String> noCorrelationId = new java.util.ArrayList<>();
        java.util.List<String> creatingWithout201 = new java.util.ArrayList<>();
        java.util.List<String> createdWithoutLocation = new java.util.ArrayList<>();
        int operations = 0;
        for (var path : (Iterable<java.util.Map.Entry<String, com.fasterxml.jackson.databind.JsonNode>>) doc.path("paths")::fields) {
            for (var op : (Iterable<java.util.Map.Entry<String, com.fasterxml.jackson.databind.JsonNode>>) path.getValue()::fields) {
                String where = op.getKey().toUpperCase() + " " + path.getKey();
                operations++;
                com.fasterxml.jackson.databind.JsonNode responses = op.getValue().path("responses");
                java.util.List<String> headerParams = new java.util.ArrayList<>();
                op.getValue().path("parameters").forEach(p -> headerParams.add(p.has("$ref")
                        ? p.path("$ref").asText().replaceAll(".*/", "") : "header".equals(p.path("in").asText()) ? p.path("name").asText() : ""));
                java.util.List<String> expected = new java.util.ArrayList<>(List.of("400", "401", "403", "503"));
                if (path.getKey().contains("{")) {
                    expected.add("404");
                }
                if (headerParams.contains("If-Match") || headerParams.contains("If-None-Match")) {
                    expected.addAll(List.of("412", "428"));
                }
                if (op.getValue().has("requestBody")) {
                    expected.addAll(List.of("413", "415", "422"));
                }
                expected.stream().filter(status -> !responses.has(status)).forEach(status -> missingStatus.add(where + " " + status));
                if (headerParams.contains("Idempotency-Key") && !responses.has("201") && !IDEMPOTENT_200.contains(where)) {
                    creatingWithout201.add(where);
                }
                responses.fields().forEachRemaining(r -> {
                    String status = r.getKey();
                    com.fasterxml.jackson.databind.JsonNode response = r.getValue();
                    if (!response.path("headers").has("X-Correlation-Id")) {
                        noCorrelationId.add(where + " " + status);
                    }
                    if (status.startsWith("2") && !status.equals("204")) {
                        if (!response.has("content")) {
                            untyped.add(where + " " + status);
                        }
                        response.path("content").fields().forEachRemaining(m -> {
                            com.fasterxml.jackson.databind.JsonNode schema = m.getValue().path("schema");
                            if (schema.isMissingNode() || schema.isEmpty()) {
                                untyped.add(where + " " + status + " " + m.getKey());
                            }
                        });
                    }
                    if (status.equals("201") && !response.path("headers").has("Location")
                            && !ALLOWED_WITHOUT_LOCATION.contains(where)) {
                        createdWithoutLocation.add(where);
                    }
                    if (status.startsWith("4") || status.startsWith("5")) {
                        String ref = response.path("content").path("application/problem+json").path("schema").path("$ref").asText();
                        if (!ref.equals("#/components/schemas/Problem")) {
                            notProblems.add(where + " " + status);
                        }
                    }
                });
            }
        }
        assertThat(operations).isGreaterThan(100);
        assertThat(untyped).as("2xx answers without a typed body").isEmpty();
        assertThat(notProblems).as("error answers without the Problem schema under application/problem+json").isEmpty();
        assertThat(missingStatus).as("error statuses an operation can answer but does not declare").isEmpty();
        assertThat(noCorrelationId).as("answers without X-Correlation-Id").isEmpty();
        assertThat(creatingWithout201).as("idempotent (creating) POSTs without their 201").isEmpty();
        assertThat(createdWithoutLocation).as("201s without Location").isEmpty();
        assertThat(doc.path("servers")).as("servers").isNotEmpty();
        doc.path("tags").forEach(tag -> assertThat(tag.path("description").asText()).as("tag " + tag.path("name")).isNotBlank());
        assertThat(doc.path("components").path("schemas").path("Problem").path("properties").fieldNames())
                .toIterable().contains("type", "title", "status", "detail", "instance", "correlationId", "errors", "unmet");
    }

    /** Idempotent POSTs that create no record of their own (a batch import, a stock movement): 200. */
    private static final java.util.Set<String> IDEMPOTENT_200 = java.util.Set.of(
            "POST /api/v1/units/import", "POST /api/v1/ledger/import", "POST /api/v1/spare-parts/{id}/movements");

    /** Records created without a URL of their own to read them back: 201 without Location. */
    private static final java.util.Set<String> ALLOWED_WITHOUT_LOCATION = java.util.Set.of(
            "POST /api/v1/cases/{id}/eight-d-waivers", "POST /api/v1/cases/{id}/notes", "POST /api/v1/admin/webhooks");
}
