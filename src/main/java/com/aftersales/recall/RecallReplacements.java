package com.aftersales.recall;

import com.aftersales.shared.error.Messages;
import com.aftersales.unit.UnitReplacementListener;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A unit replaced while a campaign still waits for its remedy has left the field: in every campaign not yet completed
 * or closed, its open entry (not REMEDIED, not EXEMPT) becomes EXEMPT with the replacement as the reason, dated the
 * replacement day, so the reminder job stops chasing a unit that is back in the company's hands and the campaign can
 * complete. One statement. The replacement unit does not join the campaign: it is new production, and whether it is
 * affected is for the campaign's criteria (a new campaign) to say.
 */
@ApplicationScoped
public class RecallReplacements implements UnitReplacementListener {

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public void replaced(UUID unitId, String serialNo, String replacementSerial, LocalDate on) {
        em.createNativeQuery("update recall_unit ru set remedy_status = 'EXEMPT', remedy_date = ?2, exempt_reason = ?3, "
                        + "updated_at = ?4 from recall_campaign rc where rc.id = ru.campaign_id and ru.unit_id = ?1 "
                        + "and rc.status not in ('COMPLETED', 'CLOSED') and ru.remedy_status not in ('REMEDIED', 'EXEMPT')")
                .setParameter(1, unitId).setParameter(2, on)
                .setParameter(3, Messages.text(Messages.ZH, "recalls.exempt_replaced", replacementSerial))
                .setParameter(4, OffsetDateTime.now(clock)).executeUpdate();
    }
}
