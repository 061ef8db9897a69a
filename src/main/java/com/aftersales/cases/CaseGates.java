package com.aftersales.cases;

import com.aftersales.shared.error.Messages;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * The gates of RESOLVED and CLOSED: what a case still lacks, each condition with its code, the id of the record it is
 * about and a text in the caller's language. RESOLVED needs the general manager's approval of the current action plan
 * when the case is major; CLOSED needs that too, and every linked 8D report closed (or its link waived by a
 * QUALITY_ENGINEER), every return order of the case closed and every cost line verified or rejected. The 8D and returns
 * areas answer for their own records ({@link CaseClosingCondition}).
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class CaseGates {

    /** One unmet condition: {@code approval_missing} (id: the case), {@code eight_d_not_closed}, {@code return_not_closed}, {@code cost_not_decided}. */
    @RegisterForReflection
    public record Unmet(String code, UUID id, String text) {
    }

    @Inject
    @Any
    Instance<CaseClosingCondition> conditions;

    @Inject
    EntityManager em;

    /** What the case lacks to move to {@code to}; empty when it may. Asked for with the case row locked. */
    List<Unmet> unmet(ServiceCase c, CaseStatus to, Locale locale) {
        List<Unmet> unmet = new ArrayList<>();
        if ((to == CaseStatus.RESOLVED || to == CaseStatus.CLOSED) && c.major && c.approvalStatus != ApprovalStatus.APPROVED) {
            unmet.add(new Unmet("approval_missing", c.id, Messages.text(locale, "cases.unmet.approval_missing",
                    Messages.coded("approval_status", c.approvalStatus))));
        }
        if (to != CaseStatus.CLOSED) {
            return unmet;
        }
        Set<UUID> waived = waivedReports(c.id);
        List<CaseClosingCondition.Unsettled> unsettled = new ArrayList<>();
        for (CaseClosingCondition condition : conditions) {
            unsettled.addAll(condition.unsettled(c.id));
        }
        unsettled.sort(Comparator.comparing(CaseClosingCondition.Unsettled::kind)
                .thenComparing(CaseClosingCondition.Unsettled::reference));
        for (CaseClosingCondition.Unsettled u : unsettled) {
            if (u.kind() == CaseClosingCondition.Kind.EIGHT_D && waived.contains(u.id())) {
                continue;
            }
            String code = u.kind() == CaseClosingCondition.Kind.EIGHT_D ? "eight_d_not_closed" : "return_not_closed";
            unmet.add(new Unmet(code, u.id(), Messages.text(locale, "cases.unmet." + code, u.reference(),
                    Messages.coded(u.kind() == CaseClosingCondition.Kind.EIGHT_D ? "eight_d_status" : "return_status", u.status()))));
        }
        List<Object[]> costs = em.createQuery("select c.id, c.category, c.amountCny, c.status from CaseCost c "
                        + "where c.caseId = ?1 and c.status not in ?2 order by c.createdAt, c.id", Object[].class)
                .setParameter(1, c.id).setParameter(2, List.of(CaseCost.Status.VERIFIED, CaseCost.Status.REJECTED))
                .getResultList();
        for (Object[] cost : costs) {
            unmet.add(new Unmet("cost_not_decided", (UUID) cost[0], Messages.text(locale, "cases.unmet.cost_not_decided",
                    Messages.coded("cost_category", cost[1]), ((BigDecimal) cost[2]).toPlainString(),
                    Messages.coded("cost_status", cost[3]))));
        }
        return unmet;
    }

    /** The case's linked 8D reports that are not closed and not waived (a waiver must name one of them). */
    List<CaseClosingCondition.Unsettled> openReports(UUID caseId) {
        Set<UUID> waived = waivedReports(caseId);
        List<CaseClosingCondition.Unsettled> open = new ArrayList<>();
        for (CaseClosingCondition condition : conditions) {
            condition.unsettled(caseId).stream()
                    .filter(u -> u.kind() == CaseClosingCondition.Kind.EIGHT_D && !waived.contains(u.id()))
                    .forEach(open::add);
        }
        return open;
    }

    boolean waived(UUID caseId, UUID reportId) {
        return waivedReports(caseId).contains(reportId);
    }

    private Set<UUID> waivedReports(UUID caseId) {
        @SuppressWarnings("unchecked")
        List<UUID> ids = em.createNativeQuery("select report_id from case_gate_waiver where case_id = ?1")
                .setParameter(1, caseId).getResultList();
        return new HashSet<>(ids);
    }
}
