package com.aftersales.shared.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.Version;
import org.hibernate.annotations.CreationTimestamp;
import org.hibernate.annotations.UpdateTimestamp;

import java.time.OffsetDateTime;

/**
 * A mutable record: its version is its ETag (optimistic concurrency, see shared.web.Versions) and it knows when it
 * was created and last changed. Tables have {@code version}, {@code created_at} and {@code updated_at} columns.
 */
@MappedSuperclass
public abstract class Versioned {

    @Version
    public long version;

    @CreationTimestamp
    @Column(name = "created_at", nullable = false, updatable = false)
    public OffsetDateTime createdAt;

    @UpdateTimestamp
    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;
}
