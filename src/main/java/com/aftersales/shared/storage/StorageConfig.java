package com.aftersales.shared.storage;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

@ConfigMapping(prefix = "aftersales.attachments")
public interface StorageConfig {

    /** {@code s3} in the cloud, {@code local} in dev and tests. */
    String store();

    /** S3 bucket of the attachments. */
    Optional<String> bucket();

    /** Folder of the local store. */
    String localDir();

    /** HMAC key signing the local store's URLs; a random one per process when unset. */
    Optional<String> signingKey();

    @WithDefault("PT15M")
    Duration urlTtl();

    long maxBytes();

    Set<String> contentTypes();
}
