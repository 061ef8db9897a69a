package com.aftersales.shared.audit;

import com.fasterxml.jackson.annotation.JsonRawValue;
import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;

@RegisterForReflection
public record AuditView(long id, OffsetDateTime occurredAt, String actor, String action, String entityType,
                        String entityId,
                        @Schema(type = SchemaType.OBJECT, additionalProperties = Schema.True.class,
                                description = "The record as it was (JSON), absent for a creation")
                        @JsonRawValue String before,
                        @Schema(type = SchemaType.OBJECT, additionalProperties = Schema.True.class,
                                description = "The record as it became (JSON), absent for a removal")
                        @JsonRawValue String after, String correlationId) {

    static AuditView of(AuditEntry e) {
        return new AuditView(e.id, e.occurredAt, e.actor, e.action, e.entityType, e.entityId, e.before, e.after,
                e.correlationId);
    }
}
