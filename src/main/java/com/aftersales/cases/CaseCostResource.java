package com.aftersales.cases;

import com.aftersales.shared.idempotency.Idempotent;
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

/** Cost lines of a case (staff only: a customer account does not see internal costs). */
@Path("/api/v1/cases/{caseId}/costs")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "cases")
public class CaseCostResource {

    @Inject
    CaseCosts costs;

    @POST
    @Idempotent
    @RolesAllowed({Roles.ADMIN, Roles.AFTER_SALES_MANAGER, Roles.SALES_MANAGER, Roles.PROJECT_MANAGER, Roles.SALES,
            Roles.PRODUCT_MANAGER, Roles.QUALITY_ENGINEER, Roles.ENGINEER, Roles.REPAIR, Roles.WAREHOUSE})
    @Operation(summary = "Submit a cost line (CNY, exact to the fen); billed as the unit's frozen entitlement says")
    @APIResponse(responseCode = "201", description = "Created", headers = {@Header(name = "Location"), @Header(name = "ETag")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CaseCosts.CostView.class)))
    public Response submit(@PathParam("caseId") String caseId, CaseCosts.CostRequest request) {
        CaseCosts.CostView view = costs.submit(Params.uuid("case", caseId), request);
        return Response.created(URI.create("/api/v1/cases/" + view.caseId() + "/costs/" + view.id()))
                .header(HttpHeaders.ETAG, Versions.etag(view.version())).entity(view).build();
    }

    @GET
    @AnyStaff
    @Operation(summary = "The case's cost lines; flagged=true: only service-station lines above their rate card's figure "
            + "(rateCardExceeded) or priced by no card (noRateCard)")
    public Page<CaseCosts.CostView> list(@PathParam("caseId") String caseId, @QueryParam("flagged") String flagged,
                                         @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return costs.list(Params.uuid("case", caseId), Boolean.TRUE.equals(Params.boolParam("flagged", flagged)),
                PageRequest.of(limit, cursor));
    }

    @POST
    @Path("{costId}/verification")
    @AnyStaff
    @Operation(summary = "Verify or reject a cost line (after-sales manager; above the threshold then the GM or the deputy of "
            + "a delegation in force, gmOnBehalfOf; others 403)")
    @APIResponse(responseCode = "200", description = "OK", headers = {@Header(name = "ETag")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CaseCosts.CostView.class)))
    public Response verify(@PathParam("caseId") String caseId, @PathParam("costId") String costId,
                           @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, CaseCosts.VerificationRequest request) {
        long expected = Versions.required(ifMatch);
        CaseCosts.CostView view = costs.verify(Params.uuid("case", caseId), Params.uuid("case-cost", costId), expected, request);
        return Versions.ok(view, view.version());
    }
}
