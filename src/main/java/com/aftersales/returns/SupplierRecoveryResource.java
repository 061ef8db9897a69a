package com.aftersales.returns;

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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.time.LocalDate;
import java.util.UUID;

/** Supplier recovery (责任追溯): debit notes raised against suppliers for confirmed purchased-part defects. */
@Path("/api/v1/supplier-recoveries")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "suppliers")
public class SupplierRecoveryResource {

    @Inject
    SupplierRecoveries recoveries;

    @Context
    HttpHeaders headers;

    @POST
    @Idempotent
    @RolesAllowed({Roles.ADMIN, Roles.GENERAL_MANAGER, Roles.AFTER_SALES_MANAGER, Roles.QUALITY_ENGINEER})
    @Operation(summary = "Raise a debit note (DN-<year>-<n>) against the supplier of a returned unit judged a purchased-part "
            + "defect, with the evidence (the unit's test records, the case's 8D report and attachments): amount = the unit's "
            + "even part of the case's verified costs × the supplier's share, rounded to the fen once, frozen from now on. "
            + "Once per unit (409 supplier_recovery_exists); 422 naming the field for another verdict or cause, no verified "
            + "costs, or evidence of another unit or case")
    @APIResponse(responseCode = "201", description = "Created", headers = {@Header(name = "Location"), @Header(name = "ETag")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SupplierRecoveries.DebitNoteView.class)))
    public Response raise(SupplierRecoveries.RaiseRequest request) {
        SupplierRecoveries.DebitNoteView view = recoveries.raise(request);
        return Response.created(URI.create("/api/v1/supplier-recoveries/" + view.id()))
                .header(HttpHeaders.ETAG, Versions.etag(view.version())).entity(view).build();
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.GENERAL_MANAGER, Roles.AFTER_SALES_MANAGER, Roles.QUALITY_ENGINEER, Roles.FINANCE})
    @Operation(summary = "Debit notes by number (filters: supplierId, status, raised from/to, business dates inclusive)")
    public Page<SupplierRecoveries.DebitNoteView> list(@QueryParam("supplierId") String supplierId,
                                                      @QueryParam("status") @Parameter(schema = @Schema(implementation = SupplierRecovery.Status.class)) String status,
                                                      @QueryParam("from") String from, @QueryParam("to") String to,
                                                      @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        UUID supplier = supplierId == null || supplierId.isBlank() ? null : Params.uuid("supplier", supplierId);
        LocalDate start = Params.dateParam("from", from);
        LocalDate end = Params.dateParam("to", to);
        return recoveries.list(supplier, Params.enumParam("status", status, SupplierRecovery.Status.class), start, end,
                PageRequest.of(limit, cursor));
    }

    @GET
    @Path("attributable")
    @RolesAllowed({Roles.ADMIN, Roles.GENERAL_MANAGER, Roles.AFTER_SALES_MANAGER, Roles.QUALITY_ENGINEER, Roles.FINANCE})
    @Operation(summary = "What is still to be raised: confirmed purchased-part defects whose case has verified costs and "
            + "that have no debit note yet, with the amount raising one would claim today")
    public Page<SupplierRecoveries.AttributableDefect> attributable(@QueryParam("limit") String limit,
                                                              @QueryParam("cursor") String cursor) {
        return recoveries.attributable(PageRequest.of(limit, cursor));
    }

    /** JSON unless the caller asks for the workbook by name (a wildcard gets JSON). */
    @GET
    @Path("{id}")
    @Produces({MediaType.APPLICATION_JSON, DebitNoteWorkbook.MEDIA_TYPE})
    @RolesAllowed({Roles.ADMIN, Roles.GENERAL_MANAGER, Roles.AFTER_SALES_MANAGER, Roles.QUALITY_ENGINEER, Roles.FINANCE})
    @Operation(summary = "One debit note with its evidence and its answer, recovery or write-off. Accept: the spreadsheet "
            + "type for the zh-CN document sent to the supplier (供应商索赔函/扣款通知单: supplier, case, unit and model, cause, "
            + "share, verified costs, amount, evidence list)")
    @APIResponse(responseCode = "200", description = "OK", headers = {@Header(name = "ETag")}, content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SupplierRecoveries.DebitNoteView.class)),
            @Content(mediaType = DebitNoteWorkbook.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING, format = "binary"))})
    public Response get(@PathParam("id") String id) {
        UUID note = Params.uuid("supplier-recovery", id);
        boolean workbook = headers.getAcceptableMediaTypes().stream()
                .map(m -> m.getType() + "/" + m.getSubtype())
                .filter(m -> m.equals(DebitNoteWorkbook.MEDIA_TYPE) || m.equals(MediaType.APPLICATION_JSON))
                .findFirst().orElse(MediaType.APPLICATION_JSON).equals(DebitNoteWorkbook.MEDIA_TYPE);
        if (workbook) {
            SupplierRecoveries.DebitNoteSheet sheet = recoveries.sheet(note);
            return Response.ok(DebitNoteWorkbook.write(sheet), DebitNoteWorkbook.MEDIA_TYPE)
                    .header(HttpHeaders.ETAG, Versions.etag(sheet.note().version()))
                    .header("Content-Disposition", "attachment; filename=\"" + sheet.note().debitNoteNo() + ".xlsx\"").build();
        }
        return withEtag(recoveries.get(note));
    }

    @POST
    @Path("{id}/acceptance")
    @RolesAllowed({Roles.ADMIN, Roles.GENERAL_MANAGER, Roles.AFTER_SALES_MANAGER, Roles.QUALITY_ENGINEER, Roles.FINANCE})
    @Operation(summary = "The supplier's answer: ACCEPTED with the amount it accepts (at most the raised one: 422 acceptedCny) "
            + "or DISPUTED with its reason; a DISPUTED note becomes ACCEPTED after negotiation. If-Match")
    @APIResponse(responseCode = "200", description = "OK", headers = {@Header(name = "ETag")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SupplierRecoveries.DebitNoteView.class)))
    public Response answer(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                           SupplierRecoveries.AnswerRequest request) {
        long expected = Versions.required(ifMatch);
        return withEtag(recoveries.answer(Params.uuid("supplier-recovery", id), expected, request));
    }

    @POST
    @Path("{id}/write-off")
    @RolesAllowed({Roles.ADMIN, Roles.GENERAL_MANAGER, Roles.AFTER_SALES_MANAGER})
    @Operation(summary = "Write off a DISPUTED or ACCEPTED note, with the reason (approved by the after-sales or general "
            + "manager); final. If-Match")
    @APIResponse(responseCode = "200", description = "OK", headers = {@Header(name = "ETag")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SupplierRecoveries.DebitNoteView.class)))
    public Response writeOff(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                             SupplierRecoveries.WriteOffRequest request) {
        long expected = Versions.required(ifMatch);
        return withEtag(recoveries.writeOff(Params.uuid("supplier-recovery", id), expected, request));
    }

    @POST
    @Path("{id}/recovery")
    @RolesAllowed({Roles.ADMIN, Roles.FINANCE})
    @Operation(summary = "Finance records what was recovered of an ACCEPTED note: credit note, payment or offset against the "
            + "supplier's invoice, its reference, the date (not after today) and the amount (at most the accepted one: 422 "
            + "amountCny); final. If-Match")
    @APIResponse(responseCode = "200", description = "OK", headers = {@Header(name = "ETag")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SupplierRecoveries.DebitNoteView.class)))
    public Response recover(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                            SupplierRecoveries.RecoveryRequest request) {
        long expected = Versions.required(ifMatch);
        return withEtag(recoveries.recover(Params.uuid("supplier-recovery", id), expected, request));
    }

    private static Response withEtag(SupplierRecoveries.DebitNoteView view) {
        return Versions.ok(view, view.version());
    }
}
