package com.aftersales.shared.audit;

import com.aftersales.shared.error.ProblemException;
import com.aftersales.shared.paging.Page;
import com.aftersales.shared.paging.PageRequest;
import com.aftersales.shared.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "audit")
public class AuditResource {

    @Inject
    AuditTrail trail;

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.GENERAL_MANAGER, Roles.AFTER_SALES_MANAGER, Roles.SALES_MANAGER, Roles.PROJECT_MANAGER})
    @Operation(summary = "The audit trail of one record (newest first), or of all records of one type")
    public Page<AuditView> list(@QueryParam("entity") @Parameter(required = true) String entity, @QueryParam("id") String id,
                                @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        if (entity == null || entity.isBlank()) {
            throw ProblemException.badParameter("entity", "validation.required");
        }
        PageRequest page = PageRequest.of(limit, cursor);
        if (page.after() != null && !page.after().matches("\\d{1,18}")) {
            throw ProblemException.badParameter("cursor", "validation.cursor");
        }
        return trail.find(entity.trim(), id == null || id.isBlank() ? null : id.trim(), page);
    }
}
