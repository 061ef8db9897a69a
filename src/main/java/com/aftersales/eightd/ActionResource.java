package com.aftersales.eightd;

import com.aftersales.shared.paging.Page;
import com.aftersales.shared.paging.PageRequest;
import com.aftersales.shared.security.Roles;
import com.aftersales.shared.web.Params;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/actions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "8d")
public class ActionResource {

    @Inject
    EightDActions actions;

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.GENERAL_MANAGER, Roles.AFTER_SALES_MANAGER, Roles.SALES_MANAGER, Roles.PROJECT_MANAGER,
            Roles.PRODUCT_MANAGER, Roles.QUALITY_ENGINEER, Roles.ENGINEER, Roles.REPAIR})
    @Operation(summary = "Actions across all 8D reports by due date (overdue=true: still open after their due date)")
    public Page<ReportView.ActionView> list(@QueryParam("overdue") String overdue, @QueryParam("owner") String owner,
                                            @QueryParam("status") @Parameter(schema = @Schema(implementation = EightDAction.Status.class)) String status, @QueryParam("limit") String limit,
                                            @QueryParam("cursor") String cursor) {
        return actions.list(Boolean.TRUE.equals(Params.boolParam("overdue", overdue)),
                owner == null || owner.isBlank() ? null : owner.strip(),
                Params.enumParam("status", status, EightDAction.Status.class), PageRequest.of(limit, cursor));
    }
}
