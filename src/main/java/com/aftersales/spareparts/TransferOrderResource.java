package com.aftersales.spareparts;

import com.aftersales.shared.idempotency.Idempotent;
import com.aftersales.shared.paging.Page;
import com.aftersales.shared.paging.PageRequest;
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
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;

/** 调拨单: transfer orders between stock locations. */
@Path("/api/v1/transfer-orders")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "spare-parts")
public class TransferOrderResource {

    @Inject
    TransferOrders orders;

    @POST
    @Idempotent
    @RolesAllowed({Roles.ADMIN, Roles.AFTER_SALES_MANAGER, Roles.SALES_MANAGER, Roles.PROJECT_MANAGER, Roles.SALES,
            Roles.PRODUCT_MANAGER, Roles.REPAIR, Roles.WAREHOUSE})
    @Operation(summary = "Request a transfer of parts between locations (optionally for a case)")
    @APIResponse(responseCode = "201", description = "Created", headers = {@Header(name = "Location"), @Header(name = "ETag")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TransferOrders.OrderView.class)))
    public Response request(TransferOrders.OrderRequest request) {
        TransferOrders.OrderView view = orders.request(request);
        return Response.created(URI.create("/api/v1/transfer-orders/" + view.id()))
                .header(HttpHeaders.ETAG, Versions.etag(view.version())).entity(view).build();
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.GENERAL_MANAGER, Roles.AFTER_SALES_MANAGER, Roles.SALES_MANAGER, Roles.PROJECT_MANAGER,
            Roles.SALES, Roles.PRODUCT_MANAGER, Roles.REPAIR, Roles.WAREHOUSE})
    @Operation(summary = "Transfer orders by number (filter: status)")
    public Page<TransferOrders.OrderView> list(@QueryParam("status") @Parameter(schema = @Schema(implementation = TransferOrder.Status.class)) String status, @QueryParam("limit") String limit,
                                               @QueryParam("cursor") String cursor) {
        return orders.list(Params.enumParam("status", status, TransferOrder.Status.class), PageRequest.of(limit, cursor));
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.ADMIN, Roles.GENERAL_MANAGER, Roles.AFTER_SALES_MANAGER, Roles.SALES_MANAGER, Roles.PROJECT_MANAGER,
            Roles.SALES, Roles.PRODUCT_MANAGER, Roles.REPAIR, Roles.WAREHOUSE})
    @Operation(summary = "One transfer order")
    @APIResponse(responseCode = "200", description = "OK", headers = {@Header(name = "ETag")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TransferOrders.OrderView.class)))
    public Response get(@PathParam("id") String id) {
        return withEtag(orders.get(Params.uuid("transfer-order", id)));
    }

    @POST
    @Path("{id}/decision")
    @RolesAllowed(Roles.PRODUCT_MANAGER)
    @Operation(summary = "The product manager approves or rejects (调拨单审核)")
    @APIResponse(responseCode = "200", description = "OK", headers = {@Header(name = "ETag")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TransferOrders.OrderView.class)))
    public Response decide(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                           TransferOrders.DecisionRequest request) {
        long expected = Versions.required(ifMatch);
        return withEtag(orders.decide(Params.uuid("transfer-order", id), expected, request));
    }

    @POST
    @Path("{id}/shipment")
    @RolesAllowed(Roles.WAREHOUSE)
    @Operation(summary = "The warehouse ships an approved order with its dispatch record; stock leaves the source")
    @APIResponse(responseCode = "200", description = "OK", headers = {@Header(name = "ETag")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TransferOrders.OrderView.class)))
    public Response ship(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                         TransferOrders.Dispatch dispatch) {
        long expected = Versions.required(ifMatch);
        return withEtag(orders.ship(Params.uuid("transfer-order", id), expected, dispatch));
    }

    @POST
    @Path("{id}/receipt")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed(Roles.WAREHOUSE)
    @Operation(summary = "The receiving warehouse confirms; stock arrives at the destination")
    @APIResponse(responseCode = "200", description = "OK", headers = {@Header(name = "ETag")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TransferOrders.OrderView.class)))
    public Response receive(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        long expected = Versions.required(ifMatch);
        return withEtag(orders.receive(Params.uuid("transfer-order", id), expected));
    }

    private static Response withEtag(TransferOrders.OrderView view) {
        return Versions.ok(view, view.version());
    }
}
