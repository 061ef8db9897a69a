package com.aftersales.cases;

import com.aftersales.shared.security.AnyStaff;
import com.aftersales.shared.security.Roles;
import com.aftersales.shared.web.Params;
import com.aftersales.shared.web.Versions;
import com.aftersales.unit.ProductLine;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** The case routing and SLA tables (changed by ADMIN without a deploy). */
@Path("/api/v1/case-settings")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "cases")
public class CaseSettingsResource {

    @Inject
    CaseSettings settings;

    @GET
    @Path("routing")
    @AnyStaff
    @Operation(summary = "The routing table: product line × in development project → owner role")
    public List<CaseSettings.RouteView> routes() {
        return settings.routes();
    }

    @PUT
    @Path("routing/{productLine}/{inProject}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Change the owner role of one routing row (If-Match)")
    @APIResponse(responseCode = "200", description = "OK", headers = {@Header(name = "ETag")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CaseSettings.RouteView.class)))
    public Response changeRoute(@PathParam("productLine") String line, @PathParam("inProject") String inProject,
                                @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, CaseSettings.RouteRequest request) {
        long expected = Versions.required(ifMatch);
        ProductLine productLine = Params.enumParam("productLine", line, ProductLine.class);
        Boolean project = Params.boolParam("inProject", inProject);
        if (productLine == null || project == null) {
            throw com.aftersales.shared.error.ProblemException.notFound("case-routing", line + "/" + inProject);
        }
        CaseSettings.RouteView view = settings.changeRoute(productLine, project, expected, request);
        return Versions.ok(view, view.version());
    }

    @GET
    @Path("slas")
    @AnyStaff
    @Operation(summary = "The SLA table: hours to first response and to resolution by severity (and customer)")
    public List<CaseSettings.SlaView> slas() {
        return settings.slas();
    }

    @PUT
    @Path("slas")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Set due times for a severity, by default or for one customer (If-Match with the row's ETag; "
            + "If-None-Match: * to create a row)")
    @APIResponse(responseCode = "200", description = "OK", headers = {@Header(name = "ETag")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CaseSettings.SlaView.class)))
    public Response setSla(@HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                           @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch, CaseSettings.SlaRequest request) {
        Versions.Put precondition = Versions.put(ifMatch, ifNoneMatch);
        CaseSettings.SlaView view = settings.setSla(request, precondition);
        return Versions.ok(view, view.version());
    }
}
