package com.aftersales.eightd;

import com.aftersales.shared.idempotency.Idempotent;
import com.aftersales.shared.paging.Page;
import com.aftersales.shared.paging.PageRequest;
import com.aftersales.shared.security.Roles;
import com.aftersales.shared.web.Params;
import com.aftersales.shared.web.MergePatch;
import com.aftersales.shared.web.Versions;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Context;
import com.aftersales.shared.error.Messages;
import jakarta.validation.constraints.Size;
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
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.Locale;

/** 8D reports: open on cases, fill D0–D8, actions, recurrence, close, export to Excel. */
@Path("/api/v1/eight-d-reports")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "8d")
public class EightDResource {

    public record Closure(@Size(max = 4000) String comment) {
    }

    /** How the report's ETag relates to its parts' (the OpenAPI descriptions say it to clients). */
    static final String REPORT_ETAG = "If-Match takes the report's ETag: the version of the whole report as GET shows it, "
            + "which moves on with every change of the report or of any of its parts (a discipline, an action, a linked "
            + "case), so a change based on an older read is 412.";
    static final String PART_ETAG = "Each discipline and each action has its own ETag (its version in the report's "
            + "disciplines[] and actions[], and the ETag of this answer): If-Match takes that one, not the report's, so "
            + "people editing different disciplines or actions do not block each other, while a second edit of the same "
            + "part based on the same read is 412. Every such change also moves the report's own ETag on.";

    @Inject
    EightDReports reports;

    @Inject
    EightDActions actions;

    @Context
    jakarta.ws.rs.core.HttpHeaders headers;

    @POST
    @Idempotent
    @RolesAllowed({Roles.ADMIN, Roles.AFTER_SALES_MANAGER, Roles.SALES_MANAGER, Roles.PROJECT_MANAGER, Roles.PRODUCT_MANAGER,
            Roles.QUALITY_ENGINEER, Roles.ENGINEER})
    @Operation(summary = "Open an 8D report on one or more cases; each discipline gets its due date from the deadline profile")
    @APIResponse(responseCode = "201", description = "Created", headers = {@Header(name = "Location"), @Header(name = "ETag")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReportView.class)))
    public Response open(ReportRequests.Open request) {
        ReportView view = reports.open(request);
        return Response.created(URI.create("/api/v1/eight-d-reports/" + view.id()))
                .header(HttpHeaders.ETAG, Versions.etag(view.version())).entity(view.in(locale())).build();
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.GENERAL_MANAGER, Roles.AFTER_SALES_MANAGER, Roles.SALES_MANAGER, Roles.PROJECT_MANAGER,
            Roles.SALES, Roles.PRODUCT_MANAGER, Roles.QUALITY_ENGINEER, Roles.ENGINEER, Roles.REPAIR, Roles.CUSTOMER})
    @Operation(summary = "8D reports by number (filters: status, caseId)")
    public Page<ReportView> list(@QueryParam("status") @Parameter(schema = @Schema(implementation = EightDReport.Status.class)) String status, @QueryParam("caseId") String caseId,
                                 @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        Page<ReportView> page = reports.list(Params.enumParam("status", status, EightDReport.Status.class),
                caseId == null || caseId.isBlank() ? null : Params.uuid("case", caseId), PageRequest.of(limit, cursor));
        Locale locale = locale();
        return new Page<>(page.items().stream().map(v -> v.in(locale)).toList(), page.nextCursor(), page.limit());
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.ADMIN, Roles.GENERAL_MANAGER, Roles.AFTER_SALES_MANAGER, Roles.SALES_MANAGER, Roles.PROJECT_MANAGER,
            Roles.SALES, Roles.PRODUCT_MANAGER, Roles.QUALITY_ENGINEER, Roles.ENGINEER, Roles.REPAIR, Roles.CUSTOMER})
    @Operation(summary = "One 8D report (JSON)", description = "ETag: the whole report's version (If-Match of PUT and PATCH of "
            + "the report, closure, linking a case, adding an action); it moves on with any change of a part too. Each "
            + "discipline and action carries its own version (disciplines[].version, actions[].version): the ETag of "
            + "that part, for its own PUT and PATCH.")
    @APIResponse(responseCode = "200", description = "OK", headers = {@Header(name = "ETag")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReportView.class)))
    public Response get(@PathParam("id") String id) {
        return withEtag(reports.get(Params.uuid("eight-d-report", id)));
    }

    @GET
    @Path("{id}")
    @Produces(EightDWorkbook.MEDIA_TYPE)
    @RolesAllowed({Roles.ADMIN, Roles.GENERAL_MANAGER, Roles.AFTER_SALES_MANAGER, Roles.SALES_MANAGER, Roles.PROJECT_MANAGER,
            Roles.SALES, Roles.PRODUCT_MANAGER, Roles.QUALITY_ENGINEER, Roles.ENGINEER, Roles.REPAIR, Roles.CUSTOMER})
    @Operation(summary = "One 8D report as an Excel workbook in the customary 8D layout (zh-CN), to send to the OEM")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(mediaType = EightDWorkbook.MEDIA_TYPE,
            schema = @Schema(type = SchemaType.STRING, format = "binary")))
    public Response workbook(@PathParam("id") String id) {
        ReportView view = reports.get(Params.uuid("eight-d-report", id));
        return Response.ok(EightDWorkbook.write(view), EightDWorkbook.MEDIA_TYPE)
                .header("Content-Disposition", "attachment; filename=\"" + view.reportNo() + ".xlsx\"")
                .header(HttpHeaders.ETAG, Versions.etag(view.version())).build();
    }

    @PUT
    @Path("{id}")
    @RolesAllowed({Roles.ADMIN, Roles.AFTER_SALES_MANAGER, Roles.SALES_MANAGER, Roles.PROJECT_MANAGER, Roles.PRODUCT_MANAGER,
            Roles.QUALITY_ENGINEER, Roles.ENGINEER})
    @Operation(summary = "Fill the report: team, D2 (5W2H, is/is-not), D4 causes, D6 verification, D7 prevention, summary",
            description = REPORT_ETAG + " A PUT replaces every one of these fields: a field left out is cleared; PATCH "
                    + "changes only the fields it names.")
    @APIResponse(responseCode = "200", description = "OK", headers = {@Header(name = "ETag")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReportView.class)))
    public Response update(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                           ReportRequests.Update request) {
        long expected = Versions.required(ifMatch);
        return withEtag(reports.update(Params.uuid("eight-d-report", id), expected, request));
    }

    @PATCH
    @Path("{id}")
    @Consumes(MergePatch.MEDIA_TYPE)
    @RolesAllowed({Roles.ADMIN, Roles.AFTER_SALES_MANAGER, Roles.SALES_MANAGER, Roles.PROJECT_MANAGER, Roles.PRODUCT_MANAGER,
            Roles.QUALITY_ENGINEER, Roles.ENGINEER})
    @Operation(summary = "Change some of the report's own fields (JSON Merge Patch, RFC 7396)",
            description = REPORT_ETAG + " Members left out stay as they are; null clears an optional field (a required "
                    + "one such as title: 422); an object (d2, d7) merges into the one there; an array (team) replaces it; "
                    + "an unknown member is 400. The result is checked as a PUT body is.")
    @APIResponse(responseCode = "200", description = "OK", headers = {@Header(name = "ETag")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReportView.class)))
    public Response patch(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                          @RequestBody(required = true, content = @Content(mediaType = MergePatch.MEDIA_TYPE,
                                  schema = @Schema(implementation = ReportRequests.Update.class))) JsonNode patch) {
        long expected = Versions.required(ifMatch);
        return withEtag(reports.patch(Params.uuid("eight-d-report", id), expected, patch));
    }

    @PUT
    @Path("{id}/disciplines/{discipline}")
    @RolesAllowed({Roles.ADMIN, Roles.AFTER_SALES_MANAGER, Roles.SALES_MANAGER, Roles.PROJECT_MANAGER, Roles.PRODUCT_MANAGER,
            Roles.QUALITY_ENGINEER, Roles.ENGINEER, Roles.REPAIR})
    @Operation(summary = "Owner, content, evidence (attachment ids) and done-ness of one discipline D0–D7",
            description = PART_ETAG)
    @APIResponse(responseCode = "200", description = "The discipline; ETag is its own", headers = {@Header(name = "ETag")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReportView.DisciplineView.class)))
    public Response discipline(@PathParam("id") String id, @PathParam("discipline") String discipline,
                               @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, ReportRequests.DisciplineUpdate request) {
        long expected = Versions.required(ifMatch);
        Discipline d = Params.enumParam("discipline", discipline, Discipline.class);
        return withEtag(reports.updateDiscipline(Params.uuid("eight-d-report", id), d, expected, request));
    }

    @PATCH
    @Path("{id}/disciplines/{discipline}")
    @Consumes(MergePatch.MEDIA_TYPE)
    @RolesAllowed({Roles.ADMIN, Roles.AFTER_SALES_MANAGER, Roles.SALES_MANAGER, Roles.PROJECT_MANAGER, Roles.PRODUCT_MANAGER,
            Roles.QUALITY_ENGINEER, Roles.ENGINEER, Roles.REPAIR})
    @Operation(summary = "Change some of one discipline D0–D7 (JSON Merge Patch, RFC 7396): owner, content, evidence, done",
            description = PART_ETAG + " Members left out stay; null clears one; an unknown member is 400.")
    @APIResponse(responseCode = "200", description = "The discipline; ETag is its own", headers = {@Header(name = "ETag")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReportView.DisciplineView.class)))
    public Response patchDiscipline(@PathParam("id") String id, @PathParam("discipline") String discipline,
                                    @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                                    @RequestBody(required = true, content = @Content(mediaType = MergePatch.MEDIA_TYPE,
                                            schema = @Schema(implementation = ReportRequests.DisciplineUpdate.class))) JsonNode patch) {
        long expected = Versions.required(ifMatch);
        Discipline d = Params.enumParam("discipline", discipline, Discipline.class);
        return withEtag(reports.patchDiscipline(Params.uuid("eight-d-report", id), d, expected, patch));
    }

    @PUT
    @Path("{id}/disciplines/{discipline}/findings")
    @RolesAllowed({Roles.ADMIN, Roles.AFTER_SALES_MANAGER, Roles.SALES_MANAGER, Roles.PROJECT_MANAGER, Roles.PRODUCT_MANAGER,
            Roles.QUALITY_ENGINEER, Roles.ENGINEER, Roles.REPAIR})
    @Operation(summary = "The structured findings of D2 (5W2H), D4 (occurrence and escape causes), D6 (verification and "
            + "its date) or D7 (prevention), replaced under that discipline's own ETag",
            description = PART_ETAG + " Only the discipline's own members may be set (422 naming another's); other "
                    + "disciplines have no findings (404). The report's own PUT and PATCH may change them too, and then "
                    + "move the discipline's ETag on.")
    @APIResponse(responseCode = "200", description = "The findings; ETag is the discipline's", headers = {@Header(name = "ETag")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReportView.FindingsView.class)))
    public Response findings(@PathParam("id") String id, @PathParam("discipline") String discipline,
                             @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, ReportRequests.Findings request) {
        long expected = Versions.required(ifMatch);
        Discipline d = Params.enumParam("discipline", discipline, Discipline.class);
        ReportView.FindingsView view = reports.updateFindings(Params.uuid("eight-d-report", id), d, expected, request);
        return Versions.ok(view, view.version());
    }

    @PATCH
    @Path("{id}/disciplines/{discipline}/findings")
    @Consumes(MergePatch.MEDIA_TYPE)
    @RolesAllowed({Roles.ADMIN, Roles.AFTER_SALES_MANAGER, Roles.SALES_MANAGER, Roles.PROJECT_MANAGER, Roles.PRODUCT_MANAGER,
            Roles.QUALITY_ENGINEER, Roles.ENGINEER, Roles.REPAIR})
    @Operation(summary = "Change some of the findings of D2, D4, D6 or D7 (JSON Merge Patch, RFC 7396)",
            description = PART_ETAG + " Members left out stay; null clears one; another discipline's member is 422.")
    @APIResponse(responseCode = "200", description = "The findings; ETag is the discipline's", headers = {@Header(name = "ETag")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReportView.FindingsView.class)))
    public Response patchFindings(@PathParam("id") String id, @PathParam("discipline") String discipline,
                                  @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                                  @RequestBody(required = true, content = @Content(mediaType = MergePatch.MEDIA_TYPE,
                                          schema = @Schema(implementation = ReportRequests.Findings.class))) JsonNode patch) {
        long expected = Versions.required(ifMatch);
        Discipline d = Params.enumParam("discipline", discipline, Discipline.class);
        ReportView.FindingsView view = reports.patchFindings(Params.uuid("eight-d-report", id), d, expected, patch);
        return Versions.ok(view, view.version());
    }

    @POST
    @Path("{id}/cases")
    @RolesAllowed({Roles.ADMIN, Roles.AFTER_SALES_MANAGER, Roles.SALES_MANAGER, Roles.PROJECT_MANAGER, Roles.PRODUCT_MANAGER,
            Roles.QUALITY_ENGINEER, Roles.ENGINEER})
    @Operation(summary = "Link another case; after closure it is a recurrence and reopens the report")
    @APIResponse(responseCode = "200", description = "OK", headers = {@Header(name = "ETag")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReportView.class)))
    public Response linkCase(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                             ReportRequests.LinkCase request) {
        long expected = Versions.required(ifMatch);
        return withEtag(reports.linkCase(Params.uuid("eight-d-report", id), expected, request));
    }

    @POST
    @Path("{id}/actions")
    @RolesAllowed({Roles.ADMIN, Roles.AFTER_SALES_MANAGER, Roles.SALES_MANAGER, Roles.PROJECT_MANAGER, Roles.PRODUCT_MANAGER,
            Roles.QUALITY_ENGINEER, Roles.ENGINEER})
    @Operation(summary = "Add a containment, corrective or preventive action (owner and due date required)")
    @APIResponse(responseCode = "200", description = "OK", headers = {@Header(name = "ETag")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReportView.class)))
    public Response addAction(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                              ReportRequests.Action request) {
        long expected = Versions.required(ifMatch);
        return withEtag(actions.add(Params.uuid("eight-d-report", id), expected, request));
    }

    @PUT
    @Path("{id}/actions/{actionId}")
    @RolesAllowed({Roles.ADMIN, Roles.AFTER_SALES_MANAGER, Roles.SALES_MANAGER, Roles.PROJECT_MANAGER, Roles.PRODUCT_MANAGER,
            Roles.QUALITY_ENGINEER, Roles.ENGINEER, Roles.REPAIR})
    @Operation(summary = "Update an action: status, owner, due date, effectiveness, evidence", description = PART_ETAG)
    @APIResponse(responseCode = "200", description = "The action; ETag is its own", headers = {@Header(name = "ETag")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReportView.ActionView.class)))
    public Response updateAction(@PathParam("id") String id, @PathParam("actionId") String actionId,
                                 @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, ReportRequests.ActionUpdate request) {
        long expected = Versions.required(ifMatch);
        return withEtag(actions.update(Params.uuid("eight-d-report", id), Params.uuid("eight-d-action", actionId), expected,
                request));
    }

    @PATCH
    @Path("{id}/actions/{actionId}")
    @Consumes(MergePatch.MEDIA_TYPE)
    @RolesAllowed({Roles.ADMIN, Roles.AFTER_SALES_MANAGER, Roles.SALES_MANAGER, Roles.PROJECT_MANAGER, Roles.PRODUCT_MANAGER,
            Roles.QUALITY_ENGINEER, Roles.ENGINEER, Roles.REPAIR})
    @Operation(summary = "Change some of an action (JSON Merge Patch, RFC 7396), e.g. only its status",
            description = PART_ETAG + " Members left out stay; null clears an optional one (effectiveness, evidence) and is "
                    + "422 for a required one (description, owner, dueDate, status); an unknown member is 400.")
    @APIResponse(responseCode = "200", description = "The action; ETag is its own", headers = {@Header(name = "ETag")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReportView.ActionView.class)))
    public Response patchAction(@PathParam("id") String id, @PathParam("actionId") String actionId,
                                @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                                @RequestBody(required = true, content = @Content(mediaType = MergePatch.MEDIA_TYPE,
                                        schema = @Schema(implementation = ReportRequests.ActionUpdate.class))) JsonNode patch) {
        long expected = Versions.required(ifMatch);
        return withEtag(actions.patch(Params.uuid("eight-d-report", id), Params.uuid("eight-d-action", actionId), expected,
                patch));
    }

    @POST
    @Path("{id}/closure")
    @RolesAllowed(Roles.QUALITY_ENGINEER)
    @Operation(summary = "Close (D8): only with D6 verified, D7 filled, D0–D7 done, no open action and the summary report (总结报告)")
    @APIResponse(responseCode = "200", description = "OK", headers = {@Header(name = "ETag")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReportView.class)))
    public Response close(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, Closure closure) {
        long expected = Versions.required(ifMatch);
        return withEtag(reports.close(Params.uuid("eight-d-report", id), expected, closure == null ? null : closure.comment()));
    }

    private Response withEtag(ReportView view) {
        return Versions.ok(view.in(locale()), view.version());
    }

    private Response withEtag(ReportView.DisciplineView view) {
        return Versions.ok(view.in(locale()), view.version());
    }

    private static Response withEtag(ReportView.ActionView view) {
        return Versions.ok(view, view.version());
    }

    /** The caller's language (Accept-Language): the report's composed texts are answered in it only. */
    private Locale locale() {
        return Messages.choose(headers.getAcceptableLanguages());
    }
}
