package com.aftersales.spareparts;

import com.aftersales.jobs.Job;
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
        Object[] r = (Object[]) em.createNativeQuery("""
                        with below as (
                            select s.part_id, s.location, s.quantity, s.safety_stock from stock s where s.quantity < s.safety_stock
                        ), opened as (
                            insert into stock_alert (part_id, location, opened_at)
                            select b.part_id, b.location, ?1 from below b
                            on conflict (part_id, location) where closed_at is null do nothing
                            returning id, part_id, location
                        ), ins as (
                            insert into notice (id, kind, recipient_role, payload, dedupe_key, created_at)
                            select gen_random_uuid(), 'SAFETY_STOCK', r.role,
                                   jsonb_build_object('partNo', p.part_no, 'partName', p.name, 'location', o.location,
                                                      'quantity', b.quantity,
                                                      'safetyStock', b.safety_stock),
                                   'stock:' || o.id || ':' || r.role, ?1
                            from opened o join spare_part p on p.id = o.part_id
                            join below b on b.part_id = o.part_id and b.location = o.location
                            cross join (values ('PRODUCT_MANAGER'), ('WAREHOUSE')) as r(role)
                            on conflict (dedupe_key) do nothing
                            returning 1
                        )
                        select (select count(*) from below), (select count(*) from ins)""")
                .setParameter(1, now).getSingleResult();
        return new Result(((Number) r[0]).intValue(), ((Number) r[1]).intValue(), 0, 0);
    }
}
