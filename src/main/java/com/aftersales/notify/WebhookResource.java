package com.aftersales.notify;

import com.aftersales.shared.idempotency.Idempotent;
import com.aftersales.shared.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import com.aftersales.shared.web.Versions;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** Webhook endpoints (enterprise messaging robots, HTTPS receivers) that get notices for roles or kinds. */
@Path("/api/v1/admin/webhooks")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "notifications")
public class WebhookResource {

    @Inject
    WebhookEndpoints webhooks;

    @GET
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Active webhook endpoints (secrets are never shown)")
    public List<WebhookEndpoints.EndpointView> list() {
        return webhooks.active();
    }

    @POST
    @Idempotent
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Register a webhook endpoint (GENERIC signed JSON, WECOM, DINGTALK or FEISHU robot) for roles or kinds")
    @APIResponse(responseCode = "201", description = "Created", headers = {@Header(name = "ETag")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WebhookEndpoints.EndpointView.class)))
    public Response create(WebhookEndpoints.EndpointRequest request) {
        WebhookEndpoints.EndpointView view = webhooks.create(request);
        return Response.status(Response.Status.CREATED).header(HttpHeaders.ETAG, Versions.etag(view.version())).entity(view).build();
    }

    @DELETE
    @Path("{id}")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Stop sending to a webhook endpoint (pending deliveries to it fail into dead letters); "
            + "If-Match with its version")
    public void deactivate(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        long expected = Versions.required(ifMatch);
        webhooks.deactivate(id, expected);
    }
}
