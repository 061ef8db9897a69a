package com.aftersales.recall;

import com.aftersales.unit.SoftwareUpdateReferences;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.util.Optional;
import java.util.UUID;

/** A software update's reference as the recall area knows it: a campaign the unit is in. */
@ApplicationScoped
class RecallSoftwareReferences implements SoftwareUpdateReferences {

    @Inject
    EntityManager em;

    @Override
    public Optional<String> kindOf(UUID unitId, UUID reference) {
        Number n = (Number) em.createNativeQuery("select count(*) from recall_unit where unit_id = ?1 and campaign_id = ?2")
                .setParameter(1, unitId).setParameter(2, reference).getSingleResult();
        return n.longValue() > 0 ? Optional.of("RECALL") : Optional.empty();
    }
}
