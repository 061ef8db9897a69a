package com.aftersales.spareparts;

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

import java.net.URI;
import java.util.List;

/** Spare parts (备品备件), wear-part lists, stock per location and its movements. */
@Path("/api/v1/spare-parts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "spare-parts")
public class SparePartResource {

    @Inject
    SpareParts parts;

    @POST
    @Idempotent
    @RolesAllowed({Roles.ADMIN, Roles.PRODUCT_MANAGER})
    @Operation(summary = "Register a spare part (part number, Chinese name, models, unit, market price in CNY, wear part)")
    @APIResponse(responseCode = "201", description = "Created", headers = {@Header(name = "Location"), @Header(name = "ETag")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SpareParts.PartView.class)))
    public Response create(SpareParts.PartRequest request) {
        SpareParts.PartView view = parts.create(request);
        return Response.created(URI.create("/api/v1/spare-parts/" + view.id()))
                .header(HttpHeaders.ETAG, Versions.etag(view.version())).entity(view).build();
    }

    @GET
    @AnyStaff
    @Operation(summary = "Spare parts by number (model: parts for a product model; wearPart=true: its wear-part list)")
    public Page<SpareParts.PartView> list(@QueryParam("model") String model, @QueryParam("wearPart") String wearPart,
                                         @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return parts.list(model == null || model.isBlank() ? null : model, Params.boolParam("wearPart", wearPart),
                PageRequest.of(limit, cursor));
    }

    @GET
    @Path("below-safety-stock")
    @RolesAllowed({Roles.ADMIN, Roles.GENERAL_MANAGER, Roles.AFTER_SALES_MANAGER, Roles.PRODUCT_MANAGER, Roles.WAREHOUSE})
    @Operation(summary = "Every part and location whose stock is under its safety stock")
    public List<SpareParts.StockView> belowSafetyStock() {
        return parts.belowSafetyStock();
    }

    @GET
    @Path("{id}")
    @AnyStaff
    @Operation(summary = "One spare part")
    @APIResponse(responseCode = "200", description = "OK", headers = {@Header(name = "ETag")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SpareParts.PartView.class)))
    public Response get(@PathParam("id") String id) {
        SpareParts.PartView view = parts.get(Params.uuid("spare-part", id));
        return Versions.ok(view, view.version());
    }

    @PUT
    @Path("{id}")
    @RolesAllowed({Roles.ADMIN, Roles.PRODUCT_MANAGER})
    @Operation(summary = "Amend a spare part (If-Match); the part number cannot change")
    @APIResponse(responseCode = "200", description = "OK", headers = {@Header(name = "ETag")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SpareParts.PartView.class)))
    public Response update(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                           SpareParts.PartRequest request) {
        long expected = Versions.required(ifMatch);
        SpareParts.PartView view = parts.update(Params.uuid("spare-part", id), expected, request);
        return Versions.ok(view, view.version());
    }

    @GET
    @Path("{id}/stock")
    @AnyStaff
    @Operation(summary = "Stock of a part per location")
    public List<SpareParts.StockView> stock(@PathParam("id") String id) {
        return parts.stock(Params.uuid("spare-part", id));
    }

    @GET
    @Path("{id}/stock/{location}")
    @AnyStaff
    @Operation(summary = "Stock of a part at one location, with its ETag")
    @APIResponse(responseCode = "200", description = "OK", headers = {@Header(name = "ETag")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SpareParts.StockView.class)))
    public Response stockAt(@PathParam("id") String id, @PathParam("location") String location) {
        SpareParts.StockView view = parts.stockAt(Params.uuid("spare-part", id), location);
        return Versions.ok(view, view.version());
    }

    @PUT
    @Path("{id}/stock/{location}")
    @RolesAllowed({Roles.ADMIN, Roles.PRODUCT_MANAGER})
    @Operation(summary = "Safety stock and reorder point of a part at a location (If-Match with the stock row's ETag; "
            + "If-None-Match: * for a location without a row yet)")
    @APIResponse(responseCode = "200", description = "OK", headers = {@Header(name = "ETag")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SpareParts.StockView.class)))
    public Response levels(@PathParam("id") String id, @PathParam("location") String location,
                           @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                           @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch, SpareParts.StockSettings settings) {
        Versions.Put precondition = Versions.put(ifMatch, ifNoneMatch);
        SpareParts.StockView view = parts.setStockLevels(Params.uuid("spare-part", id), location, precondition, settings);
        return Versions.ok(view, view.version());
    }

    @POST
    @Path("{id}/movements")
    @Idempotent
    @RolesAllowed({Roles.ADMIN, Roles.WAREHOUSE})
    @Operation(summary = "Receipt, issue to a case, or adjustment (with reason); stock never goes negative (409). "
            + "Send an Idempotency-Key: a retried issue must not take the pieces twice")
    @APIResponse(responseCode = "200", description = "OK",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SpareParts.StockView.class)))
    public Response move(@PathParam("id") String id, SpareParts.MovementRequest request) {
        return Response.ok(parts.move(Params.uuid("spare-part", id), request)).build();
    }
}
