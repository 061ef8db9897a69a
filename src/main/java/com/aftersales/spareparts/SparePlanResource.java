package com.aftersales.spareparts;

import com.aftersales.shared.idempotency.Idempotent;
import com.aftersales.shared.security.Roles;
import com.aftersales.shared.web.Params;
import com.aftersales.shared.web.Versions;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
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
import java.util.List;

/** Spare-parts plans per location. */
@Path("/api/v1/spare-plans")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "spare-parts")
public class SparePlanResource {

    @Inject
    SparePlans plans;

    @POST
    @Idempotent
    @RolesAllowed({Roles.ADMIN, Roles.PRODUCT_MANAGER})
    @Operation(summary = "Propose the plan of a location for the next period from consumption, safety stock and open transfers")
    @APIResponse(responseCode = "201", description = "Created", headers = {@Header(name = "Location"), @Header(name = "ETag")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SparePlans.PlanView.class)))
    public Response propose(SparePlans.PlanRequest request) {
        SparePlans.PlanView view = plans.propose(request);
        return Response.created(URI.create("/api/v1/spare-plans/" + view.id()))
                .header(HttpHeaders.ETAG, Versions.etag(view.version())).entity(view).build();
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.ADMIN, Roles.GENERAL_MANAGER, Roles.AFTER_SALES_MANAGER, Roles.PRODUCT_MANAGER, Roles.WAREHOUSE})
    @Operation(summary = "One plan")
    @APIResponse(responseCode = "200", description = "OK", headers = {@Header(name = "ETag")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SparePlans.PlanView.class)))
    public Response plan(@PathParam("id") String id) {
        SparePlans.PlanView view = plans.get(Params.uuid("spare-plan", id));
        return Versions.ok(view, view.version());
    }

    @PUT
    @Path("{id}")
    @RolesAllowed(Roles.PRODUCT_MANAGER)
    @Operation(summary = "The product manager edits accepted quantities and/or accepts the plan (If-Match)")
    @APIResponse(responseCode = "200", description = "OK", headers = {@Header(name = "ETag")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SparePlans.PlanView.class)))
    public Response edit(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                         SparePlans.EditRequest request) {
        long expected = Versions.required(ifMatch);
        SparePlans.PlanView view = plans.edit(Params.uuid("spare-plan", id), expected, request);
        return Versions.ok(view, view.version());
    }
}
