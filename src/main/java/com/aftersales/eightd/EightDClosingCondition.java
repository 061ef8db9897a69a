package com.aftersales.eightd;

import com.aftersales.cases.CaseClosingCondition;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.util.List;
import java.util.UUID;

/** For the case's closing gate: the 8D reports linked to the case that are not closed yet. */
@ApplicationScoped
@Unremovable
class EightDClosingCondition implements CaseClosingCondition {

    @Inject
    EntityManager em;

    @Override
    public List<Unsettled> unsettled(UUID caseId) {
        return CaseClosingCondition.of(Kind.EIGHT_D, em.createNativeQuery("""
                        select r.id, r.report_no, r.status from eight_d_case l join eight_d_report r on r.id = l.report_id
                        where l.case_id = ?1 and r.status <> 'CLOSED' order by r.report_no""")
                .setParameter(1, caseId).getResultList());
    }
}
