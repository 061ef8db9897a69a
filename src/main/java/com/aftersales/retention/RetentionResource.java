package com.aftersales.retention;

import com.aftersales.shared.security.Roles;
import com.aftersales.shared.web.Versions;
import com.aftersales.unit.SerialNo;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

/** Record retention: product life per model, a unit's retention dates, what has expired, and removal of personal data. */
@Path("/api/v1/retention")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "retention")
public class RetentionResource {

    @Inject
    Retention retention;

    @Inject
    Clock clock;

    @GET
    @Path("product-life")
    @RolesAllowed({Roles.ADMIN, Roles.GENERAL_MANAGER, Roles.AFTER_SALES_MANAGER, Roles.QUALITY_ENGINEER, Roles.PRODUCT_MANAGER})
    @Operation(summary = "Product life in years per model ('*' is the default for models without their own)")
    public List<Retention.ProductLife> lives() {
        return retention.lives();
    }

    @GET
    @Path("product-life/{model}")
    @RolesAllowed({Roles.ADMIN, Roles.GENERAL_MANAGER, Roles.AFTER_SALES_MANAGER, Roles.QUALITY_ENGINEER, Roles.PRODUCT_MANAGER})
    @Operation(summary = "One model's product life ('*': the default), with its ETag")
    @APIResponse(responseCode = "200", description = "OK", headers = {@Header(name = "ETag")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Retention.ProductLife.class)))
    public Response life(@PathParam("model") String model) {
        Retention.ProductLife life = retention.life(model);
        return Versions.ok(life, life.version());
    }

    @PUT
    @Path("product-life/{model}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Set a model's product life (1–50 years; '*' for the default): If-Match with its ETag, "
            + "If-None-Match: * for a model without its own yet")
    @APIResponse(responseCode = "200", description = "OK", headers = {@Header(name = "ETag")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Retention.ProductLife.class)))
    public Response setLife(@PathParam("model") String model, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch, Retention.LifeRequest request) {
        Versions.Put precondition = Versions.put(ifMatch, ifNoneMatch);
        Retention.ProductLife life = retention.setLife(model, precondition, request);
        return Versions.ok(life, life.version());
    }

    @GET
    @Path("units/{serialNo}")
    @RolesAllowed({Roles.ADMIN, Roles.GENERAL_MANAGER, Roles.AFTER_SALES_MANAGER, Roles.QUALITY_ENGINEER, Roles.PRODUCT_MANAGER})
    @Operation(summary = "A unit's retention: kept until (product life + 1 calendar year), recall hold, removable from; "
            + "the ETag is the unit's")
    @APIResponse(responseCode = "200", description = "OK", headers = {@Header(name = "ETag")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Retention.UnitRetention.class)))
    public Response unit(@PathParam("serialNo") String serialNo) {
        Retention.UnitRetention unit = retention.unit(SerialNo.of(serialNo));
        return Versions.ok(unit, unit.version());
    }

    @DELETE
    @Path("units/{serialNo}")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Remove a unit's personal data (and of its cases past retention); 409 with the date it may go "
            + "while retention or a recall hold runs; If-Match with the unit's ETag")
    @APIResponse(responseCode = "200", description = "OK", headers = {@Header(name = "ETag")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Retention.UnitRetention.class)))
    public Response erase(@PathParam("serialNo") String serialNo, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        long expected = Versions.required(ifMatch);
        Retention.UnitRetention unit = retention.erase(SerialNo.of(serialNo), expected);
        return Versions.ok(unit, unit.version());
    }

    @GET
    @Path("expired")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Units whose personal data the retention job removes on a date (asOf, default today), at most 200")
    public List<Retention.UnitRetention> expired(@QueryParam("asOf") String asOf) {
        return retention.expired(Retention.date("asOf", asOf, LocalDate.now(clock)));
    }
}
