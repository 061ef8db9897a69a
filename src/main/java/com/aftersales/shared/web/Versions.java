package com.aftersales.shared.web;

import com.aftersales.shared.error.ProblemException;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Optimistic concurrency over HTTP: a resource's ETag is its version; every change names the version it
 * was based on in If-Match (missing: 428, stale: 412), so no update is lost.
 */
public final class Versions {

    private static final Pattern TAG = Pattern.compile("\\s*(?:W/)?\"(\\d{1,18})\"\\s*");

    private Versions() {
    }

    public static String etag(long version) {
        return "\"" + version + "\"";
    }

    /** The version the client based its change on. */
    public static long required(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            throw new ProblemException(428, "precondition_required");
        }
        Matcher m = TAG.matcher(ifMatch);
        if (!m.matches()) {
            throw new ProblemException(412, "precondition_failed", ifMatch);
        }
        return Long.parseLong(m.group(1));
    }

    /** 412 unless the stored version is the one the client saw. */
    public static void check(long current, long expected) {
        if (current != expected) {
            throw new ProblemException(412, "precondition_failed", etag(expected))
                    .with("currentETag", etag(current))
                    .header("ETag", etag(current));
        }
    }

    /**
     * The precondition of a PUT that creates a record or changes an existing one: If-Match with the record's ETag to
     * change it, {@code If-None-Match: *} to create it. Neither: 428 before anything is looked up.
     */
    public static Put put(String ifMatch, String ifNoneMatch) {
        boolean create = ifNoneMatch != null && ifNoneMatch.trim().equals("*");
        boolean match = ifMatch != null && !ifMatch.isBlank();
        if (!create && !match) {
            throw new ProblemException(428, "precondition_required_put");
        }
        return new Put(match ? required(ifMatch) : null);
    }

    /** What a creating-or-changing PUT was based on: a version (If-Match) or nothing yet (If-None-Match: *). */
    public record Put(Long expected) {

        /** Checks the stored version ({@code null}: no record yet); 412 when the client's precondition does not hold. */
        public void check(Long current) {
            if (current == null) {
                if (expected != null) {
                    throw new ProblemException(412, "precondition_failed", etag(expected));
                }
            } else if (expected == null) {
                throw new ProblemException(412, "record_exists").with("currentETag", etag(current))
                        .header("ETag", etag(current));
            } else {
                Versions.check(current, expected);
            }
        }

        public boolean creates() {
            return expected == null;
        }
    }

    /** 200 with the record and its ETag. */
    public static jakarta.ws.rs.core.Response ok(Object entity, long version) {
        return jakarta.ws.rs.core.Response.ok(entity).header(jakarta.ws.rs.core.HttpHeaders.ETAG, etag(version)).build();
    }
}
