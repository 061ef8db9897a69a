package com.aftersales.ledger;

import com.aftersales.shared.idempotency.Idempotent;
import com.aftersales.shared.security.Roles;
import com.aftersales.shared.upload.Upload;
import com.aftersales.shared.web.Params;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.Map;

/**
 * The quality center's ledgers (客诉台帐 and the returns ledger) as workbooks: the empty template, the live ledgers in
 * the same template, and the import of historical ones.
 */
@Path("/api/v1/ledger")
@Tag(name = "ledger")
public class LedgerResource {

    @Inject
    LedgerImport ledgerImport;

    @Inject
    LedgerExport ledgerExport;

    @GET
    @Path("template")
    @Produces(LedgerWorkbook.MEDIA_TYPE)
    @RolesAllowed({Roles.ADMIN, Roles.GENERAL_MANAGER, Roles.AFTER_SALES_MANAGER, Roles.QUALITY_ENGINEER})
    @Operation(summary = "The ledger template workbook (sheet 台帐, Chinese headers) that the ledger import reads")
    @APIResponse(responseCode = "200", description = "OK",
            content = @Content(mediaType = LedgerWorkbook.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING, format = "binary")))
    public Response template() {
        return workbook(LedgerWorkbook.write(List.of(), Map.of(), null), "ledger-template.xlsx");
    }

    @GET
    @Produces(LedgerWorkbook.MEDIA_TYPE)
    @RolesAllowed({Roles.ADMIN, Roles.GENERAL_MANAGER, Roles.AFTER_SALES_MANAGER, Roles.QUALITY_ENGINEER})
    @Operation(summary = "The complaint ledger (kind=complaints: every case received in the period) or the returns ledger "
            + "(kind=returns: the cases with a return), live and imported, in the template the import reads")
    @APIResponse(responseCode = "200", description = "OK",
            content = @Content(mediaType = LedgerWorkbook.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING, format = "binary")))
    public Response export(@QueryParam("kind") @Parameter(description = "complaints (default) or returns",
                                   schema = @Schema(enumeration = {"complaints", "returns"})) String kind,
                           @QueryParam("from") @Parameter(description = "first day of receipt (default: three years before to)",
                                   schema = @Schema(format = "date")) String from,
                           @QueryParam("to") @Parameter(description = "last day of receipt (default: today)",
                                   schema = @Schema(format = "date")) String to) {
        LedgerExport.Kind k = Params.enumParam("kind", kind, LedgerExport.Kind.class);
        LedgerExport.Kind chosen = k == null ? LedgerExport.Kind.COMPLAINTS : k;
        byte[] xlsx = ledgerExport.export(chosen, Params.dateParam("from", from), Params.dateParam("to", to));
        return workbook(xlsx, chosen.name().toLowerCase(java.util.Locale.ROOT) + "-ledger.xlsx");
    }

    @POST
    @Path("import")
    @Idempotent
    @Consumes({Upload.CSV, MediaType.TEXT_PLAIN, MediaType.APPLICATION_OCTET_STREAM, Upload.XLSX})
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.AFTER_SALES_MANAGER, Roles.QUALITY_ENGINEER})
    @Operation(summary = "Import a historical complaint or returns ledger (the template as .xlsx, or CSV): all or nothing, "
            + "each bad row reported with its line (sheet row); rows whose 单号 is a case already are skipped")
    @APIResponse(responseCode = "200", description = "OK",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LedgerImport.Result.class)))
    public Response importLedger(byte[] body) {
        return Response.ok(ledgerImport.importLedger(body)).build();
    }

    private static Response workbook(byte[] xlsx, String name) {
        return Response.ok(xlsx, LedgerWorkbook.MEDIA_TYPE)
                .header("Content-Disposition", "attachment; filename=\"" + name + "\"").build();
    }
}
