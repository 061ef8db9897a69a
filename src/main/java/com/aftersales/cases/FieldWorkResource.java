package com.aftersales.cases;

import com.aftersales.shared.error.Messages;
import com.aftersales.shared.paging.PageRequest;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Offline field work: what a field engineer's device downloads before going where the network is poor. */
@Path("/api/v1/field-work")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "cases")
public class FieldWorkResource {

    @Inject
    FieldWork work;

    @GET
    @Path("changes")
    @RolesAllowed({Roles.ADMIN, Roles.AFTER_SALES_MANAGER, Roles.SALES_MANAGER, Roles.PROJECT_MANAGER, Roles.SALES,
            Roles.QUALITY_ENGINEER, Roles.ENGINEER, Roles.REPAIR})
    @Operation(summary = "My visits and their cases changed since a cursor (the syncCursor of the last download; none: "
            + "everything), in order of change; a visit is the caller's when their account is among its technicians")
    public FieldWork.FieldWorkChanges changes(@QueryParam("cursor") String cursor, @QueryParam("limit") String limit,
                                        @Context HttpHeaders headers) {
        return work.changes(PageRequest.of(limit, cursor), Messages.choose(headers.getAcceptableLanguages()));
    }
}
