package com.aftersales.warranty;

import com.aftersales.AftersalesConfig;
import com.aftersales.jobs.Job;
import com.aftersales.notify.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * Units whose free warranty ends within a window (60 and 30 days by default) and that have no service contract
 * beyond it: an alert to SALES and a notice to the customer offering a contract; the same for service contracts
 * about to end with no contract after them (a contract counts for, and its expiry is announced to, the customer who
 * signed it, not a later customer of the unit). One INSERT … SELECT per kind; the dedupe key (window, unit, end date)
 * makes a second or concurrent run insert nothing. A unit first found inside the 30-day window gets only that notice.
 * A replacement's warranty ends where the one it inherits does (unless its term gives it its own); a replaced unit
 * (out of the field) gets no alert. A contract counts only once it is in force: one signed under the payment rule and
 * not paid yet neither spares the unit the warranty alert nor gets an expiry notice of its own.
 */
@ApplicationScoped
public class WarrantyExpiryJob implements Job {

    @Inject
    Outbox outbox;

    @Inject
    AftersalesConfig config;

    @Inject
    Clock clock;

    /** A contract in force (or to be on its dates), by its alias: the SQL twin of EntitlementPolicy.Contract#inForceFrom. */
    static String inForce(String alias) {
        return "(%1$s.status = 'ACTIVE' and (%1$s.activation_rule = 'SIGNING' or %1$s.paid_on is not null))".formatted(alias);
    }

    @Override
    public String name() {
        return "warranty-expiry";
    }

    @Override
    public Result run(OffsetDateTime now) {
        LocalDate today = now.atZoneSameInstant(clock.getZone()).toLocalDate();
        Integer[] days = config.jobs().warrantyExpiry().days().toArray(new Integer[0]);
        Outbox.Added warranty = outbox.addAll(new Outbox.NoticeQuery("""
                        windows as (
                            select w, coalesce(lead(w) over (order by w desc), -1) as next_w
                            from unnest(cast(?1 as int[])) as w
                        ), ends as (
                            select u.id as unit_id, u.serial_no, u.customer_id,
                                   (coalesce(case when t.start_basis = 'FIRST_SALE' then w.first_sale_date end, w.delivery_date)
                                    + make_interval(months => t.months))::date - 1 as end_date
                            from unit_record u
                            -- a replacement's free warranty is the first unit's of its chain (EntitlementPolicy),
                            -- unless the term in force for the replacement gives it its own (OWN)
                            left join unit_record o on o.id = u.warranty_origin_unit_id and o.delivery_date is not null
                                and coalesce((select t.replacement_warranty from warranty_term t
                                              where t.customer_id = u.customer_id and t.product_line = u.product_line
                                                and t.effective_from <= u.delivery_date
                                                and (t.effective_to is null or t.effective_to >= u.delivery_date)
                                              order by t.effective_from desc limit 1), 'INHERIT') <> 'OWN'
                            cross join lateral (
                                select coalesce(o.customer_id, u.customer_id) as customer_id,
                                       coalesce(o.product_line, u.product_line) as product_line,
                                       case when o.id is null then u.delivery_date else o.delivery_date end as delivery_date,
                                       case when o.id is null then u.first_sale_date else o.first_sale_date end as first_sale_date) w
                            join lateral (
                                select t.start_basis, t.months from warranty_term t
                                where t.customer_id = w.customer_id and t.product_line = w.product_line
                                  and t.effective_from <= w.delivery_date
                                  and (t.effective_to is null or t.effective_to >= w.delivery_date)
                                order by t.effective_from desc limit 1) t on t.months is not null
                            -- a replaced unit has left the field: no alert for it
                            where u.delivery_date is not null and u.replaced_on is null
                        ), due as (
                            select e.*, w.w from ends e
                            join windows w on e.end_date > cast(?2 as date) + w.next_w and e.end_date <= cast(?2 as date) + w.w
                            where not exists (select 1 from service_contract sc where sc.unit_id = e.unit_id
                                              and sc.customer_id = e.customer_id
                                              and %s and sc.end_date > e.end_date)
                        )""".formatted(inForce("sc")), """
                        select 'WARRANTY_EXPIRY' as kind, case when r.who = 'sales' then 'SALES' end as recipient_role,
                               null as recipient_subject, case when r.who = 'customer' then d.customer_id end as customer_id,
                               jsonb_build_object('serialNo', d.serial_no, 'endDate', d.end_date, 'windowDays', d.w) as payload,
                               'warranty-expiry:' || d.w || ':' || r.who || ':' || d.unit_id || ':' || d.end_date as dedupe_key
                        from due d cross join (values ('sales'), ('customer')) as r(who)""", "select count(*) from due"),
                days, today);
        Outbox.Added contracts = outbox.addAll(new Outbox.NoticeQuery("""
                        windows as (
                            select w, coalesce(lead(w) over (order by w desc), -1) as next_w
                            from unnest(cast(?1 as int[])) as w
                        ), due as (
                            select sc.id, sc.contract_no, sc.end_date, u.serial_no, sc.customer_id, w.w
                            from service_contract sc join unit_record u on u.id = sc.unit_id
                            join windows w on sc.end_date > cast(?2 as date) + w.next_w and sc.end_date <= cast(?2 as date) + w.w
                            where %s and u.replaced_on is null
                              and not exists (select 1 from service_contract later where later.unit_id = sc.unit_id
                                              and later.customer_id = sc.customer_id
                                              and %s and later.end_date > sc.end_date)
                        )""".formatted(inForce("sc"), inForce("later")), """
                        select 'SERVICE_CONTRACT_EXPIRY' as kind, case when r.who = 'sales' then 'SALES' end as recipient_role,
                               null as recipient_subject, case when r.who = 'customer' then d.customer_id end as customer_id,
                               jsonb_build_object('serialNo', d.serial_no, 'contractNo', d.contract_no, 'endDate', d.end_date) as payload,
                               'contract-expiry:' || d.w || ':' || r.who || ':' || d.id as dedupe_key
                        from due d cross join (values ('sales'), ('customer')) as r(who)""", "select count(*) from due"),
                days, today);
        return new Result(warranty.found() + contracts.found(), warranty.created() + contracts.created(), 0, 0);
    }
}
