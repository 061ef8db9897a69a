package com.aftersales.notify;

import com.aftersales.shared.error.Messages;
import com.aftersales.shared.security.AnyRole;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import com.aftersales.shared.web.Versions;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Where my notices go besides the inbox. */
@Path("/api/v1/me/notification-preferences")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "notifications")
public class PreferenceResource {

    @Inject
    NotificationPreferences preferences;

    @Context
    HttpHeaders headers;

    @GET
    @AnyRole
    @Operation(summary = "My notification preferences (language, e-mail, muted kinds)")
    @APIResponse(responseCode = "200", description = "OK", headers = {@Header(name = "ETag")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = NotificationPreferences.Preferences.class)))
    public Response mine() {
        NotificationPreferences.Preferences mine = preferences.mine(Messages.choose(headers.getAcceptableLanguages()));
        Long version = preferences.version();
        // No ETag before the first save: the first PUT creates the settings with If-None-Match: *.
        return version == null ? Response.ok(mine).build() : Versions.ok(mine, version);
    }

    @PUT
    @AnyRole
    @Operation(summary = "Replace my notification preferences; also records my current roles for notices sent to a role. "
            + "If-None-Match: * for the first save, then If-Match with the ETag of GET")
    @APIResponse(responseCode = "200", description = "OK", headers = {@Header(name = "ETag")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = NotificationPreferences.Preferences.class)))
    public Response save(@HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                         @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
                         NotificationPreferences.Preferences request) {
        Versions.Put precondition = Versions.put(ifMatch, ifNoneMatch);
        NotificationPreferences.Preferences saved = preferences.save(request, precondition,
                Messages.choose(headers.getAcceptableLanguages()));
        return Versions.ok(saved, preferences.version());
    }

    @POST
    @Path("email-verification")
    @AnyRole
    @Operation(summary = "Confirm my e-mail address with the code mailed to it (notices go only to a confirmed address); "
            + "If-Match with the ETag of GET")
    @APIResponse(responseCode = "200", description = "OK", headers = {@Header(name = "ETag")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = NotificationPreferences.Preferences.class)))
    public Response verify(@HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, NotificationPreferences.Verification request) {
        long expected = Versions.required(ifMatch);
        NotificationPreferences.Preferences saved = preferences.verify(request, expected,
                Messages.choose(headers.getAcceptableLanguages()));
        return Versions.ok(saved, preferences.version());
    }

}
