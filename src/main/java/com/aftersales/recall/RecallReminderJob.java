package com.aftersales.recall;

import com.aftersales.AftersalesConfig;
import com.aftersales.jobs.Job;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.time.OffsetDateTime;

/**
 * Reminders for recall units still not remedied, every N days after activation: one notice per campaign, customer
 * and period, listing the customer's open units. (Initial notices are queued by the activation itself.)
 */
@ApplicationScoped
public class RecallReminderJob implements Job {

    @Inject
    EntityManager em;

    @Inject
    AftersalesConfig config;

    @Override
    public String name() {
        return "recall-reminder";
    }

    @Override
    public Result run(OffsetDateTime now) {
        Object[] r = (Object[]) em.createNativeQuery("""
                        with due as (
                            select rc.id, rc.code, rc.title, ru.customer_id,
                                   floor(extract(epoch from (cast(?1 as timestamptz) - rc.activated_at)) / (86400 * ?2))::int as period,
                                   jsonb_agg(ru.serial_no order by ru.serial_no) as serials, count(*) as units
                            from recall_campaign rc join recall_unit ru on ru.campaign_id = rc.id
                            where rc.status = 'ACTIVE' and ru.remedy_status in ('NOTIFIED', 'SCHEDULED', 'UNREACHABLE')
                              and rc.activated_at <= cast(?1 as timestamptz) - make_interval(days => ?2)
                            group by rc.id, rc.code, rc.title, ru.customer_id, period
                        ), ins as (
                            insert into notice (id, kind, customer_id, payload, dedupe_key, created_at)
                            select gen_random_uuid(), 'RECALL_REMINDER', d.customer_id,
                                   jsonb_build_object('campaignCode', d.code, 'title', d.title, 'units', d.units,
                                                      'serials', d.serials),
                                   'recall:' || d.id || ':reminder:' || d.customer_id || ':' || d.period, cast(?1 as timestamptz)
                            from due d
                            on conflict (dedupe_key) do nothing
                            returning 1
                        )
                        select (select count(*) from due), (select count(*) from ins)""")
                .setParameter(1, now).setParameter(2, config.jobs().recallReminder().everyDays()).getSingleResult();
        return new Result(((Number) r[0]).intValue(), ((Number) r[1]).intValue(), 0, 0);
    }
}
