package com.aftersales.cases;

import com.aftersales.shared.idempotency.Idempotent;
import com.aftersales.shared.paging.Page;
import com.aftersales.shared.paging.PageRequest;
import com.aftersales.shared.security.AnyRole;
import com.aftersales.shared.web.Params;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;

/** Photos and documents of a case, moved through pre-signed URLs. */
@Path("/api/v1/cases/{caseId}/attachments")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "cases")
public class CaseAttachmentResource {

    @Inject
    CaseAttachments attachments;

    @POST
    @Idempotent
    @AnyRole
    @Operation(summary = "Announce a file (name, type, size): returns the URL to PUT the bytes to, valid for minutes")
    @APIResponse(responseCode = "201", description = "Created", headers = {@Header(name = "Location")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CaseAttachments.AttachmentView.class)))
    public Response attach(@PathParam("caseId") String caseId, CaseAttachments.AttachRequest request) {
        CaseAttachments.AttachmentView view = attachments.attach(Params.uuid("case", caseId), request);
        return Response.created(URI.create("/api/v1/cases/" + view.caseId() + "/attachments/" + view.id())).entity(view).build();
    }

    @POST
    @Path("{attachmentId}/confirmation")
    @Consumes(MediaType.WILDCARD)
    @AnyRole
    @Operation(summary = "Confirm the upload: the stored size must be the announced one")
    public CaseAttachments.AttachmentView confirm(@PathParam("caseId") String caseId,
                                                  @PathParam("attachmentId") String attachmentId) {
        return attachments.confirm(Params.uuid("case", caseId), Params.uuid("attachment", attachmentId));
    }

    @POST
    @Path("{attachmentId}/upload-url")
    @Consumes(MediaType.WILDCARD)
    @AnyRole
    @Operation(summary = "A fresh upload URL for an announced file whose URL expired (offline field work); 409 once "
            + "uploaded or when the announcement itself expired")
    public CaseAttachments.AttachmentView reissueUploadUrl(@PathParam("caseId") String caseId,
                                                           @PathParam("attachmentId") String attachmentId) {
        return attachments.reissueUploadUrl(Params.uuid("case", caseId), Params.uuid("attachment", attachmentId));
    }

    @GET
    @AnyRole
    @Operation(summary = "The case's attachments")
    public Page<CaseAttachments.AttachmentView> list(@PathParam("caseId") String caseId, @QueryParam("limit") String limit,
                                                     @QueryParam("cursor") String cursor) {
        return attachments.list(Params.uuid("case", caseId), PageRequest.of(limit, cursor));
    }

    @GET
    @Path("{attachmentId}")
    @AnyRole
    @Operation(summary = "One attachment with a short-lived download URL")
    public CaseAttachments.AttachmentView get(@PathParam("caseId") String caseId,
                                              @PathParam("attachmentId") String attachmentId) {
        return attachments.get(Params.uuid("case", caseId), Params.uuid("attachment", attachmentId));
    }
}
