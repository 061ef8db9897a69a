package com.aftersales.packaged;

import com.aftersales.jobs.JobTriggerResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * {@link EndToEndFlows} rerun against the plain HTTP server build ({@code ./mvnw verify -Dserver}: the jar in
 * target/quarkus-app, or the native runner with -Dnative), started with its prod configuration and a real
 * PostgreSQL by {@link PackagedArtifactResources}. Jobs are triggered as a container's scheduler would: the same
 * POST /internal/jobs/{name} with the job token, over HTTP.
 */
@QuarkusIntegrationTest
@QuarkusTestResource(value = PackagedArtifactResources.class, restrictToAnnotatedClass = true)
@EnabledIfSystemProperty(named = "aftersales.package", matches = "server")
class PackagedServerIT extends EndToEndFlows {

    @Override
    Answer triggerJob(String job, String token) {
        var result = RestAssured.given().header(JobTriggerResource.TOKEN_HEADER, token).post("/internal/jobs/" + job)
                .then().extract();
        return new Answer(result.statusCode(), result.body().asString());
    }
}
