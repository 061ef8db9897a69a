package com.aftersales.cases;

import com.aftersales.shared.security.AnyRole;
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

/** The claim (索赔) of a CLAIM case: claimed, agreed and settled amounts. */
@Path("/api/v1/cases/{caseId}/claim")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "cases")
public class CaseClaimResource {

    @Inject
    CaseClaims claims;

    @GET
    @AnyRole
    @Operation(summary = "The case's claim: claimed, agreed and settled amounts by line, the reasons of differences and "
            + "the settlement (a customer account: its own cases only)")
    @APIResponse(responseCode = "200", description = "OK", headers = {@Header(name = "ETag")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CaseClaims.ClaimView.class)))
    public Response get(@PathParam("caseId") String caseId) {
        CaseClaims.ClaimView view = claims.get(Params.uuid("case", caseId));
        return Versions.ok(view, view.version());
    }

    @PUT
    @RolesAllowed({Roles.ADMIN, Roles.AFTER_SALES_MANAGER, Roles.SALES_MANAGER, Roles.SALES, Roles.CUSTOMER})
    @Operation(summary = "Record what the customer claims, by category (CNY, exact to the fen) with the case's attachments "
            + "as documents: If-None-Match: * creates the claim (a CLAIM case only, one per case; another type: 409 "
            + "claim_case_type), If-Match replaces its lines while it is CLAIMED (later: 409)")
    @APIResponse(responseCode = "200", description = "OK", headers = {@Header(name = "ETag")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CaseClaims.ClaimView.class)))
    public Response put(@PathParam("caseId") String caseId, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                        @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch, CaseClaims.ClaimRequest request) {
        Versions.Put precondition = Versions.put(ifMatch, ifNoneMatch);
        CaseClaims.ClaimView view = claims.put(Params.uuid("case", caseId), precondition, request);
        return Versions.ok(view, view.version());
    }

    @POST
    @Path("review")
    @RolesAllowed({Roles.ADMIN, Roles.GENERAL_MANAGER, Roles.AFTER_SALES_MANAGER, Roles.SALES_MANAGER})
    @Operation(summary = "Review the claim: agreed amount per line (at most the claimed one; a reason where they differ). "
            + "complete=false keeps it UNDER_REVIEW; complete=true needs every line and sets AGREED, PARTLY_AGREED or "
            + "REJECTED from the sums")
    @APIResponse(responseCode = "200", description = "OK", headers = {@Header(name = "ETag")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CaseClaims.ClaimView.class)))
    public Response review(@PathParam("caseId") String caseId, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                           CaseClaims.ClaimReviewRequest request) {
        long expected = Versions.required(ifMatch);
        CaseClaims.ClaimView view = claims.review(Params.uuid("case", caseId), expected, request);
        return Versions.ok(view, view.version());
    }

    @POST
    @Path("settlement")
    @RolesAllowed({Roles.ADMIN, Roles.GENERAL_MANAGER, Roles.AFTER_SALES_MANAGER})
    @Operation(summary = "Settle an agreed or partly agreed claim once: credit note or payment, its reference, the date "
            + "(not after today) and the amount (at most the agreed total: 422 amountCny). A settled claim never changes "
            + "again (409 claim_settled); settlement does not depend on the case being open")
    @APIResponse(responseCode = "200", description = "OK", headers = {@Header(name = "ETag")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CaseClaims.ClaimView.class)))
    public Response settle(@PathParam("caseId") String caseId, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                           CaseClaims.ClaimSettlementRequest request) {
        long expected = Versions.required(ifMatch);
        CaseClaims.ClaimView view = claims.settle(Params.uuid("case", caseId), expected, request);
        return Versions.ok(view, view.version());
    }
}
