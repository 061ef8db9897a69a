package com.aftersales.shared.audit;

import com.aftersales.shared.paging.Page;
import com.aftersales.shared.paging.PageRequest;
import com.aftersales.shared.security.Caller;
import com.aftersales.shared.web.CorrelationId;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Records and reads the audit trail. Callers pass the API views of the record before and after the change; set-based
 * work writes its audit rows in the statement that makes the change ({@link #recordAll}).
 */
@ApplicationScoped
public class AuditTrail {

    /**
     * Audit rows of a set-based change, written by the same statement as the change.
     *
     * @param with the change as common table expressions without the leading {@code with}, e.g. an
     *             {@code INSERT … RETURNING *}
     * @param rows a select naming the columns {@code action, entity_type, entity_id, after_state} (jsonb), one row per
     *             changed record
     */
    public record AuditQuery(String with, String rows) {
    }

    @Inject
    AuditEntryRepository entries;

    @Inject
    EntityManager em;

    @Inject
    Caller caller;

    @Inject
    ObjectMapper json;

    @Inject
    Clock clock;

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(String entityType, Object entityId, String action, Object before, Object after) {
        recordSerialised(entityType, entityId, action, before, after);
    }

    /**
     * As {@link #record}, and returns the after state as the JSON it wrote (null for none), so that a caller answering
     * with the same view serialises it once (the API's and the audit trail's JSON come from the same mapper).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public String recordSerialised(String entityType, Object entityId, String action, Object before, Object after) {
        AuditEntry entry = new AuditEntry();
        entry.occurredAt = OffsetDateTime.now(clock);
        entry.actor = caller.subject();
        entry.action = action;
        entry.entityType = entityType;
        entry.entityId = String.valueOf(entityId);
        entry.before = toJson(before);
        entry.after = toJson(after);
        entry.correlationId = CorrelationId.current();
        entries.persist(entry);
        return entry.after;
    }

    /**
     * Runs the change and writes its audit rows (actor and correlation id of this request) in one statement, so a
     * bulk write stays one round trip. Parameters bind to {@code ?1}, {@code ?2}, …; the actor, correlation id and the
     * clock's time follow them. Returns the audit rows written.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int recordAll(AuditQuery query, Object... parameters) {
        int actor = parameters.length + 1;
        String sql = "with " + query.with().strip() + ",\naudit_row as (\n" + query.rows().strip() + "\n)\n"
                + "insert into audit_log (occurred_at, actor, action, entity_type, entity_id, after_state, correlation_id)\n"
                + "select cast(?" + (actor + 2) + " as timestamptz), cast(?" + actor + " as text), cast(a.action as text), "
                + "cast(a.entity_type as text), cast(a.entity_id as text), cast(a.after_state as jsonb), cast(?" + (actor + 1)
                + " as text)\nfrom audit_row a";
        var statement = em.createNativeQuery(sql);
        for (int i = 0; i < parameters.length; i++) {
            statement.setParameter(i + 1, parameters[i]);
        }
        return statement.setParameter(actor, caller.subject()).setParameter(actor + 1, CorrelationId.current())
                .setParameter(actor + 2, OffsetDateTime.now(clock)).executeUpdate();
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
        List<AuditEntry> rows = entries.find(where + " order by id desc", params).page(0, page.fetchSize()).list();
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
