package com.aftersales.packaged;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * {@link EndToEndFlows} rerun against the native function (the bootstrap binary in target/function.zip, built with
 * -Dnative) with its prod configuration. The function polls the mock Lambda runtime API started by
 * {@link PackagedArtifactResources}, exactly as it polls AWS's. The JVM package is tested by
 * {@link PackagedJvmFunctionIT}.
 */
@QuarkusIntegrationTest
@QuarkusTestResource(value = PackagedArtifactResources.class, restrictToAnnotatedClass = true)
@EnabledIfSystemProperty(named = "aftersales.package", matches = "native")
class PackagedFunctionIT extends EndToEndFlows implements PackagedFunctionProofs {

    @BeforeEach
    void throughTheMockEventServer() {
        RestAssured.port = PackagedArtifactResources.port;
    }
}
