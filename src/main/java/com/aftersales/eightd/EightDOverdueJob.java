package com.aftersales.eightd;

import com.aftersales.AftersalesConfig;
import com.aftersales.jobs.Job;
import com.aftersales.notify.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

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
    Outbox outbox;

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
        Outbox.Added r = outbox.addAll(new Outbox.NoticeQuery("""
                        due as (
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
                        )""", """
                        select case when s.stage = 'owner' then 'EIGHT_D_OVERDUE' else 'EIGHT_D_ESCALATION' end as kind,
                               s.role as recipient_role, s.subject as recipient_subject, null as customer_id,
                               jsonb_build_object('reportNo', s.report_no, 'item', s.what, 'dueDate', s.due_date) as payload,
                               '8d:' || s.item || ':' || s.due_date || ':' || s.stage as dedupe_key
                        from stages s""", "select count(*) from due"), today, config.jobs().eightDOverdue().escalateAfterDays());
        return new Result(r.found(), r.created(), 0, 0);
    }
}
