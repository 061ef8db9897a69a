package com.aftersales.followup;

import com.aftersales.jobs.Job;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/**
 * 回访: every closed case gets its first follow-up, due 7 days after closing (one per case and round: a unique key);
 * SALES is reminded when a follow-up falls due, and the case owner's role when it is overdue.
 */
@ApplicationScoped
public class FollowUpJob implements Job {

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Override
    public String name() {
        return "follow-up";
    }

    @Override
    public Result run(OffsetDateTime now) {
        // The closing date and "today" are the business zone's (aftersales.zone), not the database session's.
        ZoneId zone = clock.getZone();
        LocalDate today = now.atZoneSameInstant(zone).toLocalDate();
        int created = em.createNativeQuery("""
                        insert into follow_up (id, case_id, round, due_date, status, created_at, updated_at)
                        select gen_random_uuid(), c.id, 1, (c.closed_at at time zone cast(?1 as text))::date + 7, 'DUE', ?2, ?2
                        from service_case c where c.status = 'CLOSED' and c.closed_at is not null
                          and not exists (select 1 from follow_up f where f.case_id = c.id)
                        on conflict (case_id, round) do nothing""")
                .setParameter(1, zone.getId()).setParameter(2, now).executeUpdate();
        Object[] r = (Object[]) em.createNativeQuery("""
                        with due as (
                            select f.id, f.round, f.due_date, c.case_no, c.owner_role, c.customer_id,
                                   case when f.due_date < cast(?1 as date) then 'overdue' else 'due' end as state
                            from follow_up f join service_case c on c.id = f.case_id
                            where f.status = 'DUE' and f.due_date <= cast(?1 as date) + 1
                        ), ins as (
                            insert into notice (id, kind, recipient_role, payload, dedupe_key, created_at)
                            select gen_random_uuid(),
                                   case when d.state = 'overdue' then 'FOLLOW_UP_OVERDUE' else 'FOLLOW_UP_DUE' end,
                                   case when d.state = 'overdue' then d.owner_role else 'SALES' end,
                                   jsonb_build_object('followUpId', d.id, 'caseNo', d.case_no, 'round', d.round,
                                                      'dueDate', d.due_date),
                                   'follow-up:' || d.state || ':' || d.id, cast(?2 as timestamptz)
                            from due d
                            on conflict (dedupe_key) do nothing
                            returning 1
                        )
                        select (select count(*) from due), (select count(*) from ins)""")
                .setParameter(1, today).setParameter(2, now).getSingleResult();
        return new Result(((Number) r[0]).intValue() + created, ((Number) r[1]).intValue() + created, 0, 0);
    }
}
