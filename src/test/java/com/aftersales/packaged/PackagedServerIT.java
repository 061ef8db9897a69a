package com.aftersales.packaged;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * {@link EndToEndFlows} rerun against the plain HTTP server build ({@code ./mvnw verify -Dserver}: the jar in
 * target/quarkus-app, or the native runner with -Dnative), started with its prod configuration and a real
 * PostgreSQL by {@link PackagedArtifactResources}. Jobs run in-process there (AFTERSALES_JOBS_IN_PROCESS=true) or
 * through the admin endpoint, as the flows do.
 */
@QuarkusIntegrationTest
@QuarkusTestResource(value = PackagedArtifactResources.class, restrictToAnnotatedClass = true)
@EnabledIfSystemProperty(named = "aftersales.package", matches = "server")
class PackagedServerIT extends EndToEndFlows {
}
