package com.aftersales.shared;

import com.aftersales.shared.persistence.BulkReads;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import static com.aftersales.support.Api.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

@QuarkusTest
class PlatformTest {

    @Inject
    EntityManager em;

    @Test
    void healthAndApiDocumentationNeedNoToken() {
        RestAssured.given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        RestAssured.given().get("/q/openapi").then().statusCode(200).body(containsString("/api/v1/units/{serialNo}/entitlement"));
    }

    @Test
    void unknownPathsAndMethodsAreProblems() {
        as("ADMIN").get("/api/v1/nothing-here").then().statusCode(404).contentType("application/problem+json");
        as("ADMIN").delete("/api/v1/customers").then().statusCode(405).contentType("application/problem+json");
    }

    @Test
    void devTokensCannotBeMintedOutsideDevMode() {
        RestAssured.given().get("/dev/token?role=ADMIN").then().statusCode(not(equalTo(200)));
    }

    @Test
    void errorsCarryTheCallersCorrelationIdAndNoInternals() {
        as("ADMIN").header("X-Correlation-Id", "trace-123").get("/api/v1/customers/not-a-uuid")
                .then().statusCode(404).header("X-Correlation-Id", "trace-123")
                .body("correlationId", equalTo("trace-123"))
                .body(not(containsString("Exception"))).body(not(containsString("com.aftersales")));
    }

    @Test
    void tokensFromCognitoGroupsCarryRoles() {
        String token = com.aftersales.support.Api.jwt("cognito-user")
                .claim("cognito:groups", java.util.List.of("AFTER_SALES_MANAGER", "NOT_A_ROLE")).sign();
        RestAssured.given().auth().oauth2(token).queryParam("entity", "customer").get("/api/v1/audit").then().statusCode(200);
        String outsider = com.aftersales.support.Api.jwt("x").claim("cognito:groups", java.util.List.of("NOT_A_ROLE")).sign();
        RestAssured.given().auth().oauth2(outsider).get("/api/v1/customers").then().statusCode(403);
    }

    @Test
    void oversizedBodiesAre413() {
        String huge = "{\"code\":\"" + "A".repeat(6 * 1024 * 1024) + "\"}";
        as("SALES").body(huge).post("/api/v1/customers").then().statusCode(413).contentType("application/problem+json")
                .body("type", equalTo("urn:problem:aftersales:payload_too_large"));
    }

    @Test
    void bulkReadSettingsHoldForTheirTransactionOnly() {
        Object[] inside = QuarkusTransaction.requiringNew().call(() -> {
            BulkReads.configure(em, "48MB", "20s");
            return (Object[]) em.createNativeQuery("select current_setting('work_mem'), current_setting('plan_cache_mode'), "
                    + "current_setting('statement_timeout')").getSingleResult();
        });
        org.junit.jupiter.api.Assertions.assertArrayEquals(new Object[] {"48MB", "force_custom_plan", "20s"}, inside);
        // Every connection of the pool is back to the defaults once the transaction ends.
        for (int i = 0; i < 5; i++) {
            Object[] after = QuarkusTransaction.requiringNew().call(() -> (Object[]) em.createNativeQuery(
                    "select current_setting('work_mem'), current_setting('plan_cache_mode'), current_setting('statement_timeout')")
                    .getSingleResult());
            // (a request's statement timeout: the application role's default in AWS, the connection's in tests)
            org.junit.jupiter.api.Assertions.assertArrayEquals(new Object[] {"4MB", "auto", "10s"}, after);
        }
    }
}
