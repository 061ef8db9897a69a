package com.aftersales.notify;

import com.aftersales.shared.web.StrictJson;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The transactional outbox for event notices: a notice is written in the transaction of the change that causes it, so
 * it exists exactly when the change committed. The notice holds its kind and payload; the notice-sender job fans it
 * out to e-mail and webhooks, and the inbox shows it, both rendered from the kind's template in the reader's language.
 * A second notice with the same dedupe key is ignored. The {@code notice} table is written here only: one notice at a
 * time ({@link #add}) or a set of them in one statement ({@link #addAll}).
 */
@ApplicationScoped
public class Outbox {

    /** Who a notice is for: a role, a person (token subject), or a customer (its contacts and customer accounts). */
    public record Recipient(String role, String subject, UUID customerId) {
        public static Recipient role(String role) {
            return new Recipient(role, null, null);
        }

        public static Recipient person(String subject) {
            return new Recipient(null, subject, null);
        }

        /** A customer: its customer accounts (in-app) and its contacts with an e-mail address. */
        public static Recipient customer(UUID customerId) {
            return new Recipient(null, null, customerId);
        }

        /** A record's owner: the named person when there is one, else everyone in the owner role. */
        public static Recipient owner(String role, String person) {
            return person == null ? role(role) : person(person);
        }
    }

    /**
     * Notices found by a set-based query (jobs, bulk work), written in one statement.
     *
     * @param with    the caller's common table expressions without the leading {@code with} (null: none); they may
     *                modify data, e.g. open the alert row a notice stands for
     * @param notices a select naming the columns {@code kind, recipient_role, recipient_subject, customer_id, payload}
     *                (jsonb) and {@code dedupe_key}, one row per candidate notice
     * @param found   a scalar select counting the items found due, e.g. {@code select count(*) from due} (null: the
     *                candidate notices)
     */
    public record NoticeQuery(String with, String notices, String found) {
    }

    /** What a set of notices came to: items found due, notices created (a known dedupe key creates none). */
    public record Added(int found, int created) {
    }

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper json;

    @Inject
    Clock clock;

    private ObjectMapper payloadJson;

    /** Payloads keep their null entries (templates test them with {#if}), though API answers leave nulls out. */
    private ObjectMapper payloadJson() {
        if (payloadJson == null) {
            payloadJson = StrictJson.keepingNulls(json);
        }
        return payloadJson;
    }

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    /** A time as people read it in a notice: local time of the service's zone, to the minute. */
    public String localTime(OffsetDateTime time) {
        return time == null ? null : time.atZoneSameInstant(clock.getZone()).format(LOCAL);
    }

    /** Payload entries in order, null values kept (templates test them with {#if}). */
    public static Map<String, Object> payload(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void add(String kind, Recipient to, Map<String, Object> payload, String dedupeKey) {
        String body;
        try {
            body = payloadJson().writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("notice payload of " + kind + " is not serialisable", e);
        }
        em.createNativeQuery("""
                        insert into notice (id, kind, recipient_role, recipient_subject, customer_id, payload, dedupe_key, created_at)
                        values (?1, ?2, ?3, ?4, ?5, cast(?6 as jsonb), ?7, ?8)
                        on conflict (dedupe_key) do nothing""")
                .setParameter(1, UUID.randomUUID()).setParameter(2, kind).setParameter(3, to.role())
                .setParameter(4, to.subject()).setParameter(5, to.customerId()).setParameter(6, body)
                .setParameter(7, dedupeKey).setParameter(8, OffsetDateTime.now(clock)).executeUpdate();
    }

    /**
     * Writes the candidate notices of a query in one INSERT … SELECT with the caller's CTEs, so a job stays one
     * statement, safe to run twice or concurrently (the dedupe key decides). Parameters bind to {@code ?1}, {@code ?2}, …;
     * the notices are stamped with the clock's time (one more parameter, after the caller's).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Added addAll(NoticeQuery query, Object... parameters) {
        int createdAt = parameters.length + 1;
        String sql = "with " + (query.with() == null || query.with().isBlank() ? "" : query.with().strip() + ",\n")
                + "notice_candidate as (\n" + query.notices().strip() + "\n), notice_created as (\n" + """
                    insert into notice (id, kind, recipient_role, recipient_subject, customer_id, payload, dedupe_key, created_at)
                    select gen_random_uuid(), cast(n.kind as text), cast(n.recipient_role as text),
                           cast(n.recipient_subject as text), cast(n.customer_id as uuid), cast(n.payload as jsonb),
                           cast(n.dedupe_key as text), cast(?%d as timestamptz)
                    from notice_candidate n
                    on conflict (dedupe_key) do nothing
                    returning 1
                )
                """.formatted(createdAt) + "select (" + (query.found() == null ? "select count(*) from notice_candidate" : query.found().strip())
                + "), (select count(*) from notice_created)";
        var statement = em.createNativeQuery(sql);
        for (int i = 0; i < parameters.length; i++) {
            statement.setParameter(i + 1, parameters[i]);
        }
        statement.setParameter(createdAt, OffsetDateTime.now(clock));
        Object[] r = (Object[]) statement.getSingleResult();
        return new Added(((Number) r[0]).intValue(), ((Number) r[1]).intValue());
    }
}
