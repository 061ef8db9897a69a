package com.aftersales.shared.audit;

import com.fasterxml.jackson.annotation.JsonRawValue;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.OffsetDateTime;

@RegisterForReflection
public record AuditView(long id, OffsetDateTime occurredAt, String actor, String action, String entityType,
                        String entityId, @JsonRawValue String before, @JsonRawValue String after, String correlationId) {

    static AuditView of(AuditEntry e) {
        return new AuditView(e.id, e.occurredAt, e.actor, e.action, e.entityType, e.entityId, e.before, e.after,
                e.correlationId);
    }
}
