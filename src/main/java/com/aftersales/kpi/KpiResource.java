package com.aftersales.kpi;

import com.aftersales.shared.ratelimit.ExpensiveReport;
import com.aftersales.shared.error.Messages;
import com.aftersales.shared.error.ProblemException;
import com.aftersales.shared.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
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

import java.util.Locale;

/**
 * Departmental KPIs as JSON, as a zh-CN Excel workbook (Accept: the spreadsheet type) or as CSV (Accept: text/csv,
 * one KPI chosen with kpi=). Each table states its formula.
 */
@Path("/api/v1/kpis")
@Tag(name = "kpis")
public class KpiResource {

    /** The dashboard's months, YYYY-MM. */
    private static final String MONTH = "^\\d{4}-\\d{2}$";

    @Inject
    Kpis kpis;

    @Inject
    KpiDashboard dashboard;

    @Context
    HttpHeaders headers;

    /** JSON unless the caller asks for the workbook or CSV by name (a browser's or client's wildcard gets JSON). */
    @GET
    @ExpensiveReport
    @Produces({MediaType.APPLICATION_JSON, KpiExports.XLSX, KpiExports.CSV})
    @RolesAllowed({Roles.ADMIN, Roles.GENERAL_MANAGER, Roles.AFTER_SALES_MANAGER, Roles.SALES_MANAGER, Roles.PROJECT_MANAGER,
            Roles.PRODUCT_MANAGER, Roles.QUALITY_ENGINEER, Roles.CUSTOMER})
    @Operation(summary = "KPIs for from..to (dates, both included), grouped by month|customer|productLine|model; kpi= for one "
            + "table; each table states its formula. Accept: the spreadsheet type for a zh-CN department KPI workbook, "
            + "text/csv for one KPI (kpi= required). A customer account sees its own units and cases only, and not the staff-only "
            + "cost KPIs (warrantyCost, warrantyCostPerUnit, supplierRecovery, sparePartsFillRate): they are left out, and asking for one by "
            + "kpi= is 400 like an unknown KPI")
    @APIResponse(responseCode = "422", description = "groupBy=software:<component> with a KPI that cannot be grouped by "
            + "software version (only cases and ppm can)")
    @APIResponse(responseCode = "200", description = "OK", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = KpiReport.class)),
            @Content(mediaType = KpiExports.XLSX, schema = @Schema(type = SchemaType.STRING, format = "binary")),
            @Content(mediaType = KpiExports.CSV, schema = @Schema(type = SchemaType.STRING))})
    public Response get(@QueryParam("from") String from, @QueryParam("to") String to,
                        @QueryParam("groupBy") @Parameter(description = "month, customer, productLine, model, or software:<component> "
                                + "(e.g. software:MCU: the version the unit ran on the case's failure date; answered by the KPIs "
                                + "cases and ppm only, a named other KPI is 422)",
                                schema = @Schema(pattern = "^(month|customer|productLine|model|software:\\S{1,40})$")) String groupBy,
                        @QueryParam("kpi") String kpi, @QueryParam("maxMonths") String maxMonths) {
        String format = headers.getAcceptableMediaTypes().stream()
                .map(m -> m.getType() + "/" + m.getSubtype())
                .filter(m -> m.equals(KpiExports.XLSX) || m.equals(KpiExports.CSV) || m.equals(MediaType.APPLICATION_JSON))
                .findFirst().orElse(MediaType.APPLICATION_JSON);
        if (format.equals(KpiExports.XLSX)) {
            KpiReport report = kpis.report(from, to, groupBy, kpi, maxMonths, Locale.SIMPLIFIED_CHINESE);
            return Response.ok(KpiExports.workbook(report), KpiExports.XLSX)
                    .header("Content-Disposition", "attachment; filename=\"kpi-" + report.from() + "-" + report.to() + ".xlsx\"")
                    .build();
        }
        Locale locale = Messages.choose(headers.getAcceptableLanguages());
        if (format.equals(KpiExports.CSV)) {
            if (kpi == null || kpi.isBlank()) {
                throw ProblemException.badParameter("kpi", "kpi.csv_needs_kpi");
            }
            KpiReport report = kpis.report(from, to, groupBy, kpi, maxMonths, locale);
            return Response.ok(KpiExports.csv(report.tables().get(0)), KpiExports.CSV + "; charset=utf-8")
                    .header("Content-Disposition", "attachment; filename=\"" + kpi + "-" + report.from() + "-" + report.to() + ".csv\"")
                    .build();
        }
        return Response.ok(kpis.report(from, to, groupBy, kpi, maxMonths, locale), MediaType.APPLICATION_JSON).build();
    }

    /** The dashboard: whole months from the monthly aggregates, fast for many users, as of the last refresh. */
    @GET
    @Path("dashboard")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.GENERAL_MANAGER, Roles.AFTER_SALES_MANAGER, Roles.SALES_MANAGER, Roles.PROJECT_MANAGER,
            Roles.PRODUCT_MANAGER, Roles.QUALITY_ENGINEER, Roles.CUSTOMER})
    @Operation(summary = "Dashboard KPIs for the months from..to (YYYY-MM, both included, at most 36), grouped by "
            + "month|customer|productLine|model, from the monthly aggregates the kpi-aggregates job keeps: asOf is the time "
            + "of their last refresh (null: never refreshed), and records changed since are not counted until the next one. "
            + "Served: cases, ntfRate, firstResponse and containment (without p90), eightDLeadTime, recurrences (count), "
            + "followUpWithin7Days, satisfaction, warrantyCost (totals) and warrantyCostPerUnit; for whole months they equal "
            + "GET /api/v1/kpis at the refresh. A customer account sees its own figures only, without the staff-only cost "
            + "figures (warrantyCost, warrantyCostPerUnit)")
    public KpiDashboard.Dashboard dashboard(@QueryParam("from") @Parameter(schema = @Schema(pattern = MONTH)) String from,
                                            @QueryParam("to") @Parameter(schema = @Schema(pattern = MONTH)) String to,
                                            @QueryParam("groupBy") @Parameter(schema = @Schema(enumeration = {"month",
                                                    "customer", "productLine", "model"})) String groupBy) {
        return dashboard.dashboard(from, to, groupBy, Messages.choose(headers.getAcceptableLanguages()));
    }
}
