package com.aftersales.jobs;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * Sends customer notices by e-mail to the customer's contacts. Claims a batch with FOR UPDATE SKIP LOCKED, so
 * concurrent runs never take the same notice; the notice id is the mail's Message-ID, so a resend after a crash is
 * recognisable. A failure is retried with backoff (2^attempt minutes); after the last attempt the notice is DEAD.
 * Notices to staff roles stay in the in-app inbox.
 */
@ApplicationScoped
public class NoticeSenderJob implements Job {

    private static final int BATCH = 100;

    @Inject
    EntityManager em;

    @Inject
    Mailer mailer;

    @ConfigProperty(name = "aftersales.notices.max-attempts")
    int maxAttempts;

    @Override
    public String name() {
        return "notice-sender";
    }

    @Override
    public Result run(OffsetDateTime now) {
        @SuppressWarnings("unchecked")
        List<Object[]> batch = em.createNativeQuery("""
                        select n.id, n.subject, n.body, n.attempts,
                               (select string_agg(c ->> 'email', ',') from customer cu, jsonb_array_elements(cu.contacts) c
                                where cu.id = n.customer_id and coalesce(c ->> 'email', '') <> '') as emails
                        from notice n
                        where n.status = 'PENDING' and n.customer_id is not null and n.recipient_role is null
                          and (n.next_attempt_at is null or n.next_attempt_at <= ?1)
                        order by n.created_at
                        limit ?2
                        for update of n skip locked""")
                .setParameter(1, now).setParameter(2, BATCH).getResultList();
        int sent = 0;
        int failed = 0;
        for (Object[] n : batch) {
            UUID id = (UUID) n[0];
            String emails = (String) n[4];
            try {
                if (emails == null) {
                    throw new IllegalStateException("the customer has no contact e-mail");
                }
                Mail mail = Mail.withText(emails.split(",")[0], (String) n[1], (String) n[2])
                        .addHeader("Message-ID", "<" + id + "@aftersales>");
                for (String cc : emails.split(",")) {
                    if (!mail.getTo().contains(cc)) {
                        mail.addTo(cc);
                    }
                }
                mailer.send(mail);
                em.createNativeQuery("update notice set status = 'SENT', channel = 'EMAIL', sent_at = ?2, attempts = attempts + 1, "
                        + "last_error = null where id = ?1").setParameter(1, id).setParameter(2, now).executeUpdate();
                sent++;
            } catch (RuntimeException e) {
                int attempts = ((Number) n[3]).intValue() + 1;
                em.createNativeQuery("update notice set attempts = ?2, last_error = ?3, status = ?4, "
                                + "next_attempt_at = ?5 where id = ?1")
                        .setParameter(1, id).setParameter(2, attempts).setParameter(3, String.valueOf(e.getMessage()))
                        .setParameter(4, attempts >= maxAttempts ? "DEAD" : "PENDING")
                        .setParameter(5, now.plusMinutes(1L << Math.min(attempts, 10))).executeUpdate();
                failed++;
            }
        }
        return new Result(batch.size(), 0, sent, failed);
    }
}
