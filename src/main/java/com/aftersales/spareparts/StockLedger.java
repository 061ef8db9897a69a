package com.aftersales.spareparts;

import com.aftersales.shared.error.ProblemException;
import com.aftersales.shared.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Every stock change is one conditional UPDATE plus one movement row: stock can never go negative, also when
 * several requests take the last pieces at once (the database decides, row by row, who gets them).
 */
@ApplicationScoped
public class StockLedger {

    public enum Kind { RECEIPT, ISSUE, TRANSFER_OUT, TRANSFER_IN, ADJUSTMENT, RESTOCK }

    @Inject
    EntityManager em;

    @Inject
    Caller caller;

    @Inject
    Clock clock;

    @Transactional(Transactional.TxType.MANDATORY)
    public int move(UUID partId, String location, int delta, Kind kind, UUID caseId, UUID transferId, String reason) {
        int quantity;
        if (delta < 0) {
            @SuppressWarnings("unchecked")
            var rows = (java.util.List<Number>) em.createNativeQuery("update stock set quantity = quantity + ?1 "
                            + "where part_id = ?2 and location = ?3 and quantity + ?1 >= 0 returning quantity")
                    .setParameter(1, delta).setParameter(2, partId).setParameter(3, location).getResultList();
            if (rows.isEmpty()) {
                Number have = (Number) em.createNativeQuery("select coalesce((select quantity from stock where part_id = ?1 "
                        + "and location = ?2), 0)").setParameter(1, partId).setParameter(2, location).getSingleResult();
                throw new ProblemException(409, "stock_insufficient", location, have, -delta)
                        .with("available", have.intValue());
            }
            quantity = rows.get(0).intValue();
        } else {
            quantity = ((Number) em.createNativeQuery("insert into stock (part_id, location, quantity) values (?1, ?2, ?3) "
                            + "on conflict (part_id, location) do update set quantity = stock.quantity + excluded.quantity "
                            + "returning quantity")
                    .setParameter(1, partId).setParameter(2, location).setParameter(3, delta).getSingleResult()).intValue();
        }
        // moved_at from the clock: plans and the fill-rate KPI count movements by it.
        em.createNativeQuery("insert into stock_movement (part_id, location, quantity, kind, case_id, transfer_id, reason, moved_by, "
                        + "moved_at) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)")
                .setParameter(1, partId).setParameter(2, location).setParameter(3, delta).setParameter(4, kind.name())
                .setParameter(5, caseId).setParameter(6, transferId).setParameter(7, reason).setParameter(8, caller.subject())
                .setParameter(9, OffsetDateTime.now(clock)).executeUpdate();
        return quantity;
    }
}
