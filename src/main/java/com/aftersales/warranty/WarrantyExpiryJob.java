package com.aftersales.warranty;

import com.aftersales.AftersalesConfig;
import com.aftersales.jobs.Job;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * Units whose free warranty ends within a window (60 and 30 days by default) and that have no service contract
 * beyond it: an alert to SALES and a notice to the customer offering a contract; the same for service contracts
 * about to end with no contract after them. One INSERT … SELECT per kind; the dedupe key (window, unit, end date)
 * makes a second or concurrent run insert nothing. A unit first found inside the 30-day window gets only that notice.
 */
@ApplicationScoped
public class WarrantyExpiryJob implements Job {

    @Inject
    EntityManager em;

    @Inject
    AftersalesConfig config;

    @Inject
    Clock clock;

    @Override
    public String name() {
        return "warranty-expiry";
    }

    @Override
    public Result run(OffsetDateTime now) {
        LocalDate today = now.atZoneSameInstant(clock.getZone()).toLocalDate();
        Integer[] days = config.jobs().warrantyExpiry().days().toArray(new Integer[0]);
        Object[] warranty = (Object[]) em.createNativeQuery("""
                        with windows as (
                            select w, coalesce(lead(w) over (order by w desc), -1) as next_w
                            from unnest(cast(?1 as int[])) as w
                        ), ends as (
                            select u.id as unit_id, u.serial_no, u.customer_id,
                                   (coalesce(case when t.start_basis = 'FIRST_SALE' then u.first_sale_date end, u.delivery_date)
                                    + make_interval(months => t.months))::date - 1 as end_date
                            from unit u
                            join lateral (
                                select t.start_basis, t.months from warranty_term t
                                where t.customer_id = u.customer_id and t.product_line = u.product_line
                                  and t.effective_from <= u.delivery_date
                                  and (t.effective_to is null or t.effective_to >= u.delivery_date)
                                order by t.effective_from desc limit 1) t on t.months is not null
                            where u.delivery_date is not null
                        ), due as (
                            select e.*, w.w from ends e
                            join windows w on e.end_date > cast(?2 as date) + w.next_w and e.end_date <= cast(?2 as date) + w.w
                            where not exists (select 1 from service_contract sc where sc.unit_id = e.unit_id
                                              and sc.status = 'ACTIVE' and sc.end_date > e.end_date)
                        ), ins as (
                            insert into notice (id, kind, customer_id, recipient_role, payload, dedupe_key, created_at)
                            select gen_random_uuid(), 'WARRANTY_EXPIRY',
                                   case when r.who = 'customer' then d.customer_id end,
                                   case when r.who = 'sales' then 'SALES' end,
                                   jsonb_build_object('serialNo', d.serial_no, 'endDate', d.end_date, 'windowDays', d.w),
                                   'warranty-expiry:' || d.w || ':' || r.who || ':' || d.unit_id || ':' || d.end_date,
                                   cast(?3 as timestamptz)
                            from due d cross join (values ('sales'), ('customer')) as r(who)
                            on conflict (dedupe_key) do nothing
                            returning 1
                        )
                        select (select count(*) from due), (select count(*) from ins)""")
                .setParameter(1, days).setParameter(2, today).setParameter(3, now).getSingleResult();
        Object[] contracts = (Object[]) em.createNativeQuery("""
                        with windows as (
                            select w, coalesce(lead(w) over (order by w desc), -1) as next_w
                            from unnest(cast(?1 as int[])) as w
                        ), due as (
                            select sc.id, sc.contract_no, sc.end_date, u.serial_no, u.customer_id, w.w
                            from service_contract sc join unit u on u.id = sc.unit_id
                            join windows w on sc.end_date > cast(?2 as date) + w.next_w and sc.end_date <= cast(?2 as date) + w.w
                            where sc.status = 'ACTIVE'
                              and not exists (select 1 from service_contract later where later.unit_id = sc.unit_id
                                              and later.status = 'ACTIVE' and later.end_date > sc.end_date)
                        ), ins as (
                            insert into notice (id, kind, customer_id, recipient_role, payload, dedupe_key, created_at)
                            select gen_random_uuid(), 'SERVICE_CONTRACT_EXPIRY',
                                   case when r.who = 'customer' then d.customer_id end,
                                   case when r.who = 'sales' then 'SALES' end,
                                   jsonb_build_object('serialNo', d.serial_no, 'contractNo', d.contract_no, 'endDate', d.end_date),
                                   'contract-expiry:' || d.w || ':' || r.who || ':' || d.id, cast(?3 as timestamptz)
                            from due d cross join (values ('sales'), ('customer')) as r(who)
                            on conflict (dedupe_key) do nothing
                            returning 1
                        )
                        select (select count(*) from due), (select count(*) from ins)""")
                .setParameter(1, days).setParameter(2, today).setParameter(3, now).getSingleResult();
        return new Result(((Number) warranty[0]).intValue() + ((Number) contracts[0]).intValue(),
                ((Number) warranty[1]).intValue() + ((Number) contracts[1]).intValue(), 0, 0);
    }
}
