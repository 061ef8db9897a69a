package com.aftersales.shared.storage;

import com.aftersales.AftersalesConfig;
import com.aftersales.shared.error.ProblemException;
import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

/**
 * The local store's pre-signed URLs (dev and tests only, like S3's): the signature is the authorisation, so no
 * bearer token is needed; a wrong or expired signature is 403. Built only with the local store (never in prod).
 */
@IfBuildProperty(name = "aftersales.attachments.store", stringValue = "local")
@Path(LocalObjectStore.PATH + "{token}")
public class LocalObjectStoreResource {

    @Inject
    LocalObjectStore store;

    @Inject
    AftersalesConfig config;

    @PUT
    @PermitAll
    @Consumes("*/*")
    @Operation(summary = "Dev/test object store: upload through a signed URL", hidden = true)
    public Response put(@PathParam("token") String token, @QueryParam("signature") String signature,
                        @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, InputStream body) throws IOException {
        LocalObjectStore local = local();
        LocalObjectStore.Grant grant = local.verify("PUT", token, signature == null ? "" : signature)
                .orElseThrow(() -> new ProblemException(403, "signature_invalid"));
        String[] detail = grant.detail().split("\\|", 2);
        if (contentType == null || !contentType.startsWith(detail[0])) {
            throw new ProblemException(415, "unsupported_media_type");
        }
        long declared = Long.parseLong(detail[1]);
        byte[] bytes = body.readNBytes((int) Math.min(declared + 1, config.attachments().maxBytes() + 1));
        if (bytes.length != declared) {
            throw new ProblemException(422, "attachment_size_mismatch", declared, bytes.length);
        }
        local.write(grant.objectKey(), new java.io.ByteArrayInputStream(bytes));
        return Response.ok().build();
    }

    @GET
    @PermitAll
    @Operation(summary = "Dev/test object store: download through a signed URL", hidden = true)
    public Response get(@PathParam("token") String token, @QueryParam("signature") String signature) throws IOException {
        LocalObjectStore local = local();
        LocalObjectStore.Grant grant = local.verify("GET", token, signature == null ? "" : signature)
                .orElseThrow(() -> new ProblemException(403, "signature_invalid"));
        String[] detail = grant.detail().split("\\|", 2);
        java.nio.file.Path file = local.file(grant.objectKey());
        if (!Files.exists(file)) {
            throw ProblemException.notFound("attachment", grant.objectKey());
        }
        return Response.ok(Files.readAllBytes(file), detail[0])
                .header("Content-Disposition", "attachment; filename*=UTF-8''"
                        + URLEncoder.encode(detail[1], StandardCharsets.UTF_8).replace("+", "%20"))
                .build();
    }

    private LocalObjectStore local() {
        return store;
    }
}
