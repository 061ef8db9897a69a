package com.aftersales.shared.web;

import io.quarkus.test.junit.QuarkusTest;
import com.aftersales.support.ContractValidation;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import static com.aftersales.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A web front end on another origin (a dev server on http://localhost:5173 in tests and dev mode; AFTERSALES_CORS_ORIGINS
 * in AWS) may call the API: the browser's preflight names the methods and headers the API needs (If-Match,
 * Idempotency-Key…) and the answers expose ETag, Location and the correlation id to the page. Any other origin gets no
 * CORS header, so the browser keeps the answer from the page.
 */
@QuarkusTest
class CorsTest {

    private static final String FRONT_END = "http://localhost:5173";

    @Test
    void theFrontEndsOriginIsAllowedThePreflightAndSeesTheHeadersItNeeds() {
        Response preflight = RestAssured.given()
                .header("Origin", FRONT_END)
                .header("Access-Control-Request-Method", "PUT")
                .header("Access-Control-Request-Headers", "authorization,content-type,if-match,idempotency-key,accept-language")
                .options("/api/v1/customers");
        assertThat(preflight.statusCode()).isEqualTo(200);
        assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo(FRONT_END);
        assertThat(preflight.header("Access-Control-Allow-Credentials")).as("bearer tokens, no cookies").isNotEqualTo("true");
        assertThat(all(preflight, "Access-Control-Allow-Methods")).contains("PUT");
        assertThat(all(preflight, "Access-Control-Allow-Headers").toLowerCase())
                .contains("if-match", "idempotency-key", "authorization", "accept-language");

        Response read = as("SALES").header("Origin", FRONT_END).get("/api/v1/customers?limit=1");
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.header("Access-Control-Allow-Origin")).isEqualTo(FRONT_END);
        assertThat(all(read, "Access-Control-Expose-Headers").toLowerCase())
                .contains("etag", "location", "x-correlation-id", "retry-after");
    }

    @Test
    void aForeignOriginGetsNoCorsHeaders() {
        Response preflight = RestAssured.given()
                .header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "DELETE")
                .options("/api/v1/customers");
        assertThat(preflight.header("Access-Control-Allow-Origin")).isNull();

        // Refused by the HTTP layer's CORS check before any operation runs: an empty 403, outside the API's contract.
        Response read = as("SALES").noFiltersOfType(ContractValidation.class).header("Origin", "https://evil.example")
                .get("/api/v1/customers?limit=1");
        assertThat(read.header("Access-Control-Allow-Origin")).isNull();
        assertThat(read.statusCode()).as("refused by the CORS filter").isEqualTo(403);

        // A client that sends no Origin (the mobile apps, scripts) is not affected.
        assertThat(as("SALES").get("/api/v1/customers?limit=1").statusCode()).isEqualTo(200);
    }

    /** A list header may come as one line or repeated (the Quarkus filter repeats it): every value, comma-joined. */
    private static String all(Response r, String header) {
        return String.join(",", r.headers().getValues(header));
    }
}
