package com.aftersales.cases;

import com.aftersales.AftersalesConfig;
import com.aftersales.shared.error.Messages;
import com.aftersales.shared.idempotency.Idempotent;
import com.aftersales.shared.paging.PageRequest;
import com.aftersales.shared.security.AnyRole;
import com.aftersales.shared.security.Caller;
import com.aftersales.shared.security.Roles;
import com.aftersales.shared.web.Params;
import com.aftersales.shared.web.MergePatch;
import com.aftersales.shared.web.Versions;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
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
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.UUID;

/** Field-service visits (技术服务表) of a case. */
@Path("/api/v1/cases/{caseId}/visits")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "cases")
public class FieldVisitResource {

    @Inject
    FieldVisits visits;

    @Inject
    Caller caller;

    @Inject
    FieldVisitReports reports;

    @Inject
    AftersalesConfig config;

    @POST
    @Idempotent
    @RolesAllowed({Roles.ADMIN, Roles.AFTER_SALES_MANAGER, Roles.SALES_MANAGER, Roles.PROJECT_MANAGER, Roles.SALES,
            Roles.QUALITY_ENGINEER, Roles.ENGINEER, Roles.REPAIR})
    @Operation(summary = "Plan a visit; a trip (travelRequired) needs the after-sales manager's approval before it starts")
    @APIResponse(responseCode = "201", description = "Created", headers = {@Header(name = "Location"), @Header(name = "ETag")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FieldVisits.VisitView.class)))
    public Response plan(@PathParam("caseId") String caseId, FieldVisits.VisitRequest request) {
        FieldVisits.VisitView view = visits.plan(Params.uuid("case", caseId), request);
        return Response.created(URI.create("/api/v1/cases/" + view.caseId() + "/visits/" + view.id()))
                .header(HttpHeaders.ETAG, Versions.etag(view.version())).entity(view).build();
    }

    @GET
    @AnyRole
    @Operation(summary = "The case's visits (a customer account: as CustomerVisitView, without the trip and its comments)")
    @APIResponse(responseCode = "200", description = "Staff: VisitPage; a customer account: CustomerVisitPage",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(anyOf = {FieldVisits.VisitPage.class, FieldVisits.CustomerVisitPage.class})))
    public Response list(@PathParam("caseId") String caseId, @QueryParam("limit") String limit,
                         @QueryParam("cursor") String cursor) {
        UUID id = Params.uuid("case", caseId);
        PageRequest page = PageRequest.of(limit, cursor);
        return Response.ok(caller.isCustomerAccount() ? visits.customerList(id, page)
                : FieldVisits.VisitPage.of(visits.list(id, page))).build();
    }

    @GET
    @Path("{visitId}")
    @AnyRole
    @Operation(summary = "One visit (a customer account: as CustomerVisitView, without ETag)")
    @APIResponse(responseCode = "200", description = "Staff: VisitView with its ETag; a customer account: CustomerVisitView",
            headers = @Header(name = "ETag", description = "Staff only"),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(anyOf = {FieldVisits.VisitView.class, FieldVisits.CustomerVisitView.class})))
    public Response get(@PathParam("caseId") String caseId, @PathParam("visitId") String visitId) {
        UUID id = Params.uuid("case", caseId);
        UUID visit = Params.uuid("field-visit", visitId);
        if (caller.isCustomerAccount()) {
            return Response.ok(visits.customerGet(id, visit)).build();
        }
        return withEtag(visits.get(id, visit));
    }

    @PATCH
    @Path("{visitId}")
    @Consumes(MergePatch.MEDIA_TYPE)
    @RolesAllowed({Roles.ADMIN, Roles.AFTER_SALES_MANAGER, Roles.SALES_MANAGER, Roles.PROJECT_MANAGER, Roles.SALES,
            Roles.QUALITY_ENGINEER, Roles.ENGINEER, Roles.REPAIR})
    @Operation(summary = "Change a planned visit's plan: purpose, date, site, technicians (JSON Merge Patch, RFC 7396)",
            description = "If-Match takes the visit's ETag. Members left out stay; null is 422 (every planning member is "
                    + "required); technicians replaces the list; any other member is 400 (the trip, start, completion and "
                    + "cancellation have their own calls). A trip already approved for another date or site goes back to "
                    + "the after-sales manager (travelStatus REQUESTED). Only a PLANNED visit of an open case (409).")
    @APIResponse(responseCode = "200", description = "OK", headers = {@Header(name = "ETag")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FieldVisits.VisitView.class)))
    public Response patch(@PathParam("caseId") String caseId, @PathParam("visitId") String visitId,
                          @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                          @RequestBody(required = true, content = @Content(mediaType = MergePatch.MEDIA_TYPE,
                                  schema = @Schema(implementation = FieldVisits.PlanningRequest.class))) JsonNode patch) {
        long expected = Versions.required(ifMatch);
        return withEtag(visits.patch(Params.uuid("case", caseId), Params.uuid("field-visit", visitId), expected, patch));
    }

    @POST
    @Path("{visitId}/station-assignment")
    @RolesAllowed({Roles.ADMIN, Roles.AFTER_SALES_MANAGER, Roles.SALES_MANAGER, Roles.PROJECT_MANAGER, Roles.SALES,
            Roles.QUALITY_ENGINEER, Roles.ENGINEER, Roles.REPAIR})
    @Operation(summary = "Give the visit to a service station (stationId: a customer of type SERVICE_STATION, else 422), "
            + "or back to the company's own engineers (stationId null); If-Match takes the visit's ETag. Only on an open "
            + "case (409), not for a cancelled visit (409); a visit its station has submitted fees for stays with it (409 "
            + "visit_has_station_fees). The station's accounts then see the visit and submit its fees")
    @APIResponse(responseCode = "200", description = "OK", headers = {@Header(name = "ETag")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FieldVisits.VisitView.class)))
    public Response assignStation(@PathParam("caseId") String caseId, @PathParam("visitId") String visitId,
                                  @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, FieldVisits.StationAssignment request) {
        long expected = Versions.required(ifMatch);
        return withEtag(visits.assignStation(Params.uuid("case", caseId), Params.uuid("field-visit", visitId), expected,
                request));
    }

    @POST
    @Path("{visitId}/travel-approval")
    @RolesAllowed(Roles.AFTER_SALES_MANAGER)
    @Operation(summary = "出差审核: approve or reject the trip")
    @APIResponse(responseCode = "200", description = "OK", headers = {@Header(name = "ETag")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FieldVisits.VisitView.class)))
    public Response travel(@PathParam("caseId") String caseId, @PathParam("visitId") String visitId,
                           @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, FieldVisits.TravelDecision request) {
        long expected = Versions.required(ifMatch);
        return withEtag(visits.decideTravel(Params.uuid("case", caseId), Params.uuid("field-visit", visitId), expected, request));
    }

    @POST
    @Path("{visitId}/travel-request")
    @RolesAllowed({Roles.ADMIN, Roles.AFTER_SALES_MANAGER, Roles.SALES_MANAGER, Roles.PROJECT_MANAGER, Roles.SALES,
            Roles.QUALITY_ENGINEER, Roles.ENGINEER, Roles.REPAIR})
    @Operation(summary = "Request a rejected trip again (optionally for a new planned date); the after-sales manager decides afresh")
    @APIResponse(responseCode = "200", description = "OK", headers = {@Header(name = "ETag")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FieldVisits.VisitView.class)))
    public Response requestTravel(@PathParam("caseId") String caseId, @PathParam("visitId") String visitId,
                                  @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, FieldVisits.TravelRequest request) {
        long expected = Versions.required(ifMatch);
        return withEtag(visits.requestTravel(Params.uuid("case", caseId), Params.uuid("field-visit", visitId), expected,
                request == null ? new FieldVisits.TravelRequest(null, null) : request));
    }

    @POST
    @Path("{visitId}/cancellation")
    @RolesAllowed({Roles.ADMIN, Roles.AFTER_SALES_MANAGER, Roles.SALES_MANAGER, Roles.PROJECT_MANAGER, Roles.SALES,
            Roles.QUALITY_ENGINEER, Roles.ENGINEER, Roles.REPAIR})
    @Operation(summary = "Cancel a visit that has not started (CANCELLED), with the reason")
    @APIResponse(responseCode = "200", description = "OK", headers = {@Header(name = "ETag")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FieldVisits.VisitView.class)))
    public Response cancel(@PathParam("caseId") String caseId, @PathParam("visitId") String visitId,
                           @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, FieldVisits.CancelRequest request) {
        long expected = Versions.required(ifMatch);
        return withEtag(visits.cancel(Params.uuid("case", caseId), Params.uuid("field-visit", visitId), expected, request));
    }

    @POST
    @Path("{visitId}/start")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({Roles.ADMIN, Roles.AFTER_SALES_MANAGER, Roles.SALES_MANAGER, Roles.PROJECT_MANAGER, Roles.SALES,
            Roles.QUALITY_ENGINEER, Roles.ENGINEER, Roles.REPAIR})
    @Operation(summary = "Start the visit (409 while a required trip is not approved)")
    @APIResponse(responseCode = "200", description = "OK", headers = {@Header(name = "ETag")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FieldVisits.VisitView.class)))
    public Response start(@PathParam("caseId") String caseId, @PathParam("visitId") String visitId,
                          @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        long expected = Versions.required(ifMatch);
        return withEtag(visits.start(Params.uuid("case", caseId), Params.uuid("field-visit", visitId), expected));
    }

    @POST
    @Path("{visitId}/completion")
    @RolesAllowed({Roles.ADMIN, Roles.AFTER_SALES_MANAGER, Roles.SALES_MANAGER, Roles.PROJECT_MANAGER, Roles.SALES,
            Roles.QUALITY_ENGINEER, Roles.ENGINEER, Roles.REPAIR})
    @Operation(summary = "Complete the visit with the work done, the result and the parts used")
    @APIResponse(responseCode = "200", description = "OK", headers = {@Header(name = "ETag")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FieldVisits.VisitView.class)))
    public Response complete(@PathParam("caseId") String caseId, @PathParam("visitId") String visitId,
                             @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, FieldVisits.CompletionRequest request) {
        long expected = Versions.required(ifMatch);
        return withEtag(visits.complete(Params.uuid("case", caseId), Params.uuid("field-visit", visitId), expected, request));
    }

    @GET
    @Path("{visitId}")
    @Produces(FieldVisitWorkbook.MEDIA_TYPE)
    @AnyRole
    @Operation(summary = "The visit's technical service report (技术服务表) as the customary zh-CN Excel workbook: site, "
            + "units, work done, readings, parts used, result, engineer and the customer's confirmation")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(mediaType = FieldVisitWorkbook.MEDIA_TYPE,
            schema = @Schema(type = SchemaType.STRING, format = "binary")))
    public Response workbook(@PathParam("caseId") String caseId, @PathParam("visitId") String visitId,
                             @Context HttpHeaders headers) {
        FieldVisitReports.ReportSheet sheet = reports.sheet(Params.uuid("case", caseId), Params.uuid("field-visit", visitId),
                Messages.choose(headers.getAcceptableLanguages()));
        return Response.ok(FieldVisitWorkbook.write(sheet, config.zone()), FieldVisitWorkbook.MEDIA_TYPE)
                .header("Content-Disposition", "attachment; filename=\"visit-" + sheet.caseNo() + "-"
                        + sheet.visit().plannedDate() + ".xlsx\"").build();
    }

    @POST
    @Path("{visitId}/report")
    @RolesAllowed({Roles.ADMIN, Roles.AFTER_SALES_MANAGER, Roles.SALES_MANAGER, Roles.PROJECT_MANAGER, Roles.SALES,
            Roles.QUALITY_ENGINEER, Roles.ENGINEER, Roles.REPAIR})
    @Operation(summary = "Submit the whole visit report at once (offline field work): start and completion, work done, "
            + "readings, parts used, result, engineer, the customer's confirmation and file announcements (their upload "
            + "URLs come back). Times are the device's (occurredAt), kept beside the service's receivedAt. Keyed by the "
            + "client's submissionId: a retry answers the same report and creates nothing again")
    @APIResponse(responseCode = "201", description = "Created (a retry of the same submission answers the same)",
            headers = {@Header(name = "Location"), @Header(name = "ETag")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = FieldVisitReports.VisitReportReceipt.class)))
    public Response submitReport(@PathParam("caseId") String caseId, @PathParam("visitId") String visitId,
                                 FieldVisitReports.VisitReportSubmission request) {
        FieldVisitReports.VisitReportReceipt receipt = reports.submit(Params.uuid("case", caseId),
                Params.uuid("field-visit", visitId), request);
        FieldVisits.VisitView view = receipt.visit();
        return Response.created(URI.create("/api/v1/cases/" + view.caseId() + "/visits/" + view.id()))
                .header(HttpHeaders.ETAG, Versions.etag(view.version())).entity(receipt).build();
    }

    @POST
    @Path("{visitId}/confirmation")
    @RolesAllowed({Roles.ADMIN, Roles.AFTER_SALES_MANAGER, Roles.SALES_MANAGER, Roles.PROJECT_MANAGER, Roles.SALES,
            Roles.QUALITY_ENGINEER, Roles.ENGINEER, Roles.REPAIR})
    @Operation(summary = "客户确认: record the customer's confirmation of a started or completed visit (name, the time it "
            + "was given, optionally a signature image announced as an attachment of the case)")
    @APIResponse(responseCode = "200", description = "OK", headers = {@Header(name = "ETag")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FieldVisits.VisitView.class)))
    public Response confirm(@PathParam("caseId") String caseId, @PathParam("visitId") String visitId,
                            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, FieldVisitReports.VisitConfirmationRequest request) {
        long expected = Versions.required(ifMatch);
        return withEtag(reports.confirm(Params.uuid("case", caseId), Params.uuid("field-visit", visitId), expected, request));
    }

    private static Response withEtag(FieldVisits.VisitView view) {
        return Versions.ok(view, view.version());
    }
}
