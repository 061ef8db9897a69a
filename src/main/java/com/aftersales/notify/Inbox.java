package com.aftersales.notify;

import com.aftersales.shared.error.ProblemException;
import com.aftersales.shared.paging.Page;
import com.aftersales.shared.paging.PageRequest;
import com.aftersales.shared.persistence.SqlValues;
import com.aftersales.shared.security.Caller;
import com.aftersales.shared.web.Params;
import com.aftersales.shared.web.Versions;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The in-app inbox of the mobile and web apps (service of {@link InboxResource}): notices addressed to the caller (by subject), to one of its roles,
 * or, for a customer account, to its customer.
 */
@jakarta.enterprise.context.ApplicationScoped
public class Inbox {

    @RegisterForReflection
    public record NoticeView(UUID id, String kind, String subject, String body, String payload, OffsetDateTime createdAt,
                             OffsetDateTime readAt, long version) {
    }

    @Inject
    EntityManager em;

    @Inject
    Caller caller;

    @Inject
    SecurityIdentity identity;

    @Inject
    NoticeTemplates templates;

    @Inject
    Clock clock;

    /** Rendered in the reader's language (Accept-Language): the same notice reads in Chinese or English. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<NoticeView> mine(String unread, String limit, String cursor, Locale locale) {
        String language = NoticeTemplates.language(locale);
        PageRequest page = PageRequest.of(limit, cursor);
        List<Object> params = new ArrayList<>();
        StringBuilder where = new StringBuilder(addressedToMe(params));
        if (Boolean.TRUE.equals(Params.boolParam("unread", unread))) {
            where.append(" and read_at is null");
        }
        if (page.after() != null) {
            try {
                params.add(Long.parseLong(page.after()));
            } catch (NumberFormatException e) {
                throw ProblemException.badParameter("cursor", "validation.cursor");
            }
            where.append(" and seq < ?").append(params.size());
        }
        Query q = em.createNativeQuery("select id, kind, cast(payload as text), created_at, read_at, seq, version from ("
                + "select n.*, cast(extract(epoch from created_at) * 1000000 as bigint) as seq from notice n) x where "
                + where + " order by seq desc limit " + page.fetchSize());
        for (int i = 0; i < params.size(); i++) {
            q.setParameter(i + 1, params.get(i));
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = q.getResultList();
        return page.page(rows, r -> String.valueOf(((Number) r[5]).longValue()), r -> {
            NoticeTemplates.Rendered text = templates.renderOrKind((String) r[1], language, (String) r[2]);
            return new NoticeView((UUID) r[0], (String) r[1], text.subject(), text.body(), (String) r[2],
                    SqlValues.offsetDateTime(r[3]), SqlValues.offsetDateTime(r[4]), ((Number) r[6]).longValue());
        });
    }

    @Transactional
    public void read(String id, long expectedVersion) {
        List<Object> params = new ArrayList<>();
        String mine = addressedToMe(params);
        params.add(Params.uuid("notification", id));
        int idParam = params.size();
        Query lock = em.createNativeQuery("select version from notice where id = ?" + idParam + " and " + mine + " for update");
        for (int i = 0; i < params.size(); i++) {
            lock.setParameter(i + 1, params.get(i));
        }
        @SuppressWarnings("unchecked")
        List<Object> current = lock.getResultList();
        if (current.isEmpty()) {
            throw ProblemException.notFound("notification", id);
        }
        Versions.check(((Number) current.get(0)).longValue(), expectedVersion);
        em.createNativeQuery("update notice set version = version + case when read_at is null then 1 else 0 end, "
                        + "read_at = coalesce(read_at, cast(?2 as timestamptz)) where id = ?1")
                .setParameter(1, params.get(idParam - 1)).setParameter(2, OffsetDateTime.now(clock)).executeUpdate();
    }

    /** Notices for a customer account go to its customer; staff get theirs by subject or by role. */
    private String addressedToMe(List<Object> params) {
        if (caller.isCustomerAccount()) {
            params.add(caller.customerScope().orElseThrow());
            return "(customer_id = ?" + params.size() + " and recipient_role is null)";
        }
        params.add(caller.subject());
        params.add(identity.getRoles().toArray(new String[0]));
        return "(recipient_subject = ?" + (params.size() - 1) + " or recipient_role = any(cast(?" + params.size() + " as text[])))";
    }

    @RegisterForReflection
    public record DeadLetter(UUID id, UUID noticeId, String kind, String channel, String address, int attempts,
                             String lastError, OffsetDateTime createdAt, long version) {
    }

    /** Deliveries given up after their last attempt, newest first: for ADMIN to fix the cause and resend. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<DeadLetter> deadLetters() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select d.id, d.notice_id, n.kind, d.channel, d.address, d.attempts, d.last_error, d.created_at, d.version
                from notice_delivery d join notice n on n.id = d.notice_id
                where d.status = 'DEAD' order by d.created_at desc limit 200""").getResultList();
        return rows.stream().map(r -> new DeadLetter((UUID) r[0], (UUID) r[1], (String) r[2], (String) r[3], (String) r[4],
                ((Number) r[5]).intValue(), (String) r[6], SqlValues.offsetDateTime(r[7]), ((Number) r[8]).longValue())).toList();
    }

    /** Gives a dead delivery another round of attempts. */
    @Transactional
    public void resend(String id, long expectedVersion) {
        UUID key = Params.uuid("delivery", id);
        @SuppressWarnings("unchecked")
        List<Object> current = em.createNativeQuery("select version from notice_delivery where id = ?1 and status = 'DEAD' for update")
                .setParameter(1, key).getResultList();
        if (current.isEmpty()) {
            throw ProblemException.notFound("delivery", id);
        }
        Versions.check(((Number) current.get(0)).longValue(), expectedVersion);
        em.createNativeQuery("update notice_delivery set status = 'PENDING', attempts = 0, next_attempt_at = null where id = ?1")
                .setParameter(1, key).executeUpdate();
    }
}
