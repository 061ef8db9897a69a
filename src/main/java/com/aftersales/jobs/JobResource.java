package com.aftersales.jobs;

import com.aftersales.shared.security.Caller;
import com.aftersales.shared.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** ADMIN runs a job now and reads past runs. */
@Path("/api/v1/admin/jobs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "jobs")
public class JobResource {

    @Inject
    JobRunner runner;

    @Inject
    Caller caller;

    @GET
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "The jobs")
    public List<String> jobs() {
        return List.copyOf(runner.byName().keySet());
    }

    @POST
    @Path("{name}/runs")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Run a job now and return what it did")
    public JobRunner.Run run(@PathParam("name") String name) {
        return runner.run(name, JobRunner.Trigger.ADMIN, caller.subject());
    }

    @GET
    @Path("runs")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Past runs, newest first (job: one job's only)")
    public List<JobRunner.Run> runs(@QueryParam("job") String job) {
        return runner.runs(job == null || job.isBlank() ? null : job, 200);
    }
}
