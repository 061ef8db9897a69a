package com.aftersales.cases;

import com.aftersales.unit.SoftwareUpdateReferences;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** A software update's reference as the cases area knows it: a case on the unit, or a visit of such a case. */
@ApplicationScoped
class CaseSoftwareReferences implements SoftwareUpdateReferences {

    @Inject
    EntityManager em;

    @Override
    public Optional<String> kindOf(UUID unitId, UUID reference) {
        @SuppressWarnings("unchecked")
        List<String> kinds = em.createNativeQuery("""
                        select 'CASE' from case_unit cu where cu.unit_id = ?1 and cu.case_id = ?2
                        union all
                        select 'VISIT' from field_visit v join case_unit cu on cu.case_id = v.case_id
                        where cu.unit_id = ?1 and v.id = ?2""")
                .setParameter(1, unitId).setParameter(2, reference).getResultList();
        return kinds.stream().findFirst();
    }
}
