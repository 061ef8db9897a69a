package com.aftersales.notify;

import com.aftersales.AftersalesConfig;
import com.aftersales.jobs.Job;
import com.aftersales.shared.observe.Emf;
import com.aftersales.shared.persistence.SqlValues;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Delivers notices beyond the in-app inbox, in two set-based steps in one transaction:
 * <ol>
 *   <li>Dispatch: a batch of new notices (claimed with FOR UPDATE SKIP LOCKED) fans out in one INSERT … SELECT into
 *   deliveries, one per channel and address: e-mail to the customer's contacts (customer notices), e-mail to users
 *   whose preferences ask for it at a confirmed address (by subject, role or customer, minus muted kinds), and the webhook endpoints that
 *   subscribe to the notice's role or kind. Each delivery has the language of its recipient.</li>
 *   <li>Deliver: a batch of due deliveries (SKIP LOCKED again, so concurrent runs never take the same one) is rendered
 *   from the kind's template and sent (e-mail by the configured {@link MailTransport}, SMTP or the SES API). The
 *   delivery id is the mail's Message-ID (SMTP) or X-Aftersales-Delivery header (SES) and the webhook's
 *   X-Aftersales-Delivery, so a resend after a crash is recognisable. A failure is retried with backoff
 *   (2^attempt minutes); after the last attempt the delivery is DEAD, listed for ADMIN.</li>
 * </ol>
 */
@ApplicationScoped
public class NoticeSenderJob implements Job {

    private static final int DISPATCH_BATCH = 500;
    private static final int DELIVERY_BATCH = 100;

    @Inject
    EntityManager em;

    @Inject
    MailTransport mail;

    @Inject
    WebhookSender webhooks;

    @Inject
    NoticeTemplates templates;

    @Inject
    AftersalesConfig config;

    @Inject
    MeterRegistry metrics;

    @Inject
    Emf emf;

    @Override
    public String name() {
        return "notice-sender";
    }

    @Inject
    WebhookEndpoints endpoints;

    @Inject
    NotificationPreferences preferences;

    @Override
    public Result run(OffsetDateTime now) {
        endpoints.sealLegacy();
        preferences.sendPendingCodes();
        if (!em.createNativeQuery("select 1 from notice where status = 'PENDING' limit 1").getResultList().isEmpty()) {
            preferences.refreshRecipients(now);
        }
        Object[] dispatched = (Object[]) em.createNativeQuery("""
                        with batch as (
                            select id, kind, customer_id, recipient_role, recipient_subject from notice
                            where status = 'PENDING' order by created_at limit ?2
                            for update skip locked
                        ), targets as (
                            select b.id as notice_id, 'EMAIL' as channel, lower(c.email) as address,
                                   case when c.language = 'en' then 'en' else 'zh-CN' end as language
                            from batch b join customer_email_contact c on c.customer_id = b.customer_id
                            where b.recipient_role is null and b.recipient_subject is null
                              and (b.kind <> 'CASE_STATUS_CHANGED' or c.case_updates)
                            union
                            select b.id, 'EMAIL', p.email, p.language
                            from batch b join notification_preference p on p.email_enabled and p.email_verified_at is not null
                                 and p.directory_active
                                 and not (b.kind = any (p.muted_kinds))
                                 and (p.subject = b.recipient_subject
                                      or b.recipient_role = any (p.roles)
                                      or (b.recipient_role is null and b.recipient_subject is null and p.customer_id = b.customer_id))
                            union
                            select b.id, 'WEBHOOK', cast(w.id as text), w.language
                            from batch b join webhook_endpoint w on w.active
                                 and (b.recipient_role = any (w.roles) or b.kind = any (w.kinds))
                        ), ins as (
                            insert into notice_delivery (id, notice_id, channel, address, language, created_at)
                            select gen_random_uuid(), t.notice_id, t.channel, t.address, t.language, cast(?1 as timestamptz) from targets t
                            on conflict (notice_id, channel, address) do nothing
                            returning 1
                        ), done as (
                            update notice n set status = 'DISPATCHED', dispatched_at = ?1 from batch b where n.id = b.id
                            returning 1
                        )
                        select (select count(*) from done), (select count(*) from ins)""")
                .setParameter(1, now).setParameter(2, DISPATCH_BATCH).getSingleResult();

        @SuppressWarnings("unchecked")
        List<Object[]> batch = em.createNativeQuery("""
                        select d.id, d.notice_id, d.channel, d.address, d.language, d.attempts,
                               n.kind, cast(n.payload as text), n.created_at, w.url, w.format, w.secret, w.active,
                               w.id, w.url_sealed, w.secret_sealed
                        from notice_delivery d join notice n on n.id = d.notice_id
                        left join webhook_endpoint w on d.channel = 'WEBHOOK' and cast(w.id as text) = d.address
                        where d.status = 'PENDING' and (d.next_attempt_at is null or d.next_attempt_at <= ?1)
                        order by d.created_at
                        limit ?2
                        for update of d skip locked""")
                .setParameter(1, now).setParameter(2, DELIVERY_BATCH).getResultList();
        int sent = 0;
        int failed = 0;
        int dead = 0;
        for (Object[] d : batch) {
            UUID id = (UUID) d[0];
            try {
                NoticeTemplates.Rendered text = templates.render((String) d[6], (String) d[4], (String) d[7]);
                if ("EMAIL".equals(d[2])) {
                    mail.send(new MailTransport.Email((String) d[3], text.subject(), text.body(), id));
                } else if (d[9] == null || !Boolean.TRUE.equals(d[12])) {
                    throw new IllegalStateException("the webhook endpoint was removed");
                } else {
                    WebhookEndpoints.Credentials target = endpoints.credentials((UUID) d[13], (String) d[9], (String) d[14],
                            (String) d[11], (String) d[15]);
                    webhooks.send((String) d[10], target.url(), target.secret(), new WebhookSender.Message(id, (UUID) d[1],
                            (String) d[6], text.subject(), text.body(), (String) d[7], SqlValues.offsetDateTime(d[8])),
                            now.toInstant().toEpochMilli());
                }
                em.createNativeQuery("update notice_delivery set status = 'SENT', sent_at = ?2, attempts = attempts + 1, "
                        + "last_error = null where id = ?1").setParameter(1, id).setParameter(2, now).executeUpdate();
                sent++;
                delivered((String) d[2], "sent");
            } catch (RuntimeException e) {
                int attempts = ((Number) d[5]).intValue() + 1;
                boolean givenUp = attempts >= config.notices().maxAttempts();
                em.createNativeQuery("update notice_delivery set attempts = ?2, last_error = ?3, status = ?4, "
                                + "next_attempt_at = ?5 where id = ?1")
                        .setParameter(1, id).setParameter(2, attempts).setParameter(3, String.valueOf(e.getMessage()))
                        .setParameter(4, givenUp ? "DEAD" : "PENDING")
                        .setParameter(5, now.plusMinutes(1L << Math.min(attempts, 10))).executeUpdate();
                failed++;
                delivered((String) d[2], "failed");
                if (givenUp) {
                    dead++;
                    delivered((String) d[2], "dead");
                }
            }
        }
        // Counted as they happen: a send is not undone if this transaction later rolls back.
        emf.emit(Map.of("Job", name()), Map.of(), Emf.Metric.count("DeliveriesSent", sent),
                Emf.Metric.count("DeliveriesFailed", failed), Emf.Metric.count("DeliveriesDead", dead));
        return new Result(((Number) dispatched[0]).intValue() + batch.size(), ((Number) dispatched[1]).intValue(), sent, failed);
    }

    /** {@code aftersales.notices.deliveries} by channel (EMAIL, WEBHOOK) and outcome (sent, failed; dead is also failed). */
    private void delivered(String channel, String outcome) {
        metrics.counter("aftersales.notices.deliveries", "channel", channel, "outcome", outcome).increment();
    }
}
