package com.aftersales.eightd;

import com.aftersales.shared.error.ProblemException;
import com.aftersales.shared.security.Roles;
import com.aftersales.shared.web.Params;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import com.aftersales.shared.web.Versions;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.LocalDate;
import java.util.List;

@Path("/api/v1/eight-d-settings")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "8d")
public class EightDSettingsResource {

    @Inject
    EightDSettings settings;

    @GET
    @Path("deadlines")
    @RolesAllowed({Roles.ADMIN, Roles.GENERAL_MANAGER, Roles.AFTER_SALES_MANAGER, Roles.SALES_MANAGER, Roles.PROJECT_MANAGER,
            Roles.PRODUCT_MANAGER, Roles.QUALITY_ENGINEER, Roles.ENGINEER})
    @Operation(summary = "Deadline profiles: working days from opening to each discipline's due date (default and per customer)")
    public List<EightDSettings.DeadlineView> deadlines() {
        return settings.deadlines();
    }

    @PUT
    @Path("deadlines")
    @RolesAllowed({Roles.ADMIN, Roles.QUALITY_ENGINEER})
    @Operation(summary = "Set one discipline's working days, by default or for a customer (If-Match with the row's "
            + "version; If-None-Match: * to create a customer's row)")
    @APIResponse(responseCode = "200", description = "OK", headers = {@Header(name = "ETag")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EightDSettings.DeadlineView.class)))
    public Response setDeadline(@HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                                @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
                                EightDSettings.DeadlineRequest request) {
        Versions.Put precondition = Versions.put(ifMatch, ifNoneMatch);
        EightDSettings.DeadlineView view = settings.setDeadline(request, precondition);
        return Versions.ok(view, view.version());
    }

    @GET
    @Path("calendar")
    @RolesAllowed({Roles.ADMIN, Roles.GENERAL_MANAGER, Roles.AFTER_SALES_MANAGER, Roles.SALES_MANAGER, Roles.PROJECT_MANAGER,
            Roles.PRODUCT_MANAGER, Roles.QUALITY_ENGINEER, Roles.ENGINEER})
    @Operation(summary = "Holidays and worked weekend days (调休) between two dates")
    public List<EightDSettings.CalendarEntry> calendar(@QueryParam("from") String from, @QueryParam("to") String to) {
        LocalDate start = Params.dateParam("from", from);
        LocalDate end = Params.dateParam("to", to);
        if (start == null || end == null || end.isBefore(start) || start.plusYears(3).isBefore(end)) {
            throw ProblemException.badParameter("to", "eightd.calendar_range");
        }
        return settings.calendar(start, end);
    }

    @PUT
    @Path("calendar")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Mark a day as a holiday (working=false) or a worked weekend day (working=true): "
            + "If-None-Match: * for a day not in the calendar yet, If-Match with its version to change it")
    @APIResponse(responseCode = "200", description = "OK", headers = {@Header(name = "ETag")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EightDSettings.CalendarEntry.class)))
    public Response setDay(@HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                           @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch, EightDSettings.CalendarDay day) {
        Versions.Put precondition = Versions.put(ifMatch, ifNoneMatch);
        EightDSettings.CalendarEntry entry = settings.setDay(day, precondition);
        return Versions.ok(entry, entry.version());
    }
}
