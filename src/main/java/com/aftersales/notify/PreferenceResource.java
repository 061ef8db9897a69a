package com.aftersales.notify;

import com.aftersales.shared.error.Messages;
import com.aftersales.shared.security.AnyRole;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
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
    public NotificationPreferences.Preferences mine() {
        return preferences.mine(Messages.choose(headers.getAcceptableLanguages()));
    }

    @PUT
    @AnyRole
    @Operation(summary = "Replace my notification preferences; also records my current roles for notices sent to a role")
    public NotificationPreferences.Preferences save(NotificationPreferences.Preferences request) {
        return preferences.save(request, Messages.choose(headers.getAcceptableLanguages()));
    }

}
