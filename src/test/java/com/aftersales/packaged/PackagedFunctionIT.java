package com.aftersales.packaged;

import com.aftersales.support.Api;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.aftersales.support.Api.as;
import static org.hamcrest.Matchers.equalTo;

/**
 * The native function (the bootstrap binary in target/function.zip, built with -Dnative) with its prod configuration,
 * driven through the Lambda event path: it polls the mock Lambda runtime API started by {@link PackagedArtifactResources}
 * exactly as it polls AWS's. Covers authentication, a write, a read with the business rule, and problem+json.
 * Runs with the native profile (skipITs=false); the JVM package is a handler class for AWS's Java runtime, which has
 * no poll loop to drive outside AWS, so plain {@code ./mvnw verify} skips it.
 */
@QuarkusIntegrationTest
@QuarkusTestResource(value = PackagedArtifactResources.class, restrictToAnnotatedClass = true)
class PackagedFunctionIT {

    @BeforeEach
    void throughTheMockEventServer() {
        RestAssured.port = PackagedArtifactResources.port;
    }

    @Test
    void thePackagedFunctionAnswersThroughTheLambdaEventPath() {
        Api.anonymous().get("/api/v1/customers").then().statusCode(401).contentType("application/problem+json");
        String customer = Api.newCustomer(Api.unique("it"));
        as("SALES").body("{\"productLine\":\"MICRO_CAR\",\"months\":24,\"effectiveFrom\":\"2020-01-01\"}")
                .post("/api/v1/customers/" + customer + "/warranty-terms").then().statusCode(201);
        String serial = Api.unique("IT");
        as("SALES").body("""
                        {"serialNo":"%s","productModel":"MC80","productLine":"MICRO_CAR","customerId":"%s",
                         "productionDate":"2025-01-01","deliveryDate":"2025-01-10"}""".formatted(serial, customer))
                .post("/api/v1/units").then().statusCode(201);
        as("SALES").queryParam("date", "2025-06-01").get("/api/v1/units/" + serial + "/entitlement").then().statusCode(200)
                .body("regime", equalTo("FREE_WARRANTY"));
        as("SALES").header("Accept-Language", "en").body("{\"code\":\"\",\"name\":\"x\",\"type\":\"OEM\"}")
                .post("/api/v1/customers").then().statusCode(422).contentType("application/problem+json")
                .body("errors[0].field", equalTo("code"));
    }
}
