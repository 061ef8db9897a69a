package com.aftersales.warranty;

import com.aftersales.shared.billing.PaymentRequest;
import com.aftersales.shared.error.Messages;
import com.aftersales.shared.idempotency.Idempotent;
import com.aftersales.shared.paging.Page;
import com.aftersales.shared.paging.PageRequest;
import com.aftersales.shared.security.AnyRole;
import com.aftersales.shared.security.Roles;
import com.aftersales.shared.web.Params;
import com.aftersales.shared.web.Versions;
import com.aftersales.unit.ProductLine;
import com.aftersales.unit.SerialNo;
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

/** Paid service contracts (保修协议) of a unit. */
@Path("/api/v1/units/{serialNo}/service-contracts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "warranty")
public class ServiceContractResource {

    @Inject
    ServiceContracts contracts;

    @POST
        @Idempotent
    @RolesAllowed({Roles.SALES, Roles.SALES_MANAGER})
    @Operation(summary = "Sign a paid service contract (保修协议) for a unit; fee in CNY, exact to the fen")
    @APIResponse(responseCode = "201", description = "Created", headers = {@Header(name = "Location"), @Header(name = "ETag")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ServiceContractView.class)))
    public Response sign(@PathParam("serialNo") String serialNo, ServiceContractRequest request) {
        ServiceContractView view = contracts.sign(SerialNo.of(serialNo), request);
        return Response.created(URI.create("/api/v1/units/" + URLEncoder.encode(view.serialNo(), StandardCharsets.UTF_8)
                        + "/service-contracts/" + view.id()))
                .header(HttpHeaders.ETAG, Versions.etag(view.version())).entity(view).build();
    }

    @GET
        @AnyRole
    @Operation(summary = "A unit's service contracts")
    public Page<ServiceContractView> contracts(@PathParam("serialNo") String serialNo,
                                               @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return contracts.list(SerialNo.of(serialNo), PageRequest.of(limit, cursor));
    }

    @GET
    @Path("{contractId}")
    @AnyRole
    @Operation(summary = "One service contract")
    @APIResponse(responseCode = "200", description = "OK", headers = {@Header(name = "ETag")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ServiceContractView.class)))
    public Response contract(@PathParam("serialNo") String serialNo, @PathParam("contractId") String contractId) {
        ServiceContractView view = contracts.get(SerialNo.of(serialNo), Params.uuid("service-contract", contractId));
        return Versions.ok(view, view.version());
    }

    @POST
    @Path("{contractId}/cancellation")
    @RolesAllowed({Roles.SALES, Roles.SALES_MANAGER})
    @Operation(summary = "Cancel a service contract (If-Match: the ETag you read)")
    @APIResponse(responseCode = "200", description = "OK", headers = {@Header(name = "ETag")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ServiceContractView.class)))
    public Response cancel(@PathParam("serialNo") String serialNo, @PathParam("contractId") String contractId,
                           @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, CancellationRequest request) {
        long expected = Versions.required(ifMatch);
        ServiceContractView view = contracts.cancel(SerialNo.of(serialNo), Params.uuid("service-contract", contractId), expected, request);
        return Versions.ok(view, view.version());
    }

    @POST
    @Path("{contractId}/invoice")
    @RolesAllowed({Roles.FINANCE, Roles.ADMIN})
    @Operation(summary = "Record the fee's invoice once (If-Match): its number (unique, 409 invoice_no_taken) and date (not "
            + "after today, not before the signing: 422 invoicedOn); a cancelled contract takes none (409)")
    @APIResponse(responseCode = "200", description = "OK", headers = {@Header(name = "ETag")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ServiceContractView.class)))
    public Response invoice(@PathParam("serialNo") String serialNo, @PathParam("contractId") String contractId,
                            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, ServiceContracts.ContractInvoiceRequest request) {
        long expected = Versions.required(ifMatch);
        ServiceContractView view = contracts.invoice(SerialNo.of(serialNo), Params.uuid("service-contract", contractId),
                expected, request);
        return Versions.ok(view, view.version());
    }

    @POST
    @Path("{contractId}/payment")
    @RolesAllowed({Roles.FINANCE, Roles.ADMIN})
    @Operation(summary = "Record the fee's payment once and in full (If-Match): after the invoice (409 contract_not_invoiced), "
            + "dated neither after today nor before the invoice (422 paidOn), the whole fee (422 amountCny). Under the "
            + "payment activation rule the contract covers its dates from that day")
    @APIResponse(responseCode = "200", description = "OK", headers = {@Header(name = "ETag")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ServiceContractView.class)))
    public Response payment(@PathParam("serialNo") String serialNo, @PathParam("contractId") String contractId,
                            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, PaymentRequest request) {
        long expected = Versions.required(ifMatch);
        ServiceContractView view = contracts.pay(SerialNo.of(serialNo), Params.uuid("service-contract", contractId),
                expected, request);
        return Versions.ok(view, view.version());
    }
}
