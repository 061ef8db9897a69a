package com.aftersales.shared.web;

import com.aftersales.AftersalesConfig;
import com.aftersales.shared.error.ProblemException;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses an oversized body before it is read, with a 413 problem document. The limit stays under Lambda's
 * 6 MB synchronous payload; the HTTP server's own, higher limit is only a backstop for bodies without a length.
 */
public class BodyLimit {

    // RESTEasy creates its filters at static init, before the runtime configuration exists: look it up per request.
    @Inject
    Provider<AftersalesConfig> config;

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
            // The local object store (dev and tests) takes attachment uploads, which S3 takes in the cloud.
            long limit = request.getUriInfo().getPath().startsWith("/api/v1/attachment-store/")
                    ? config.get().attachments().maxBytes() : config.get().http().maxBodyBytes();
            if (bytes > limit) {
                throw new ProblemException(413, "payload_too_large", limit / (1024 * 1024));
            }
        }
    }
}
