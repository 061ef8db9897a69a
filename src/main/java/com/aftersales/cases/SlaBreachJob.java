package com.aftersales.cases;

import com.aftersales.jobs.Job;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.time.Clock;
import java.time.OffsetDateTime;

/** Cases whose first-response or resolution due time has passed: one alert to the owner role per case and due time. */
@ApplicationScoped
public class SlaBreachJob implements Job {

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Override
    public String name() {
        return "sla-breach";
    }

    @Override
    public Result run(OffsetDateTime now) {
        Object[] r = (Object[]) em.createNativeQuery("""
                        with due as (
                            select c.id, c.case_no, c.owner_role, c.owner_person, 'first-response' as what, c.first_response_due as due_at
                            from service_case c
                            where c.first_responded_at is null and c.first_response_due < ?1
                              and c.status not in ('RESOLVED', 'CLOSED', 'REJECTED')
                            union all
                            select c.id, c.case_no, c.owner_role, c.owner_person, 'resolution', c.resolution_due
                            from service_case c
                            where c.resolution_due < ?1 and c.status not in ('RESOLVED', 'CLOSED', 'REJECTED')
                        ), ins as (
                            insert into notice (id, kind, recipient_role, recipient_subject, payload, dedupe_key, created_at)
                            select gen_random_uuid(), 'SLA_BREACH', d.owner_role, d.owner_person,
                                   jsonb_build_object('caseId', d.id, 'caseNo', d.case_no, 'breach', d.what,
                                                      'dueAt', to_char(d.due_at at time zone cast(?2 as text), 'YYYY-MM-DD HH24:MI')),
                                   'sla:' || d.what || ':' || d.id || ':' || extract(epoch from d.due_at)::bigint, ?1
                            from due d
                            on conflict (dedupe_key) do nothing
                            returning 1
                        )
                        select (select count(*) from due), (select count(*) from ins)""")
                .setParameter(1, now).setParameter(2, clock.getZone().getId()).getSingleResult();
        return new Result(((Number) r[0]).intValue(), ((Number) r[1]).intValue(), 0, 0);
    }
}
