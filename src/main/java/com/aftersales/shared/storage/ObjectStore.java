package com.aftersales.shared.storage;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * Where attachment bytes live: S3 in the cloud, a local folder in dev and tests. Clients move the bytes
 * themselves through short-lived pre-signed URLs, so large files never pass through the Lambda function.
 */
public interface ObjectStore {

    /** A URL the client may use once, before it expires, with the method and headers given. */
    record SignedUrl(String method, String url, java.util.Map<String, String> headers, OffsetDateTime expiresAt) {
    }

    SignedUrl uploadUrl(String key, String contentType, long sizeBytes, Duration ttl);

    SignedUrl downloadUrl(String key, String fileName, String contentType, Duration ttl);

    /** The stored object's size, if it has been uploaded. */
    Optional<Long> size(String key);

    /**
     * Copies an object to a key no URL was ever given for (server-side in S3), so what is read from there cannot be
     * replaced through an upload URL that is still valid.
     */
    void copy(String fromKey, String toKey);

    /** Removes an object; nothing happens when it is not there. */
    void delete(String key);

    /**
     * Removes every object whose key starts with the prefix, with all its versions and delete markers (the retention
     * purge: in the versioned bucket a plain delete would leave the bytes in an older version). Answers how many
     * objects or versions went.
     */
    int deleteAll(String prefix);
}
