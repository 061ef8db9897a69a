package com.aftersales.shared.persistence;

import jakarta.inject.Inject;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreUpdate;

import java.time.Clock;
import java.time.OffsetDateTime;

/**
 * Stamps {@link Versioned#createdAt} and {@link Versioned#updatedAt} from the business clock (shared.time), where
 * Hibernate's {@code @CreationTimestamp} would read the JVM's: KPIs, SLA checks and searches read these columns, and
 * a test that moves the clock must move them too. Quarkus makes JPA entity listeners CDI beans, so the clock is
 * injected.
 */
public class VersionedTimestamps {

    @Inject
    Clock clock;

    @PrePersist
    void created(Versioned entity) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        if (entity.createdAt == null) {
            entity.createdAt = now;
        }
        entity.updatedAt = now;
    }

    // Called only for a dirty entity, as @UpdateTimestamp was.
    @PreUpdate
    void updated(Versioned entity) {
        entity.updatedAt = OffsetDateTime.now(clock);
    }
}
