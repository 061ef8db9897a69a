package com.aftersales.cases;

import com.aftersales.shared.web.Text;
import com.aftersales.shared.error.Messages;
import com.aftersales.shared.idempotency.Idempotent;
import com.aftersales.shared.paging.Page;
import com.aftersales.shared.paging.PageRequest;
import com.aftersales.shared.security.AnyRole;
import com.aftersales.shared.security.AnyStaff;
import com.aftersales.shared.security.Caller;
import com.aftersales.shared.security.Roles;
import com.aftersales.shared.web.Params;
import com.aftersales.shared.web.MergePatch;
import com.aftersales.shared.web.Versions;
import com.fasterxml.jackson.databind.JsonNode;
import com.aftersales.unit.ProductLine;
import com.aftersales.unit.SerialNo;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PATCH;
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
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.Locale;
import java.util.UUID;

/** Cases: intake, finding, the state machine, major-issue approval, hand-over and the timeline. */
@Path("/api/v1/cases")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "cases")
public class CaseResource {

    @Inject
    CaseIntake intake;

    @Inject
    CaseRepository cases;

    @Inject
    CaseViews views;

    @Inject
    CaseSearch search;

    @Inject
    CaseWorkflow workflow;

    @Inject
    Caller caller;

    @Inject
    CaseDetails details;

    @Context
    HttpHeaders headers;

    @POST
    @Idempotent
    @AnyRole
    @Operation(summary = "Open a case: freezes each unit's entitlement, routes it, sets SLA due times, flags duplicates",
            description = "A complaint or grievance about the service itself may name no unit (units empty or left out): its "
                    + "product line is productLine, else the customer's most common one, else none and the default owner "
                    + "takes it. A service request (type SERVICE: delivery service, training, technical exchange, "
                    + "commissioning) has a purpose and no failureDate, units optional, number FW-…; its units' entitlements "
                    + "are frozen on the day it is opened, and its visits have the same travel approval, costs and report as "
                    + "a fault case's. Claims, returns and repairs need at least one unit.")
    @APIResponse(responseCode = "201", description = "Created", headers = {@Header(name = "Location"), @Header(name = "ETag")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CaseView.class)))
    @APIResponse(responseCode = "404", description = "The customerId names no customer the caller may see")
    public Response open(@RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = OpenCaseRequest.class), examples = {@ExampleObject(name = "zh-CN", summary = "客户来电投诉电机异响",
            value = "{\"type\":\"COMPLAINT\",\"customerId\":\"3fa85f64-5717-4562-b3fc-2c963f66afa6\",\"units\":[{\"serialNo\":\"GY2024030512\",\"mileageKm\":58200}],\"failureDate\":\"2026-11-28\",\"title\":\"电机异响\",\"description\":\"车辆爬坡时驱动电机有明显异响，伴随控制器过温报警，已停运等待处理。\",\"reporter\":{\"name\":\"李师傅\",\"phone\":\"138 0000 1234\"},\"channel\":\"PHONE\",\"severity\":\"HIGH\"}"), @ExampleObject(name = "service request", summary = "调试服务单（无故障）",
            value = "{\"type\":\"SERVICE\",\"purpose\":\"COMMISSIONING\",\"customerId\":\"3fa85f64-5717-4562-b3fc-2c963f66afa6\",\"units\":[{\"serialNo\":\"GY2024030512\"}],\"title\":\"新车电驱系统调试\",\"description\":\"客户新到 12 台车，需现场调试电驱系统并培训司机。\",\"reporter\":{\"name\":\"王经理\"},\"channel\":\"PHONE\",\"severity\":\"MEDIUM\"}")})) OpenCaseRequest request) {
        // The view as serialised once for the audit entry: the idempotent store and the answer reuse that JSON.
        CaseIntake.Opened opened = intake.open(request, locale());
        return Response.created(URI.create("/api/v1/cases/" + opened.view().id()))
                .header(HttpHeaders.ETAG, Versions.etag(opened.view().version()))
                .entity(opened.json()).type(MediaType.APPLICATION_JSON_TYPE).build();
    }

    @GET
    @AnyRole
    @Operation(summary = "Find cases, newest first (q: substring of title or description, Chinese included)")
    public Page<CaseView> find(@QueryParam("status") @Parameter(schema = @Schema(implementation = CaseStatus.class)) String status, @QueryParam("type") @Parameter(schema = @Schema(implementation = CaseType.class)) String type,
                               @QueryParam("customerId") String customerId, @QueryParam("productLine") String line,
                               @QueryParam("ownerRole") String ownerRole, @QueryParam("ownerPerson") String ownerPerson,
                               @QueryParam("severity") String severity, @QueryParam("overdue") String overdue,
                               @QueryParam("major") String major, @QueryParam("from") String from,
                               @QueryParam("to") String to, @QueryParam("serialNo") String serialNo,
                               @QueryParam("q") String text,
                               @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        CaseSearch.Filter filter = new CaseSearch.Filter(
                Params.enumParam("status", status, CaseStatus.class),
                Params.enumParam("type", type, CaseType.class),
                customerId == null || customerId.isBlank() ? null : Params.uuid("customer", customerId),
                Params.enumParam("productLine", line, ProductLine.class),
                Text.blankToNull(ownerRole), Text.blankToNull(ownerPerson),
                Params.enumParam("severity", severity, Severity.class),
                Params.boolParam("overdue", overdue), Params.boolParam("major", major),
                Params.dateParam("from", from), Params.dateParam("to", to),
                SerialNo.of(Text.blankToNull(serialNo)), text == null || text.isBlank() ? null : text);
        return search.find(filter, PageRequest.of(limit, cursor), locale());
    }

    @GET
    @Path("{id}")
    @AnyRole
    @Operation(summary = "One case with its units' frozen entitlement and the transitions allowed now")
    @APIResponse(responseCode = "200", description = "OK", headers = {@Header(name = "ETag")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CaseView.class)))
    public Response get(@PathParam("id") String id) {
        CaseView view = views.of(cases.visible(Params.uuid("case", id), jakarta.persistence.LockModeType.NONE), locale());
        return withEtag(view);
    }

    @PATCH
    @Path("{id}")
    @Consumes(MergePatch.MEDIA_TYPE)
    @AnyStaff
    @Operation(summary = "Correct an open case's details: title, description, reporter, channel (JSON Merge Patch, RFC 7396)",
            description = "If-Match takes the case's ETag. Members left out stay; null clears an optional member "
                    + "(reporter.phone, reporter.email) and is 422 for a required one; reporter merges into the one there; "
                    + "any other member (status, severity, units…) is 400: status, owner, action plan and the major flag "
                    + "have their own calls. Who may act on the case may patch it.")
    @APIResponse(responseCode = "200", description = "OK", headers = {@Header(name = "ETag")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CaseView.class)))
    public Response patch(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                          @RequestBody(required = true, content = @Content(mediaType = MergePatch.MEDIA_TYPE,
                                  schema = @Schema(implementation = CaseDetails.DetailsRequest.class))) JsonNode patch) {
        long expected = Versions.required(ifMatch);
        return withEtag(details.patch(Params.uuid("case", id), expected, patch, locale()));
    }

    @POST
    @Path("{id}/transitions")
    @AnyStaff
    @Operation(summary = "Move the case to another status (If-Match; who may act: docs/security.md); 409 names the allowed "
            + "transitions, or every unmet condition of RESOLVED / CLOSED (unmet). The comment is internal unless "
            + "customerVisible is true: the customer's timeline shows the move, and its comment only then")
    @APIResponse(responseCode = "200", description = "OK", headers = {@Header(name = "ETag")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CaseView.class)))
    public Response transition(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                               CaseWorkflow.TransitionRequest request) {
        long expected = Versions.required(ifMatch);
        return withEtag(workflow.transition(Params.uuid("case", id), expected, request, locale()));
    }

    @POST
    @Path("{id}/major")
    @AnyStaff
    @Operation(summary = "Mark an open case a major issue (reputation, property loss): RESOLVING, RESOLVED and CLOSED then "
            + "need the GM's approval of the current plan")
    @APIResponse(responseCode = "200", description = "OK", headers = {@Header(name = "ETag")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CaseView.class)))
    public Response markMajor(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                              CaseWorkflow.MajorRequest request) {
        long expected = Versions.required(ifMatch);
        return withEtag(workflow.markMajor(Params.uuid("case", id), expected, request, locale()));
    }

    @PUT
    @Path("{id}/action-plan")
    @AnyStaff
    @Operation(summary = "Submit the action plan; for a major case it goes to the general manager")
    @APIResponse(responseCode = "200", description = "OK", headers = {@Header(name = "ETag")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CaseView.class)))
    public Response actionPlan(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                               CaseWorkflow.ActionPlanRequest request) {
        long expected = Versions.required(ifMatch);
        return withEtag(workflow.submitActionPlan(Params.uuid("case", id), expected, request, locale()));
    }

    @POST
    @Path("{id}/approval")
    @AnyStaff
    @Operation(summary = "总经理审批: approve or reject a major case's action plan (the general manager, or the deputy of a "
            + "delegation in force: approvalDecidedBy / approvalOnBehalfOf; anyone else 403 gm_authority_required)")
    @APIResponse(responseCode = "200", description = "OK", headers = {@Header(name = "ETag")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CaseView.class)))
    public Response approval(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                             CaseWorkflow.DecisionRequest request) {
        long expected = Versions.required(ifMatch);
        return withEtag(workflow.decideApproval(Params.uuid("case", id), expected, request, locale()));
    }

    @POST
    @Path("{id}/assignment")
    @AnyStaff
    @Operation(summary = "Assign the case to a person and/or hand it over to another owner role")
    @APIResponse(responseCode = "200", description = "OK", headers = {@Header(name = "ETag")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CaseView.class)))
    public Response assign(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                           CaseWorkflow.AssignmentRequest request) {
        long expected = Versions.required(ifMatch);
        return withEtag(workflow.assign(Params.uuid("case", id), expected, request, locale()));
    }

    @POST
    @Path("reassignment")
    @RolesAllowed({Roles.ADMIN, Roles.GENERAL_MANAGER, Roles.AFTER_SALES_MANAGER, Roles.SALES_MANAGER, Roles.PROJECT_MANAGER,
            Roles.PRODUCT_MANAGER, Roles.QUALITY_ENGINEER})
    @Operation(summary = "Hand every unfinished case of a person (who leaves) to another owner, by the rules of one hand-over")
    public CaseWorkflow.ReassignmentView reassignAll(CaseWorkflow.ReassignmentRequest request) {
        return workflow.reassignAll(request, locale());
    }

    @POST
    @Path("{id}/eight-d-waivers")
    @RolesAllowed(Roles.QUALITY_ENGINEER)
    @Operation(summary = "Waive a linked 8D report that is not closed for this case's closing gate, with a reason (QE)")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CaseWorkflow.WaiverView.class)))
    public Response waiveEightD(@PathParam("id") String id, CaseWorkflow.WaiverRequest request) {
        return Response.status(Response.Status.CREATED).entity(workflow.waiveEightD(Params.uuid("case", id), request)).build();
    }

    @POST
    @Path("{id}/notes")
    @Idempotent
    @AnyRole
    @Operation(summary = "Add a note: INTERNAL (staff only) or CUSTOMER (the customer sees it)")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CaseWorkflow.EventView.class)))
    public Response note(@PathParam("id") String id, CaseWorkflow.NoteRequest request) {
        return Response.status(Response.Status.CREATED).entity(workflow.addNote(Params.uuid("case", id), request)).build();
    }

    @GET
    @Path("{id}/events")
    @AnyRole
    @Operation(summary = "The case's timeline, oldest first. A customer account gets CustomerEventView entries: notes "
            + "written for the customer and every move of the case, a move's comment only when it was marked customerVisible")
    @APIResponse(responseCode = "200", description = "Staff: EventPage; a customer account: CustomerEventPage",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(anyOf = {CaseWorkflow.EventPage.class, CaseWorkflow.CustomerEventPage.class})))
    public Response events(@PathParam("id") String id, @QueryParam("limit") String limit,
                           @QueryParam("cursor") String cursor) {
        PageRequest page = PageRequest.of(limit, cursor);
        if (page.after() != null && !page.after().matches("\\d{1,18}")) {
            throw com.aftersales.shared.error.ProblemException.badParameter("cursor", "validation.cursor");
        }
        UUID caseId = Params.uuid("case", id);
        return Response.ok(caller.isCustomerAccount() ? workflow.customerEvents(caseId, page, locale())
                : CaseWorkflow.EventPage.of(workflow.events(caseId, page, locale()))).build();
    }

    private Locale locale() {
        return Messages.choose(headers.getAcceptableLanguages());
    }

    private static Response withEtag(CaseView view) {
        return Versions.ok(view, view.version());
    }
}
