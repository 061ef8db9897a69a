package com.aftersales.support;

import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.specification.FilterableRequestSpecification;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The contract validator can fail (issue 24): answers the document does not describe are reported, documented ones are
 * not, and the filter is really on for the requests tests send.
 */
@QuarkusTest
class ContractValidationTest {

    private static final String ENTITLEMENT = "/api/v1/units/MC80-1/entitlement";
    private static ContractValidation.Validator validator;

    private static synchronized ContractValidation.Validator validator() throws IOException {
        if (validator == null) {
            validator = new ContractValidation.Validator(Files.readString(ContractValidation.DOCUMENT));
        }
        return validator;
    }

    private static Request entitlement(String date) {
        return SimpleRequest.Builder.get(ENTITLEMENT).withQueryParam("date", date)
                .withAuthorization("Bearer " + Api.token("SALES")).build();
    }

    private static SimpleResponse.Builder json(int status, String body) {
        return SimpleResponse.Builder.status(status).withContentType("application/json").withBody(body)
                .withHeader("X-Correlation-Id", "c-1");
    }

    private static List<String> check(Request request, SimpleResponse.Builder response) throws IOException {
        return validator().check(request, response.build(), true);
    }

    @Test
    void aDocumentedAnswerPasses() throws IOException {
        assertThat(check(entitlement("2026-11-29"), json(200, "{\"regime\":\"CHARGEABLE\",\"reason\":\"无有效包修\","
                + "\"date\":\"2026-11-29\",\"mileageKm\":1200}"))).isEmpty();
        assertThat(check(entitlement("2026-11-29"), SimpleResponse.Builder.status(404)
                .withContentType("application/problem+json").withHeader("X-Correlation-Id", "c-1")
                .withBody("{\"type\":\"urn:problem:aftersales:not_found\",\"title\":\"x\",\"status\":404}"))).isEmpty();
    }

    @Test
    void anUndocumentedStatusFails() throws IOException {
        assertThat(check(entitlement("2026-11-29"), json(201, "{\"regime\":\"CHARGEABLE\"}")))
                .anySatisfy(e -> assertThat(e).contains("201").contains("not defined"));
    }

    @Test
    void anUndocumentedFieldFails() throws IOException {
        assertThat(check(entitlement("2026-11-29"), json(200, "{\"regime\":\"CHARGEABLE\",\"discountCny\":\"5.00\"}")))
                .anySatisfy(e -> assertThat(e).contains("discountCny"));
    }

    @Test
    void aWrongTypeEnumOrNullFails() throws IOException {
        assertThat(check(entitlement("2026-11-29"), json(200, "{\"regime\":\"FREE\",\"mileageKm\":\"1200\"}")))
                .anySatisfy(e -> assertThat(e).contains("FREE"))
                .anySatisfy(e -> assertThat(e).contains("/mileageKm"));
        assertThat(check(entitlement("2026-11-29"), json(200, "{\"regime\":\"CHARGEABLE\",\"validUntil\":null}")))
                .anySatisfy(e -> assertThat(e).contains("/validUntil"));
        assertThat(check(entitlement("2026-11-29"), SimpleResponse.Builder.status(404)
                .withContentType("application/problem+json").withBody("{\"title\":\"x\",\"status\":\"404\"}")))
                .anySatisfy(e -> assertThat(e).contains("type"))
                .anySatisfy(e -> assertThat(e).contains("/status"));
    }

    @Test
    void aContractHeaderTheOperationDoesNotDocumentFails() throws IOException {
        assertThat(check(entitlement("2026-11-29"), json(200, "{\"regime\":\"CHARGEABLE\"}").withHeader("ETag", "\"3\"")))
                .containsExactly("header ETag is not documented on GET " + ENTITLEMENT + " 200");
    }

    @Test
    void anUndocumentedPathOrMethodAnsweredFails() throws IOException {
        assertThat(check(SimpleRequest.Builder.get("/api/v1/units/MC80-1/discount").build(), json(200, "{}")))
                .anySatisfy(e -> assertThat(e).contains("request.path.missing"));
        assertThat(check(SimpleRequest.Builder.delete("/api/v1/units/MC80-1/entitlement").build(), json(204, "")))
                .anySatisfy(e -> assertThat(e).contains("operation.notAllowed"));
        // Refused as the document says: no such operation.
        assertThat(check(SimpleRequest.Builder.get("/api/v1/units/MC80-1/discount").build(),
                SimpleResponse.Builder.status(404))).isEmpty();
    }

    /** An invalid request the service refused is an unhappy path as documented; one it accepted is a contract breach. */
    @Test
    void anInvalidRequestMustBeRefused() throws IOException {
        SimpleResponse.Builder problem = SimpleResponse.Builder.status(400).withContentType("application/problem+json")
                .withHeader("X-Correlation-Id", "c-1").withBody("{\"type\":\"urn:x\",\"title\":\"x\",\"status\":400}");
        assertThat(check(entitlement("yesterday"), problem)).isEmpty();
        assertThat(check(entitlement("yesterday"), json(200, "{\"regime\":\"CHARGEABLE\"}")))
                .anySatisfy(e -> assertThat(e).startsWith("request ").contains("date"));
        assertThat(validator().check(entitlement("yesterday"), json(200, "{\"regime\":\"CHARGEABLE\"}").build(), false))
                .isEmpty();
    }

    @Test
    void aThreeOneConstructWithNoThreeZeroFormIsRefused() throws IOException {
        var document = new ObjectMapper().readTree("{\"openapi\":\"3.1.0\",\"components\":{\"schemas\":{\"A\":"
                + "{\"type\":\"object\",\"properties\":{\"type\":{\"type\":[\"string\",\"integer\"]}}}}}}");
        assertThatThrownBy(() -> ContractValidation.asOpenApi30(document)).hasMessageContaining("type list");
        var nullable = new ObjectMapper().readTree("{\"openapi\":\"3.1.0\",\"components\":{\"schemas\":{\"A\":"
                + "{\"type\":[\"string\",\"null\"],\"maxLength\":3}}}}");
        assertThat(ContractValidation.asOpenApi30(nullable).at("/components/schemas/A").toString())
                .isEqualTo("{\"type\":\"string\",\"maxLength\":3,\"nullable\":true}");
        var bounded = new ObjectMapper().readTree("{\"openapi\":\"3.1.0\",\"components\":{\"schemas\":{\"A\":"
                + "{\"type\":\"number\",\"exclusiveMinimum\":0,\"examples\":[1]}}}}");
        assertThat(ContractValidation.asOpenApi30(bounded).at("/components/schemas/A").toString())
                .isEqualTo("{\"type\":\"number\",\"exclusiveMinimum\":true,\"minimum\":0}");
    }

    /** On for every test: in RestAssured's global filters, so in every spec, Api's and plain given() alike. */
    @Test
    void theFilterIsOnForTheRequestsTestsSend() throws IOException {
        assertThat(RestAssured.filters()).anyMatch(ContractValidation.class::isInstance);
        assertThat(((FilterableRequestSpecification) Api.as("SALES")).getDefinedFilters())
                .anyMatch(ContractValidation.class::isInstance);
        // A real answer the document does not describe fails the test that got it: here the document without the
        // list's 200, and a path the document lacks answered 200 (not refused).
        String document = Files.readString(ContractValidation.DOCUMENT);
        var crafted = (com.fasterxml.jackson.databind.node.ObjectNode) new ObjectMapper().readTree(document);
        ((com.fasterxml.jackson.databind.node.ObjectNode) crafted.at("/paths/~1api~1v1~1customers/get/responses")).remove("200");
        ContractValidation strict = new ContractValidation(true, new ContractValidation.Validator(crafted.toString()));
        assertThatThrownBy(() -> Api.as("SALES").noFiltersOfType(ContractValidation.class).filter(strict)
                .get("/api/v1/customers"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("Not as docs/openapi.json says")
                .hasMessageContaining("GET /api/v1/customers → 200").hasMessageContaining("status 200 not defined");
        ((com.fasterxml.jackson.databind.node.ObjectNode) crafted.at("/paths")).remove("/api/v1/customers");
        ContractValidation withoutPath = new ContractValidation(true, new ContractValidation.Validator(crafted.toString()));
        assertThatThrownBy(() -> Api.as("SALES").noFiltersOfType(ContractValidation.class).filter(withoutPath)
                .get("/api/v1/customers"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("path.missing");
        // The global filter lets a documented exchange and a refused unknown path pass.
        Api.as("SALES").get("/api/v1/customers").then().statusCode(200);
        Api.as("SALES").get("/api/v1/units-by-colour").then().statusCode(404);
    }
}
