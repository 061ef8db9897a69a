package com.aftersales.notify;

import com.aftersales.shared.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import com.aftersales.shared.web.Versions;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** Deliveries that could not be made (dead letters). */
@Path("/api/v1/admin/notifications")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "notifications")
public class NoticeAdminResource {

    @Inject
    Inbox inbox;

    @GET
    @Path("dead")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Deliveries (e-mail, webhook) given up after their last attempt")
    public List<Inbox.DeadLetter> dead() {
        return inbox.deadLetters();
    }

    @POST
    @Path("{id}/resend")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Give a dead delivery another round of attempts (If-Match with its version from the dead letters)")
    @APIResponse(responseCode = "204", description = "No Content")
    public void resend(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        long expected = Versions.required(ifMatch);
        inbox.resend(id, expected);
    }
}
