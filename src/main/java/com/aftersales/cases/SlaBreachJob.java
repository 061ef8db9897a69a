package com.aftersales.cases;

import com.aftersales.jobs.Job;
import com.aftersales.notify.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.OffsetDateTime;

/**
 * Cases whose first-response or resolution due time has passed: one alert to the owner role per case and due time.
 * The same run (every 15 minutes) removes attachment announcements never confirmed ({@link CaseAttachments#expireUnconfirmed}).
 */
@ApplicationScoped
public class SlaBreachJob implements Job {

    @Inject
    Outbox outbox;

    @Inject
    Clock clock;

    @Inject
    CaseAttachments attachments;

    @Override
    public String name() {
        return "sla-breach";
    }

    @Override
    public Result run(OffsetDateTime now) {
        Outbox.Added r = outbox.addAll(new Outbox.NoticeQuery("""
                        due as (
                            select c.id, c.case_no, c.owner_role, c.owner_person, 'first-response' as what, c.first_response_due as due_at
                            from service_case c
                            where c.responded_at is null and c.first_response_due < ?1
                              and c.status not in (%1$s)
                            union all
                            select c.id, c.case_no, c.owner_role, c.owner_person, 'resolution', c.resolution_due
                            from service_case c
                            where c.resolution_due < ?1 and c.status not in (%1$s)
                        )""".formatted(CaseStatus.NOT_OPEN_SQL), """
                        select 'SLA_BREACH' as kind, d.owner_role as recipient_role, d.owner_person as recipient_subject,
                               null as customer_id,
                               jsonb_build_object('caseId', d.id, 'caseNo', d.case_no, 'breach', d.what,
                                                  'dueAt', to_char(d.due_at at time zone cast(?2 as text), 'YYYY-MM-DD HH24:MI')) as payload,
                               'sla:' || d.what || ':' || d.id || ':' || extract(epoch from d.due_at)::bigint as dedupe_key
                        from due d""", "select count(*) from due"), now, clock.getZone().getId());
        int expired = attachments.expireUnconfirmed(now);
        return new Result(r.found() + expired, r.created(), 0, 0);
    }
}
