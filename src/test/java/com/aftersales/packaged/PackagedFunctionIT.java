package com.aftersales.packaged;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.BeforeEach;

/**
 * {@link EndToEndTest}'s flows rerun against the native function (the bootstrap binary in target/function.zip, built
 * with -Dnative) with its prod configuration. The function polls the mock Lambda runtime API started by
 * {@link PackagedArtifactResources}, exactly as it polls AWS's. Runs with the native profile (skipITs=false); the JVM
 * package is a handler class for AWS's Java runtime, with no poll loop to drive outside AWS, so plain
 * {@code ./mvnw verify} skips it.
 */
@QuarkusIntegrationTest
@QuarkusTestResource(value = PackagedArtifactResources.class, restrictToAnnotatedClass = true)
class PackagedFunctionIT extends EndToEndTest {

    @BeforeEach
    void throughTheMockEventServer() {
        RestAssured.port = PackagedArtifactResources.port;
    }
}
