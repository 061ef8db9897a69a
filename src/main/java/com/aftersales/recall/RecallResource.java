package com.aftersales.recall;

import com.aftersales.shared.ratelimit.ExpensiveReport;
import com.aftersales.shared.idempotency.Idempotent;
import com.aftersales.shared.paging.Page;
import com.aftersales.shared.paging.PageRequest;
import com.aftersales.shared.security.AnyRole;
import com.aftersales.shared.security.AnyStaff;
import com.aftersales.shared.security.Caller;
import com.aftersales.shared.security.Roles;
import com.aftersales.shared.upload.Upload;
import com.aftersales.shared.web.Params;
import com.aftersales.shared.web.Versions;
import com.aftersales.unit.SerialNo;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.UUID;

/** Recall campaigns: criteria, preview, filing, activation, remedies, completion and progress reports. */
@Path("/api/v1/recalls")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "recalls")
public class RecallResource {

    @Inject
    Recalls recalls;

    @Inject
    RecallProgress progress;

    @Inject
    Caller caller;

    @POST
    @Idempotent
    @RolesAllowed({Roles.QUALITY_ENGINEER, Roles.AFTER_SALES_MANAGER})
    @Operation(summary = "Draft a campaign: defect, risk, remedy, filing reference and affected-unit criteria")
    @APIResponse(responseCode = "201", description = "Created", headers = {@Header(name = "Location"), @Header(name = "ETag")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Recalls.CampaignView.class)))
    public Response create(Recalls.CampaignRequest request) {
        Recalls.CampaignView view = recalls.create(request);
        return Response.created(URI.create("/api/v1/recalls/" + view.id()))
                .header(HttpHeaders.ETAG, Versions.etag(view.version())).entity(view).build();
    }

    @GET
    @AnyRole
    @Operation(summary = "Campaigns by code (a customer account: those with its units, as CustomerCampaignView: no "
            + "criteria, its own counts only)")
    @APIResponse(responseCode = "200", description = "Staff: CampaignPage; a customer account: CustomerCampaignPage",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(anyOf = {Recalls.CampaignPage.class, Recalls.CustomerCampaignPage.class})))
    public Response list(@QueryParam("status") @Parameter(schema = @Schema(implementation = RecallCampaign.Status.class)) String status, @QueryParam("limit") String limit,
                         @QueryParam("cursor") String cursor) {
        RecallCampaign.Status wanted = Params.enumParam("status", status, RecallCampaign.Status.class);
        PageRequest page = PageRequest.of(limit, cursor);
        return Response.ok(caller.isCustomerAccount() ? recalls.customerList(wanted, page)
                : Recalls.CampaignPage.of(recalls.list(wanted, page))).build();
    }

    @GET
    @Path("{id}")
    @AnyRole
    @Operation(summary = "One campaign (a customer account: as CustomerCampaignView, without ETag: it changes no campaign)")
    @APIResponse(responseCode = "200", description = "Staff: CampaignView with its ETag; a customer account: CustomerCampaignView",
            headers = @Header(name = "ETag", description = "Staff only"),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(anyOf = {Recalls.CampaignView.class, Recalls.CustomerCampaignView.class})))
    public Response get(@PathParam("id") String id) {
        UUID campaign = Params.uuid("recall", id);
        if (caller.isCustomerAccount()) {
            return Response.ok(recalls.customerView(campaign)).build();
        }
        return withEtag(recalls.get(campaign));
    }

    @PUT
    @Path("{id}")
    @RolesAllowed({Roles.QUALITY_ENGINEER, Roles.AFTER_SALES_MANAGER})
    @Operation(summary = "Change a draft (If-Match)")
    @APIResponse(responseCode = "200", description = "OK", headers = {@Header(name = "ETag")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Recalls.CampaignView.class)))
    public Response update(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                           Recalls.CampaignRequest request) {
        long expected = Versions.required(ifMatch);
        return withEtag(recalls.update(Params.uuid("recall", id), expected, request));
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed({Roles.QUALITY_ENGINEER, Roles.AFTER_SALES_MANAGER})
    @Operation(summary = "Delete a draft; a filed campaign is under legal hold (409 with the date it may go)")
    @APIResponse(responseCode = "204", description = "No Content")
    public Response delete(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        long expected = Versions.required(ifMatch);
        recalls.delete(Params.uuid("recall", id), expected);
        return Response.noContent().build();
    }

    @GET
    @Path("{id}/preview")
    @RolesAllowed({Roles.ADMIN, Roles.GENERAL_MANAGER, Roles.AFTER_SALES_MANAGER, Roles.QUALITY_ENGINEER, Roles.PRODUCT_MANAGER})
    @Operation(summary = "How many units and which customers the criteria hit, before anything is committed")
    public Recalls.Preview preview(@PathParam("id") String id) {
        return recalls.preview(Params.uuid("recall", id));
    }

    @POST
    @Path("{id}/filing")
    @AnyStaff
    @Operation(summary = "The general manager (or the deputy of a delegation in force; anyone else 403 gm_authority_required) "
            + "approves filing the recall plan with the authority (needs the filing reference)")
    @APIResponse(responseCode = "200", description = "OK", headers = {@Header(name = "ETag")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Recalls.CampaignView.class)))
    public Response file(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                         Recalls.FilingRequest request) {
        long expected = Versions.required(ifMatch);
        return withEtag(recalls.file(Params.uuid("recall", id), expected, request == null ? new Recalls.FilingRequest(null) : request));
    }

    @POST
    @Path("{id}/activation")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({Roles.QUALITY_ENGINEER, Roles.AFTER_SALES_MANAGER})
    @Operation(summary = "Activate: freeze the affected units and queue one notice per customer")
    @APIResponse(responseCode = "200", description = "OK", headers = {@Header(name = "ETag")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Recalls.CampaignView.class)))
    public Response activate(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        long expected = Versions.required(ifMatch);
        return withEtag(recalls.activate(Params.uuid("recall", id), expected));
    }

    @POST
    @Path("{id}/completion")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({Roles.QUALITY_ENGINEER, Roles.AFTER_SALES_MANAGER})
    @Operation(summary = "Mark the campaign completed: every unit remedied or closed out (UNREACHABLE or EXEMPT, with a reason); 409 lists the open units")
    @APIResponse(responseCode = "200", description = "OK", headers = {@Header(name = "ETag")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Recalls.CampaignView.class)))
    public Response complete(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        long expected = Versions.required(ifMatch);
        return withEtag(recalls.complete(Params.uuid("recall", id), expected));
    }

    @POST
    @Path("{id}/closure")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({Roles.QUALITY_ENGINEER, Roles.AFTER_SALES_MANAGER})
    @Operation(summary = "Close the campaign (after the summary report)")
    @APIResponse(responseCode = "200", description = "OK", headers = {@Header(name = "ETag")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Recalls.CampaignView.class)))
    public Response close(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        long expected = Versions.required(ifMatch);
        return withEtag(recalls.close(Params.uuid("recall", id), expected));
    }

    @GET
    @Path("{id}/units")
    @AnyRole
    @Operation(summary = "The campaign's units and their remedy status (a customer account: its own units only)")
    public Page<Recalls.UnitView> units(@PathParam("id") String id, @QueryParam("status") @Parameter(schema = @Schema(implementation = Recalls.Remedy.class)) String status,
                                        @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return recalls.units(Params.uuid("recall", id), Params.enumParam("status", status, Recalls.Remedy.class),
                PageRequest.of(limit, cursor));
    }

    @PUT
    @Path("{id}/units/{serialNo}")
    @RolesAllowed({Roles.QUALITY_ENGINEER, Roles.AFTER_SALES_MANAGER, Roles.SALES, Roles.SALES_MANAGER})
    @Operation(summary = "Record one unit's remedy: NOTIFIED, SCHEDULED, REMEDIED (date, where, case), UNREACHABLE and EXEMPT "
            + "(each needs a reason: 422 on reason); If-Match with the unit's ETag")
    @APIResponse(responseCode = "200", description = "OK", headers = {@Header(name = "ETag")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Recalls.UnitView.class)))
    public Response remedy(@PathParam("id") String id, @PathParam("serialNo") String serialNo,
                           @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, Recalls.RemedyRequest request) {
        long expected = Versions.required(ifMatch);
        Recalls.UnitView view = recalls.remedy(Params.uuid("recall", id), SerialNo.of(serialNo), expected, request);
        return Versions.ok(view, view.version());
    }

    @GET
    @Path("{id}/units/{serialNo}")
    @AnyRole
    @Operation(summary = "One unit of the campaign and its remedy status, with its ETag (a customer account: its own units only)")
    @APIResponse(responseCode = "200", description = "OK", headers = {@Header(name = "ETag")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Recalls.UnitView.class)))
    public Response unit(@PathParam("id") String id, @PathParam("serialNo") String serialNo) {
        Recalls.UnitView view = recalls.unit(Params.uuid("recall", id), SerialNo.of(serialNo));
        return Versions.ok(view, view.version());
    }

    @POST
    @Path("{id}/remedies")
    @Consumes({Upload.CSV, MediaType.TEXT_PLAIN, MediaType.APPLICATION_OCTET_STREAM, Upload.XLSX})
    @RolesAllowed({Roles.QUALITY_ENGINEER, Roles.AFTER_SALES_MANAGER})
    @Operation(summary = "Bulk remedies from an OEM's CSV or .xlsx (serial, status, date[, where, reason]); all or nothing; "
            + "If-Match with the campaign's ETag (the import makes a new version of the campaign)")
    public RecallProgress.ImportResult importRemedies(@PathParam("id") String id,
                                                      @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, byte[] csv) {
        long expected = Versions.required(ifMatch);
        return progress.importRemedies(Params.uuid("recall", id), expected, csv);
    }

    @GET
    @Path("{id}/completion-rate")
    @RolesAllowed({Roles.ADMIN, Roles.GENERAL_MANAGER, Roles.AFTER_SALES_MANAGER, Roles.SALES_MANAGER, Roles.PROJECT_MANAGER,
            Roles.SALES, Roles.PRODUCT_MANAGER, Roles.QUALITY_ENGINEER, Roles.ENGINEER, Roles.CUSTOMER})
    @Operation(summary = "Completion overall, by customer and by model; units still open after openAfterDays (default 30)")
    public RecallProgress.Completion completion(@PathParam("id") String id, @QueryParam("openAfterDays") String days) {
        Integer n = Params.intParam("openAfterDays", days, 0, 3650);
        return progress.completion(Params.uuid("recall", id), n == null ? 30 : n);
    }

    @GET
    @ExpensiveReport
    @Path("{id}/progress-report")
    @RolesAllowed({Roles.ADMIN, Roles.GENERAL_MANAGER, Roles.AFTER_SALES_MANAGER, Roles.QUALITY_ENGINEER})
    @Operation(summary = "Progress report of a period (default: this quarter) for the authority")
    public RecallProgress.Report report(@PathParam("id") String id, @QueryParam("from") String from, @QueryParam("to") String to) {
        return progress.report(Params.uuid("recall", id), Params.dateParam("from", from), Params.dateParam("to", to));
    }

    @GET
    @ExpensiveReport
    @Path("{id}/progress-report")
    @Produces(RecallProgress.XLSX)
    @RolesAllowed({Roles.ADMIN, Roles.GENERAL_MANAGER, Roles.AFTER_SALES_MANAGER, Roles.QUALITY_ENGINEER})
    @Operation(summary = "The progress report as an Excel workbook with zh-CN labels")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(mediaType = RecallProgress.XLSX,
            schema = @Schema(type = SchemaType.STRING, format = "binary")))
    public Response reportWorkbook(@PathParam("id") String id, @QueryParam("from") String from, @QueryParam("to") String to) {
        RecallProgress.Report report = progress.report(Params.uuid("recall", id), Params.dateParam("from", from), Params.dateParam("to", to));
        return Response.ok(RecallProgress.workbook(report), RecallProgress.XLSX)
                .header("Content-Disposition", "attachment; filename=\"" + report.campaignCode() + "-progress.xlsx\"").build();
    }

    private static Response withEtag(Recalls.CampaignView view) {
        return Versions.ok(view, view.version());
    }
}
