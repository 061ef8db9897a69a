package com.aftersales.problems;

import com.aftersales.shared.error.ProblemException;
import com.aftersales.shared.idempotency.Idempotent;
import com.aftersales.shared.paging.Page;
import com.aftersales.shared.paging.PageRequest;
import com.aftersales.shared.security.AnyStaff;
import com.aftersales.shared.security.Roles;
import com.aftersales.shared.web.Params;
import com.aftersales.shared.web.Versions;
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
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

/** The complaint problem library (客诉问题库): internal knowledge, not shown to customer accounts. */
@Path("/api/v1/problems")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "problems")
public class ProblemResource {

    @Inject
    ProblemLibrary library;

    @Inject
    ProblemDigests digests;

    @Inject
    Clock clock;

    @POST
    @Idempotent
    @RolesAllowed({Roles.ADMIN, Roles.QUALITY_ENGINEER, Roles.ENGINEER, Roles.PRODUCT_MANAGER})
    @Operation(summary = "Add a problem by hand (failure mode, models, cause, countermeasure, FMEA links, 8D and case links)")
    @APIResponse(responseCode = "201", description = "Created", headers = {@Header(name = "Location"), @Header(name = "ETag")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ProblemLibrary.ProblemView.class)))
    @APIResponse(responseCode = "404", description = "An 8D report or case it links to does not exist")
    public Response create(ProblemLibrary.ProblemRequest request) {
        return created(library.create(request));
    }

    @POST
    @Path("from-report/{reportId}")
    @Consumes(MediaType.WILDCARD)
    @Idempotent
    @RolesAllowed({Roles.ADMIN, Roles.QUALITY_ENGINEER})
    @Operation(summary = "Create the library entry from a closed 8D report in one step")
    @APIResponse(responseCode = "201", description = "Created", headers = {@Header(name = "Location"), @Header(name = "ETag")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ProblemLibrary.ProblemView.class)))
    public Response fromReport(@PathParam("reportId") String reportId) {
        return created(library.fromReport(Params.uuid("eight-d-report", reportId)));
    }

    @GET
    @AnyStaff
    @Operation(summary = "Search by product model, failure mode, cause, Chinese free text (q), status")
    public Page<ProblemLibrary.ProblemView> search(@QueryParam("model") String model, @QueryParam("failureMode") String mode,
                                                   @QueryParam("cause") String cause, @QueryParam("q") String text,
                                                   @QueryParam("status") @Parameter(schema = @Schema(implementation = Problem.Status.class)) String status, @QueryParam("limit") String limit,
                                                   @QueryParam("cursor") String cursor) {
        return library.search(new ProblemLibrary.Filter(blank(model), blank(mode), blank(cause), blank(text),
                Params.enumParam("status", status, Problem.Status.class)), PageRequest.of(limit, cursor));
    }

    @GET
    @Path("digest")
    @AnyStaff
    @Operation(summary = "The digest content: problems new or changed since a moment (ISO date or date-time); with a "
            + "department, only those its digest scope matches")
    public List<ProblemLibrary.ProblemView> digest(@QueryParam("since") String since,
                                                   @QueryParam("department") String department) {
        return digests.content(moment("since", since), Params.enumParam("department", department, Department.class));
    }

    @GET
    @Path("{id}")
    @AnyStaff
    @Operation(summary = "One problem")
    @APIResponse(responseCode = "200", description = "OK", headers = {@Header(name = "ETag")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ProblemLibrary.ProblemView.class)))
    public Response get(@PathParam("id") String id) {
        ProblemLibrary.ProblemView view = library.get(Params.uuid("problem", id));
        return Versions.ok(view, view.version());
    }

    @PUT
    @Path("{id}")
    @RolesAllowed({Roles.ADMIN, Roles.QUALITY_ENGINEER, Roles.ENGINEER, Roles.PRODUCT_MANAGER})
    @Operation(summary = "Amend a problem (If-Match), e.g. its status once the countermeasure is effective")
    @APIResponse(responseCode = "200", description = "OK", headers = {@Header(name = "ETag")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ProblemLibrary.ProblemView.class)))
    public Response update(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                           ProblemLibrary.ProblemRequest request) {
        long expected = Versions.required(ifMatch);
        ProblemLibrary.ProblemView view = library.update(Params.uuid("problem", id), expected, request);
        return Versions.ok(view, view.version());
    }

    /** An ISO date-time, or an ISO date: the start of that day in the business zone. */
    private OffsetDateTime moment(String name, String value) {
        if (value == null || value.isBlank()) {
            throw ProblemException.badParameter(name, "validation.required");
        }
        try {
            return value.length() == 10 ? java.time.LocalDate.parse(value).atStartOfDay(clock.getZone()).toOffsetDateTime()
                    : OffsetDateTime.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.badParameter(name, "validation.date");
        }
    }

    private static Response created(ProblemLibrary.ProblemView view) {
        return Response.created(URI.create("/api/v1/problems/" + view.id()))
                .header(HttpHeaders.ETAG, Versions.etag(view.version())).entity(view).build();
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
