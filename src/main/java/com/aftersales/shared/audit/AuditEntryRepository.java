package com.aftersales.shared.audit;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

/** The audit_log rows; other areas write them through {@link AuditTrail}. */
@ApplicationScoped
class AuditEntryRepository implements PanacheRepositoryBase<AuditEntry, Long> {
}
