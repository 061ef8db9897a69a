package com.aftersales.recall;

import com.aftersales.AftersalesConfig;
import com.aftersales.jobs.Job;
import com.aftersales.notify.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.OffsetDateTime;

/**
 * Reminders for recall units still not remedied, every N days after activation: one notice per campaign, customer
 * and period, listing the customer's open units. (Initial notices are queued by the activation itself.)
 */
@ApplicationScoped
public class RecallReminderJob implements Job {

    @Inject
    Outbox outbox;

    @Inject
    AftersalesConfig config;

    @Override
    public String name() {
        return "recall-reminder";
    }

    @Override
    public Result run(OffsetDateTime now) {
        Outbox.Added r = outbox.addAll(new Outbox.NoticeQuery("""
                        due as (
                            select rc.id, rc.code, rc.title, ru.customer_id,
                                   floor(extract(epoch from (cast(?1 as timestamptz) - rc.activated_at)) / (86400 * ?2))::int as period,
                                   jsonb_agg(ru.serial_no order by ru.serial_no) as serials, count(*) as units
                            from recall_campaign rc join recall_unit ru on ru.campaign_id = rc.id
                            where rc.status = 'ACTIVE' and ru.remedy_status in ('NOTIFIED', 'SCHEDULED', 'UNREACHABLE')
                              and rc.activated_at <= cast(?1 as timestamptz) - make_interval(days => ?2)
                            group by rc.id, rc.code, rc.title, ru.customer_id, period
                        )""", """
                        select 'RECALL_REMINDER' as kind, null as recipient_role, null as recipient_subject,
                               d.customer_id as customer_id,
                               jsonb_build_object('campaignCode', d.code, 'title', d.title, 'units', d.units,
                                                  'serials', d.serials) as payload,
                               'recall:' || d.id || ':reminder:' || d.customer_id || ':' || d.period as dedupe_key
                        from due d""", "select count(*) from due"), now, config.jobs().recallReminder().everyDays());
        return new Result(r.found(), r.created(), 0, 0);
    }
}
