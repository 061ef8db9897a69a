package com.aftersales.cases;

import com.aftersales.shared.security.Roles;
import com.aftersales.shared.web.Params;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The monthly claim settlement statement (索赔结算单) of a customer, as JSON or the zh-CN workbook. */
@Path("/api/v1/customers/{customerId}/claim-statements/{month}")
@Tag(name = "cases")
public class ClaimStatementResource {

    @Inject
    ClaimStatements statements;

    @Context
    HttpHeaders headers;

    /** JSON unless the caller asks for the workbook by name (a wildcard gets JSON). */
    @GET
    @Produces({MediaType.APPLICATION_JSON, ClaimStatementWorkbook.MEDIA_TYPE})
    @RolesAllowed({Roles.ADMIN, Roles.GENERAL_MANAGER, Roles.AFTER_SALES_MANAGER, Roles.SALES_MANAGER, Roles.SALES,
            Roles.CUSTOMER})
    @Operation(summary = "The customer's claim settlement statement (索赔结算单) for a month (YYYY-MM): the claims settled in "
            + "it (by settlement date) with case no., units, settlement, claimed and agreed per category, settled, and the "
            + "totals. Accept: the spreadsheet type for the zh-CN workbook. A customer account: its own only (else 404)")
    @APIResponse(responseCode = "200", description = "OK", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ClaimStatements.ClaimStatement.class)),
            @Content(mediaType = ClaimStatementWorkbook.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING, format = "binary"))})
    public Response get(@PathParam("customerId") String customerId,
                        @PathParam("month") @Parameter(schema = @Schema(type = SchemaType.STRING, pattern = "^\\d{4}-\\d{2}$"))
                        String month) {
        ClaimStatements.ClaimStatement statement = statements.statement(Params.uuid("customer", customerId),
                Params.monthParam("month", month));
        boolean workbook = headers.getAcceptableMediaTypes().stream()
                .map(m -> m.getType() + "/" + m.getSubtype())
                .filter(m -> m.equals(ClaimStatementWorkbook.MEDIA_TYPE) || m.equals(MediaType.APPLICATION_JSON))
                .findFirst().orElse(MediaType.APPLICATION_JSON).equals(ClaimStatementWorkbook.MEDIA_TYPE);
        if (workbook) {
            return Response.ok(ClaimStatementWorkbook.write(statement), ClaimStatementWorkbook.MEDIA_TYPE)
                    .header("Content-Disposition", "attachment; filename=\"claim-statement-" + statement.customerCode() + "-"
                            + statement.month() + ".xlsx\"").build();
        }
        return Response.ok(statement, MediaType.APPLICATION_JSON).build();
    }
}
