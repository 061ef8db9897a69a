package com.aftersales.followup;

import com.aftersales.shared.security.Roles;
import com.aftersales.shared.web.Params;
import com.aftersales.shared.web.Versions;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** 回访: follow-ups after closed cases. */
@Path("/api/v1/follow-ups")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "follow-ups")
public class FollowUpResource {

    @Inject
    FollowUps followUps;

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.GENERAL_MANAGER, Roles.AFTER_SALES_MANAGER, Roles.SALES_MANAGER, Roles.PROJECT_MANAGER,
            Roles.SALES, Roles.QUALITY_ENGINEER})
    @Operation(summary = "Follow-ups of a case (caseId), or all due by tomorrow")
    public List<FollowUps.FollowUpView> list(@QueryParam("caseId") String caseId) {
        return followUps.list(caseId == null || caseId.isBlank() ? null : Params.uuid("case", caseId), false);
    }

    @PUT
    @Path("{id}")
    @RolesAllowed({Roles.SALES, Roles.SALES_MANAGER, Roles.AFTER_SALES_MANAGER, Roles.PROJECT_MANAGER})
    @Operation(summary = "Record the outcome (If-Match): contacted, satisfaction 1–5, satisfied; not satisfied → another round")
    @APIResponse(responseCode = "200", description = "OK", headers = {@Header(name = "ETag")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FollowUps.FollowUpView.class)))
    public Response record(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                           FollowUps.Outcome outcome) {
        long expected = Versions.required(ifMatch);
        FollowUps.FollowUpView view = followUps.record(Params.uuid("follow-up", id), expected, outcome);
        return Versions.ok(view, view.version());
    }
}
