package com.aftersales.shared.web;

import com.aftersales.shared.error.ProblemException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses an oversized body before it is read, with a 413 problem document. The limit stays under Lambda's
 * 6 MB synchronous payload; the HTTP server's own, higher limit is only a backstop for bodies without a length.
 */
public class BodyLimit {

    @ConfigProperty(name = "aftersales.http.max-body-bytes")
    long maxBytes;

    /** The local object store (dev and tests) takes attachment uploads, which S3 takes in the cloud. */
    @ConfigProperty(name = "aftersales.attachments.max-bytes")
    long maxAttachmentBytes;

    @ServerRequestFilter(preMatching = true)
    public void check(ContainerRequestContext request) {
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            long bytes;
            try {
                bytes = Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                throw new ProblemException(400, "bad_request");
            }
            long limit = request.getUriInfo().getPath().startsWith("/api/v1/attachment-store/") ? maxAttachmentBytes : maxBytes;
            if (bytes > limit) {
                throw new ProblemException(413, "payload_too_large", limit / (1024 * 1024));
            }
        }
    }
}
