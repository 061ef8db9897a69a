package com.aftersales.cases;

import com.aftersales.shared.billing.PaymentRequest;
import com.aftersales.shared.idempotency.Idempotent;
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

/** Invoices of a case's chargeable work (its verified cost lines billed to the customer) and their payment. */
@Path("/api/v1/cases/{caseId}/invoices")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "cases")
public class CaseInvoiceResource {

    @Inject
    CaseInvoices invoices;

    @POST
    @Idempotent
    @RolesAllowed({Roles.FINANCE, Roles.ADMIN})
    @Operation(summary = "Invoice the case's chargeable work: the given cost lines (costIds) or every verified line billed to "
            + "the customer not invoiced yet; the total is their exact sum. 409 nothing_to_invoice, 409 cost_invoiced (a line "
            + "is invoiced once), 409 invoice_no_taken; 422 invoicedOn after today, 422 costIds for another kind of line")
    @APIResponse(responseCode = "201", description = "Created", headers = {@Header(name = "Location"), @Header(name = "ETag")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CaseInvoices.InvoiceView.class)))
    public Response issue(@PathParam("caseId") String caseId, CaseInvoices.InvoiceRequest request) {
        CaseInvoices.InvoiceView view = invoices.issue(Params.uuid("case", caseId), request);
        return Response.created(URI.create("/api/v1/cases/" + view.caseId() + "/invoices/" + view.id()))
                .header(HttpHeaders.ETAG, Versions.etag(view.version())).entity(view).build();
    }

    @GET
    @AnyRole
    @Operation(summary = "The case's bill: its invoices with their lines and payment, and the chargeable lines not invoiced "
            + "yet (a customer account: its own cases only; lines billed to the company or a contract are never in it)")
    @APIResponse(responseCode = "200", description = "OK",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CaseInvoices.BillView.class)))
    public CaseInvoices.BillView bill(@PathParam("caseId") String caseId) {
        return invoices.bill(Params.uuid("case", caseId));
    }

    @GET
    @Path("{invoiceId}")
    @AnyRole
    @Operation(summary = "One invoice of the case's chargeable work")
    @APIResponse(responseCode = "200", description = "OK", headers = {@Header(name = "ETag")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CaseInvoices.InvoiceView.class)))
    public Response invoice(@PathParam("caseId") String caseId, @PathParam("invoiceId") String invoiceId) {
        CaseInvoices.InvoiceView view = invoices.get(Params.uuid("case", caseId), Params.uuid("case-invoice", invoiceId));
        return Versions.ok(view, view.version());
    }

    @POST
    @Path("{invoiceId}/payment")
    @RolesAllowed({Roles.FINANCE, Roles.ADMIN})
    @Operation(summary = "Record the invoice's payment once and in full (If-Match): the whole total (422 amountCny), dated "
            + "neither after today nor before the invoice (422 paidOn); 409 invoice_paid")
    @APIResponse(responseCode = "200", description = "OK", headers = {@Header(name = "ETag")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CaseInvoices.InvoiceView.class)))
    public Response payment(@PathParam("caseId") String caseId, @PathParam("invoiceId") String invoiceId,
                            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, PaymentRequest request) {
        long expected = Versions.required(ifMatch);
        CaseInvoices.InvoiceView view = invoices.pay(Params.uuid("case", caseId), Params.uuid("case-invoice", invoiceId),
                expected, request);
        return Versions.ok(view, view.version());
    }
}
