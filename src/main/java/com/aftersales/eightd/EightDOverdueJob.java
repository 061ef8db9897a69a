package com.aftersales.eightd;

import com.aftersales.AftersalesConfig;
import com.aftersales.jobs.Job;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * Overdue 8D disciplines and corrective actions: the owner first (by subject), then, once overdue by more than
 * {@code escalate-after-days}, the quality engineers who keep the 8D ledger. One notice per item, stage and due date.
 */
@ApplicationScoped
public class EightDOverdueJob implements Job {

    @Inject
    EntityManager em;

    @Inject
    AftersalesConfig config;

    @Inject
    Clock clock;

    @Override
    public String name() {
        return "eight-d-overdue";
    }

    @Override
    public Result run(OffsetDateTime now) {
        LocalDate today = now.atZoneSameInstant(clock.getZone()).toLocalDate();
        Object[] r = (Object[]) em.createNativeQuery("""
                        with due as (
                            select 'discipline:' || d.report_id || ':' || d.discipline as item, r.report_no,
                                   d.discipline as what, d.owner, d.due_date
                            from eight_d_discipline d join eight_d_report r on r.id = d.report_id
                            where r.status = 'OPEN' and d.status = 'OPEN' and d.due_date < cast(?1 as date)
                            union all
                            select 'action:' || a.id, r.report_no, a.kind || ' ' || left(a.description, 60), a.owner, a.due_date
                            from eight_d_action a join eight_d_report r on r.id = a.report_id
                            where r.status = 'OPEN' and a.status in ('OPEN', 'IN_PROGRESS') and a.due_date < cast(?1 as date)
                        ), stages as (
                            select d.*, 'owner' as stage, null as role, d.owner as subject from due d where d.owner is not null
                            union all
                            select d.*, 'escalated', 'QUALITY_ENGINEER', null from due d
                            where d.due_date < cast(?1 as date) - ?2 or d.owner is null
                        ), ins as (
                            insert into notice (id, kind, recipient_role, recipient_subject, payload, dedupe_key, created_at)
                            select gen_random_uuid(), case when s.stage = 'owner' then 'EIGHT_D_OVERDUE' else 'EIGHT_D_ESCALATION' end,
                                   s.role, s.subject,
                                   jsonb_build_object('reportNo', s.report_no, 'item', s.what, 'dueDate', s.due_date),
                                   '8d:' || s.item || ':' || s.due_date || ':' || s.stage, cast(?3 as timestamptz)
                            from stages s
                            on conflict (dedupe_key) do nothing
                            returning 1
                        )
                        select (select count(*) from due), (select count(*) from ins)""")
                .setParameter(1, today).setParameter(2, config.jobs().eightDOverdue().escalateAfterDays())
                .setParameter(3, now).getSingleResult();
        return new Result(((Number) r[0]).intValue(), ((Number) r[1]).intValue(), 0, 0);
    }
}
