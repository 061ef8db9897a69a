package com.aftersales.jobs;

import com.aftersales.AftersalesConfig;
import com.aftersales.shared.error.ProblemException;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * How EventBridge Scheduler runs a job in AWS: it invokes the function directly (IAM) with an API Gateway v2-shaped
 * event for {@code POST /internal/jobs/{name}} carrying the trigger token. API Gateway has no route to
 * {@code /internal}, so no public caller reaches this; the token (the deploy's JOB_TOKEN secret, in the function's
 * environment) is a second lock. Without a configured token the trigger does not exist (404).
 */
@Path("/internal/jobs/{name}")
public class JobTriggerResource {

    public static final String TOKEN_HEADER = "X-Aftersales-Job-Token";

    @Inject
    JobRunner runner;

    @Inject
    AftersalesConfig config;

    @POST
    @PermitAll
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public JobRunner.Run trigger(@PathParam("name") String name, @HeaderParam(TOKEN_HEADER) String given) {
        String expected = config.jobs().triggerToken().filter(t -> !t.isBlank())
                .orElseThrow(() -> new ProblemException(404, "no_such_resource"));
        if (given == null || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8))) {
            throw new ProblemException(403, "forbidden");
        }
        return runner.run(name, JobRunner.Trigger.EVENTBRIDGE, "eventbridge-scheduler");
    }
}
