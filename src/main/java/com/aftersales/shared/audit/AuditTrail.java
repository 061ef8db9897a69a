package com.aftersales.shared.audit;

import com.aftersales.shared.paging.Page;
import com.aftersales.shared.paging.PageRequest;
import com.aftersales.shared.security.Caller;
import com.aftersales.shared.web.CorrelationId;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;

/** Records and reads the audit trail. Callers pass the API views of the record before and after the change. */
@ApplicationScoped
public class AuditTrail implements PanacheRepositoryBase<AuditEntry, Long> {

    @Inject
    Caller caller;

    @Inject
    ObjectMapper json;

    @Inject
    Clock clock;

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(String entityType, Object entityId, String action, Object before, Object after) {
        AuditEntry entry = new AuditEntry();
        entry.occurredAt = OffsetDateTime.now(clock);
        entry.actor = caller.subject();
        entry.action = action;
        entry.entityType = entityType;
        entry.entityId = String.valueOf(entityId);
        entry.before = toJson(before);
        entry.after = toJson(after);
        entry.correlationId = CorrelationId.current();
        persist(entry);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<AuditView> find(String entityType, String entityId, PageRequest page) {
        StringBuilder where = new StringBuilder("entityType = :type");
        Parameters params = Parameters.with("type", entityType);
        if (entityId != null) {
            where.append(" and entityId = :id");
            params.and("id", entityId);
        }
        if (page.after() != null) {
            where.append(" and id < :after");
            params.and("after", Long.parseLong(page.after()));
        }
        List<AuditEntry> rows = find(where + " order by id desc", params).page(0, page.fetchSize()).list();
        return page.page(rows, e -> e.id.toString(), AuditView::of);
    }

    private String toJson(Object state) {
        if (state == null) {
            return null;
        }
        try {
            return json.writeValueAsString(state);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Audit state is not serialisable", e);
        }
    }
}
