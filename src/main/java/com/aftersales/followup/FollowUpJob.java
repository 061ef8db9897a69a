package com.aftersales.followup;

import com.aftersales.jobs.Job;
import com.aftersales.notify.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/**
 * 回访: every closing of a case gets its own follow-up round, due 7 days after it (one per case and round: a unique key);
 * a case reopened since has its open follow-up cancelled instead of escalated. SALES is reminded when a follow-up falls
 * due, and the case owner's role when it is overdue.
 */
@ApplicationScoped
public class FollowUpJob implements Job {

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    Outbox outbox;

    @Override
    public String name() {
        return "follow-up";
    }

    @Override
    public Result run(OffsetDateTime now) {
        // The closing date and "today" are the business zone's (aftersales.zone), not the database session's.
        ZoneId zone = clock.getZone();
        LocalDate today = now.atZoneSameInstant(zone).toLocalDate();
        // A reopened case's open follow-up is cancelled, not escalated: one that does not follow the case's current closing.
        int cancelled = em.createNativeQuery("""
                        update follow_up f set status = 'CANCELLED', version = version + 1, updated_at = ?1
                        where f.status = 'DUE'
                          and not exists (select 1 from closed_case c where c.id = f.case_id and c.closed_at = f.closing_at)""")
                .setParameter(1, now).executeUpdate();
        // Every closing gets its own round, due 7 days after it: the next round number of the case.
        int created = em.createNativeQuery("""
                        insert into follow_up (id, case_id, round, due_date, status, created_at, updated_at, closing_at)
                        select gen_random_uuid(), c.id,
                               coalesce((select max(f.round) from follow_up f where f.case_id = c.id), 0) + 1,
                               (c.closed_at at time zone cast(?1 as text))::date + 7, 'DUE', ?2, ?2, c.closed_at
                        from closed_case c
                        where not exists (select 1 from follow_up f where f.case_id = c.id and f.closing_at = c.closed_at)
                        on conflict (case_id, round) do nothing""")
                .setParameter(1, zone.getId()).setParameter(2, now).executeUpdate();
        Outbox.Added r = outbox.addAll(new Outbox.NoticeQuery("""
                        due as (
                            select f.id, f.round, f.due_date, c.case_no, c.owner_role, c.customer_id,
                                   case when f.due_date < cast(?1 as date) then 'overdue' else 'due' end as state
                            from follow_up f join case_reference c on c.id = f.case_id
                            where f.status = 'DUE' and f.due_date <= cast(?1 as date) + 1
                        )""", """
                        select case when d.state = 'overdue' then 'FOLLOW_UP_OVERDUE' else 'FOLLOW_UP_DUE' end as kind,
                               case when d.state = 'overdue' then d.owner_role else 'SALES' end as recipient_role,
                               null as recipient_subject, null as customer_id,
                               jsonb_build_object('followUpId', d.id, 'caseNo', d.case_no, 'round', d.round,
                                                  'dueDate', d.due_date) as payload,
                               'follow-up:' || d.state || ':' || d.id as dedupe_key
                        from due d""", "select count(*) from due"), today);
        return new Result(r.found() + created + cancelled, r.created() + created + cancelled, 0, 0);
    }
}
