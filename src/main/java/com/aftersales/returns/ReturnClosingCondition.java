package com.aftersales.returns;

import com.aftersales.cases.CaseClosingCondition;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.util.List;
import java.util.UUID;

/** For the case's closing gate: the case's return orders that are not closed yet. */
@ApplicationScoped
@Unremovable
class ReturnClosingCondition implements CaseClosingCondition {

    @Inject
    EntityManager em;

    @Override
    public List<Unsettled> unsettled(UUID caseId) {
        return CaseClosingCondition.of(Kind.RETURN, em.createNativeQuery("""
                        select id, return_no, status from return_order where case_id = ?1 and status <> 'CLOSED'
                        order by return_no""")
                .setParameter(1, caseId).getResultList());
    }
}
