package com.aftersales.notify;

import com.aftersales.shared.error.Messages;
import com.aftersales.shared.paging.Page;
import com.aftersales.shared.security.AnyRole;
import jakarta.inject.Inject;
import com.aftersales.shared.web.Versions;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The in-app inbox of the mobile and web apps. */
@Path("/api/v1/me/notifications")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "notifications")
public class InboxResource {

    @Inject
    Inbox inbox;

    @Context
    HttpHeaders headers;

    @GET
    @AnyRole
    @Operation(summary = "My notifications, newest first (unread=true: only unread), in the language of Accept-Language")
    public Page<Inbox.NoticeView> mine(@QueryParam("unread") String unread, @QueryParam("limit") String limit,
                                       @QueryParam("cursor") String cursor) {
        return inbox.mine(unread, limit, cursor, Messages.choose(headers.getAcceptableLanguages()));
    }

    @POST
    @Path("{id}/read")
    @Consumes(MediaType.WILDCARD)
    @AnyRole
    @Operation(summary = "Mark one of my notifications as read (If-Match with its version from the inbox)")
    @APIResponse(responseCode = "204", description = "No Content")
    public void read(@PathParam("id") String id, @HeaderParam(jakarta.ws.rs.core.HttpHeaders.IF_MATCH) String ifMatch) {
        long expected = Versions.required(ifMatch);
        inbox.read(id, expected);
    }
}
