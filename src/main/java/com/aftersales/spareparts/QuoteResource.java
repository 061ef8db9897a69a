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

/** Quotes for chargeable cases. */
@Path("/api/v1/cases/{caseId}/quotes")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "spare-parts")
public class QuoteResource {

    @Inject
    Quotes quotes;

    @POST
    @Idempotent
    @RolesAllowed({Roles.ADMIN, Roles.AFTER_SALES_MANAGER, Roles.SALES_MANAGER, Roles.PROJECT_MANAGER, Roles.SALES})
    @Operation(summary = "Quote a chargeable case: parts at market price plus labour")
    @APIResponse(responseCode = "201", description = "Created", headers = {@Header(name = "Location"), @Header(name = "ETag")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Quotes.QuoteView.class)))
    public Response issue(@PathParam("caseId") String caseId, Quotes.QuoteRequest request) {
        Quotes.QuoteView view = quotes.issue(Params.uuid("case", caseId), request);
        return Response.created(URI.create("/api/v1/cases/" + view.caseId() + "/quotes/" + view.id()))
                .header(HttpHeaders.ETAG, Versions.etag(view.version())).entity(view).build();
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.GENERAL_MANAGER, Roles.AFTER_SALES_MANAGER, Roles.SALES_MANAGER, Roles.PROJECT_MANAGER,
            Roles.SALES, Roles.CUSTOMER})
    @Operation(summary = "The case's quotes")
    public List<Quotes.QuoteView> quotes(@PathParam("caseId") String caseId) {
        return quotes.of(Params.uuid("case", caseId));
    }

    @POST
    @Path("{quoteId}/decision")
    @RolesAllowed({Roles.CUSTOMER, Roles.SALES, Roles.SALES_MANAGER, Roles.AFTER_SALES_MANAGER})
    @Operation(summary = "The customer accepts or declines the quote (If-Match)")
    @APIResponse(responseCode = "200", description = "OK", headers = {@Header(name = "ETag")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Quotes.QuoteView.class)))
    public Response decide(@PathParam("caseId") String caseId, @PathParam("quoteId") String quoteId,
                           @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, Quotes.DecisionRequest request) {
        long expected = Versions.required(ifMatch);
        Quotes.QuoteView view = quotes.decide(Params.uuid("case", caseId), Params.uuid("quote", quoteId), expected, request);
        return Versions.ok(view, view.version());
    }
}
