package com.aftersales.problems;

import com.aftersales.jobs.Job;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;

/**
 * The weekly problem-library digest per department: last week's new and changed problems, issued once per department
 * and week (unique period), with one inbox notice per subscriber; acknowledgements are tracked by the digest.
 */
@ApplicationScoped
public class ProblemDigestJob implements Job {

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Override
    public String name() {
        return "problem-digest";
    }

    @Override
    public Result run(OffsetDateTime now) {
        ZoneId zone = clock.getZone();
        ZonedDateTime weekStart = now.atZoneSameInstant(zone).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
                .toLocalDate().atStartOfDay(zone);
        OffsetDateTime to = weekStart.toOffsetDateTime();
        OffsetDateTime from = weekStart.minusWeeks(1).toOffsetDateTime();
        int issued = em.createNativeQuery("""
                        insert into problem_digest (id, department, period_from, period_to, problem_ids, created_by, created_at)
                        select gen_random_uuid(), d.department, ?1, ?2,
                               coalesce((select array_agg(p.id order by p.problem_no) from problem p
                                         where p.updated_at >= ?1 and p.updated_at < ?2), '{}'), 'problem-digest-job', ?3
                        from (select distinct department from department_subscriber) d
                        on conflict (department, period_from, period_to) do nothing""")
                .setParameter(1, from).setParameter(2, to).setParameter(3, now).executeUpdate();
        Number created = (Number) em.createNativeQuery("""
                        with ins as (
                            insert into notice (id, kind, recipient_subject, payload, dedupe_key, created_at)
                            select gen_random_uuid(), 'PROBLEM_DIGEST', s.subscriber,
                                   jsonb_build_object('digestId', g.id, 'department', g.department, 'problems', cardinality(g.problem_ids),
                                                      'periodFrom', to_char(g.period_from at time zone cast(?3 as text), 'YYYY-MM-DD'),
                                                      'periodTo', to_char(g.period_to at time zone cast(?3 as text) - interval '1 day', 'YYYY-MM-DD')),
                                   'digest:' || g.id || ':' || s.subscriber, cast(?4 as timestamptz)
                            from problem_digest g join department_subscriber s on s.department = g.department
                            where g.period_from = ?1 and g.period_to = ?2
                            on conflict (dedupe_key) do nothing
                            returning 1
                        )
                        select (select count(*) from ins)""")
                .setParameter(1, from).setParameter(2, to).setParameter(3, zone.getId()).setParameter(4, now)
                .getSingleResult();
        return new Result(issued, created.intValue(), 0, 0);
    }
}
