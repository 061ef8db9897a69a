package com.aftersales.warranty;

import com.aftersales.shared.error.ProblemException;
import com.aftersales.shared.idempotency.Idempotent;
import com.aftersales.shared.paging.Page;
import com.aftersales.shared.paging.PageRequest;
import com.aftersales.shared.security.AnyRole;
import com.aftersales.shared.security.Roles;
import com.aftersales.shared.web.Params;
import com.aftersales.shared.web.Versions;
import com.aftersales.unit.ProductLine;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
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
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Free-warranty terms (包修) agreed with a customer. */
@Path("/api/v1/customers/{customerId}/warranty-terms")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "warranty")
public class WarrantyTermResource {

    @Inject
    WarrantyTerms terms;

    @POST
        @Idempotent
    @RolesAllowed({Roles.ADMIN, Roles.SALES, Roles.SALES_MANAGER})
    @Operation(summary = "Agree a free-warranty term (包修) with a customer for a product line; ends the open term before it")
    @APIResponse(responseCode = "201", description = "Created", headers = {@Header(name = "Location"), @Header(name = "ETag")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WarrantyTermView.class)))
    public Response agree(@PathParam("customerId") String customerId, WarrantyTermRequest request) {
        WarrantyTermView view = terms.agree(Params.uuid("customer", customerId), request);
        return Response.created(URI.create("/api/v1/customers/" + view.customerId() + "/warranty-terms/" + view.id()))
                .header(HttpHeaders.ETAG, Versions.etag(view.version())).entity(view).build();
    }

    @GET
        @AnyRole
    @Operation(summary = "A customer's free-warranty terms")
    public Page<WarrantyTermView> terms(@PathParam("customerId") String customerId,
                                        @QueryParam("productLine") String line,
                                        @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        PageRequest page = PageRequest.of(limit, cursor);
        if (page.after() != null && !page.after().matches("[0-9a-f-]{36}")) {
            throw ProblemException.badParameter("cursor", "validation.cursor");
        }
        return terms.list(Params.uuid("customer", customerId), Params.enumParam("productLine", line, ProductLine.class), page);
    }

    @GET
    @Path("{termId}")
    @AnyRole
    @Operation(summary = "One free-warranty term")
    @APIResponse(responseCode = "200", description = "OK", headers = {@Header(name = "ETag")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WarrantyTermView.class)))
    public Response term(@PathParam("customerId") String customerId, @PathParam("termId") String termId) {
        WarrantyTermView view = terms.get(Params.uuid("customer", customerId), Params.uuid("warranty-term", termId));
        return Versions.ok(view, view.version());
    }

    @PUT
    @Path("{termId}")
    @RolesAllowed({Roles.ADMIN, Roles.SALES, Roles.SALES_MANAGER})
    @Operation(summary = "Amend a free-warranty term (If-Match: the ETag you read)")
    @APIResponse(responseCode = "200", description = "OK", headers = {@Header(name = "ETag")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WarrantyTermView.class)))
    public Response amendTerm(@PathParam("customerId") String customerId, @PathParam("termId") String termId,
                              @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, WarrantyTermRequest request) {
        long expected = Versions.required(ifMatch);
        WarrantyTermView view = terms.amend(Params.uuid("customer", customerId), Params.uuid("warranty-term", termId),
                expected, request);
        return Versions.ok(view, view.version());
    }
}
