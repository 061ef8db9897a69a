package com.aftersales.spareparts;

import com.aftersales.jobs.Job;
import com.aftersales.notify.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.time.OffsetDateTime;

/**
 * Spare parts below safety stock: one alert per part and location until it recovers. An open alert row (unique while
 * open) stands for the episode; the alert is closed when stock is back at safety stock, and a later drop opens a new one.
 */
@ApplicationScoped
public class SafetyStockJob implements Job {

    @Inject
    EntityManager em;

    @Inject
    Outbox outbox;

    @Override
    public String name() {
        return "safety-stock";
    }

    @Override
    public Result run(OffsetDateTime now) {
        em.createNativeQuery("""
                        update stock_alert a set closed_at = ?1 from stock s
                        where a.closed_at is null and s.part_id = a.part_id and s.location = a.location
                          and s.quantity >= s.safety_stock""")
                .setParameter(1, now).executeUpdate();
        Outbox.Added r = outbox.addAll(new Outbox.NoticeQuery("""
                        below as (
                            select s.part_id, s.location, s.quantity, s.safety_stock from stock s where s.quantity < s.safety_stock
                        ), opened as (
                            insert into stock_alert (part_id, location, opened_at)
                            select b.part_id, b.location, ?1 from below b
                            on conflict (part_id, location) where closed_at is null do nothing
                            returning id, part_id, location
                        )""", """
                        select 'SAFETY_STOCK' as kind, r.role as recipient_role, null as recipient_subject,
                               null as customer_id,
                               jsonb_build_object('partNo', p.part_no, 'partName', p.name, 'location', o.location,
                                                  'quantity', b.quantity,
                                                  'safetyStock', b.safety_stock) as payload,
                               'stock:' || o.id || ':' || r.role as dedupe_key
                        from opened o join spare_part p on p.id = o.part_id
                        join below b on b.part_id = o.part_id and b.location = o.location
                        cross join (values ('PRODUCT_MANAGER'), ('WAREHOUSE')) as r(role)""", "select count(*) from below"), now);
        return new Result(r.found(), r.created(), 0, 0);
    }
}
