package com.aftersales.cases;

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
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A service station's rate card (结算标准), against which its fee lines are checked. */
@Path("/api/v1/customers/{customerId}/rate-card")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "stations")
public class StationRateCardResource {

    @Inject
    StationRateCards cards;

    @PUT
    @RolesAllowed({Roles.ADMIN, Roles.AFTER_SALES_MANAGER})
    @Operation(summary = "Set a service station's rates from a day on (labour CNY/hour, travel CNY/km and CNY/day; the "
            + "same day again replaces them): If-None-Match: * for its first card, If-Match with the card's ETag after. "
            + "A line is priced by the rates in force on the day it was incurred. A customer of another type: 409")
    @APIResponse(responseCode = "200", description = "OK", headers = {@Header(name = "ETag")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = StationRateCards.RateCardView.class)))
    public Response put(@PathParam("customerId") String customerId, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                        @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch, StationRateCards.RateRequest request) {
        Versions.Put precondition = Versions.put(ifMatch, ifNoneMatch);
        StationRateCards.RateCardView view = cards.put(Params.uuid("customer", customerId), precondition, request);
        return Versions.ok(view, view.version());
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.GENERAL_MANAGER, Roles.AFTER_SALES_MANAGER, Roles.FINANCE, Roles.SERVICE_STATION})
    @Operation(summary = "A service station's rate card: the rates in force today and their history (a station account: "
            + "its own only, another's is 404)")
    @APIResponse(responseCode = "200", description = "OK", headers = {@Header(name = "ETag")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = StationRateCards.RateCardView.class)))
    public Response get(@PathParam("customerId") String customerId) {
        StationRateCards.RateCardView view = cards.get(Params.uuid("customer", customerId));
        return Versions.ok(view, view.version());
    }
}
