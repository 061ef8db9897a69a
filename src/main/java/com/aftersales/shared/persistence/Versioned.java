package com.aftersales.shared.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.EntityListeners;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.Version;

import java.time.OffsetDateTime;

/**
 * A mutable record: its version is its ETag (optimistic concurrency, see shared.web.Versions) and it knows when it
 * was created and last changed (stamped from the business clock by {@link VersionedTimestamps}). Tables have
 * {@code version}, {@code created_at} and {@code updated_at} columns.
 */
@MappedSuperclass
@EntityListeners(VersionedTimestamps.class)
public abstract class Versioned {

    @Version
    public long version;

    @Column(name = "created_at", nullable = false, updatable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;
}
