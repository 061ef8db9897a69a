package com.aftersales.cases;

import com.aftersales.shared.paging.Page;
import com.aftersales.shared.paging.PageRequest;
import com.aftersales.shared.security.AnyStaff;
import com.aftersales.shared.security.Roles;
import com.aftersales.shared.web.Params;
import com.aftersales.shared.web.Versions;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
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

import java.net.URI;

/** The general manager's approvals delegated to a deputy for a period (docs/security.md, Delegated approvals). */
@Path("/api/v1/gm-delegations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "cases")
public class GmDelegationResource {

    @Inject
    GmDelegations delegations;

    @POST
    @RolesAllowed(Roles.GENERAL_MANAGER)
    @Operation(summary = "Delegate the general manager's approvals to a named deputy (a user subject) for [from, to), "
            + "with a reason (GENERAL_MANAGER only)")
    @APIResponse(responseCode = "201", description = "Created", headers = {@Header(name = "Location"), @Header(name = "ETag")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = GmDelegations.DelegationView.class)))
    public Response create(GmDelegations.DelegationRequest request) {
        GmDelegations.DelegationView view = delegations.create(request);
        return Response.created(URI.create("/api/v1/gm-delegations/" + view.id()))
                .header(HttpHeaders.ETAG, Versions.etag(view.version())).entity(view).build();
    }

    @GET
    @AnyStaff
    @Operation(summary = "Delegations (GENERAL_MANAGER and ADMIN see all, optionally of one deputy; anyone else those naming them)")
    public Page<GmDelegations.DelegationView> list(@QueryParam("deputy") String deputy, @QueryParam("limit") String limit,
                                                   @QueryParam("cursor") String cursor) {
        return delegations.list(deputy, PageRequest.of(limit, cursor));
    }

    @GET
    @Path("{id}")
    @AnyStaff
    @Operation(summary = "One delegation with its status now (SCHEDULED, IN_FORCE, ENDED, REVOKED)")
    @APIResponse(responseCode = "200", description = "OK", headers = {@Header(name = "ETag")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = GmDelegations.DelegationView.class)))
    public Response get(@PathParam("id") String id) {
        GmDelegations.DelegationView view = delegations.get(Params.uuid("gm-delegation", id));
        return Versions.ok(view, view.version());
    }

    @POST
    @Path("{id}/revocation")
    @RolesAllowed({Roles.GENERAL_MANAGER, Roles.ADMIN})
    @Operation(summary = "Revoke a delegation that has not ended (If-Match): the deputy may no longer act from now on")
    @APIResponse(responseCode = "200", description = "OK", headers = {@Header(name = "ETag")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = GmDelegations.DelegationView.class)))
    public Response revoke(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                           GmDelegations.RevocationRequest request) {
        long expected = Versions.required(ifMatch);
        GmDelegations.DelegationView view = delegations.revoke(Params.uuid("gm-delegation", id), expected, request);
        return Versions.ok(view, view.version());
    }
}
