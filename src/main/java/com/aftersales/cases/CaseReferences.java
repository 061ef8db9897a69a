package com.aftersales.cases;

import com.aftersales.unit.ProductLine;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * What other areas (8D, problems, returns, spare parts, recalls, follow-ups) may know of cases, as records, never the
 * entities. A case id from a request goes through {@link #visible} first; the other answers are about cases that the
 * caller's own records already refer to.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class CaseReferences {

    /** A case as another area refers to it. */
    public record CaseReference(UUID id, String caseNo, UUID customerId, String ownerRole, String ownerPerson) {
        static CaseReference of(ServiceCase c) {
            return new CaseReference(c.id, c.caseNo, c.customerId, c.ownerRole, c.ownerPerson);
        }
    }

    /** The product models of some cases' units, the cases' severities and their product lines. */
    public record ModelsAndSeverities(List<String> productModels, List<Severity> severities, List<ProductLine> productLines) {
    }

    @Inject
    CaseRepository cases;

    @Inject
    AttachmentRepository attachments;

    @Inject
    EntityManager em;

    /** The case if the caller may see it; 404 otherwise (a customer account sees only its own). */
    public CaseReference visible(UUID caseId) {
        return CaseReference.of(cases.visible(caseId, jakarta.persistence.LockModeType.NONE));
    }

    /** The numbers of these cases. */
    public Map<UUID, String> caseNos(Collection<UUID> caseIds) {
        Map<UUID, String> caseNos = new HashMap<>();
        if (!caseIds.isEmpty()) {
            em.createQuery("select c.id, c.caseNo from ServiceCase c where c.id in ?1", Object[].class)
                    .setParameter(1, caseIds).getResultList()
                    .forEach(row -> caseNos.put((UUID) row[0], (String) row[1]));
        }
        return caseNos;
    }

    /** Which of these (normalised) serial numbers are units of the case, with their unit ids. */
    public Map<String, UUID> unitIds(UUID caseId, Collection<String> serialNos) {
        @SuppressWarnings("unchecked")
        List<Object[]> found = em.createNativeQuery("select serial_no, unit_id from case_unit where case_id = ?1 and serial_no = any(?2)")
                .setParameter(1, caseId).setParameter(2, serialNos.toArray(new String[0])).getResultList();
        Map<String, UUID> unitIds = new HashMap<>();
        found.forEach(r -> unitIds.put((String) r[0], (UUID) r[1]));
        return unitIds;
    }

    /** How many of the case's units were chargeable on the failure date (their entitlement frozen at intake). */
    public long chargeableUnits(UUID caseId) {
        return ((Number) em.createNativeQuery("select count(*) from case_unit where case_id = ?1 and regime = 'CHARGEABLE'")
                .setParameter(1, caseId).getSingleResult()).longValue();
    }

    /** The sum of the case's verified cost lines in CNY (zero if none). */
    public BigDecimal verifiedCostsCny(UUID caseId) {
        return (BigDecimal) em.createNativeQuery("select coalesce(sum(amount_cny), 0) from case_cost "
                + "where case_id = ?1 and status = 'VERIFIED'").setParameter(1, caseId).getSingleResult();
    }

    /**
     * The sums of these cases' verified cost lines the company bears (billed to the company or under a service
     * contract; not what the customer pays), by case (cases without any are left out); one query. What a supplier
     * recovery is a share of.
     */
    public Map<UUID, BigDecimal> companyBorneCostsCny(Collection<UUID> caseIds) {
        Map<UUID, BigDecimal> sums = new HashMap<>();
        if (!caseIds.isEmpty()) {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("select case_id, sum(amount_cny) from case_cost "
                    + "where case_id = any(?1) and status = 'VERIFIED' and billed_to <> 'CUSTOMER' group by case_id")
                    .setParameter(1, caseIds.toArray(new UUID[0])).getResultList();
            rows.forEach(r -> sums.put((UUID) r[0], (BigDecimal) r[1]));
        }
        return sums;
    }

    /** The file names of these attachments, by id (unknown ids are left out). */
    public Map<UUID, String> attachmentNames(Collection<UUID> attachmentIds) {
        Map<UUID, String> names = new HashMap<>();
        if (!attachmentIds.isEmpty()) {
            attachments.list("id in ?1", attachmentIds).forEach(a -> names.put(a.id, a.fileName));
        }
        return names;
    }

    /** How many of these attachments belong to these cases (evidence must be a photo or document of a linked case). */
    public long attachmentsAmong(Collection<UUID> attachmentIds, Collection<UUID> caseIds) {
        return attachments.count("id in ?1 and caseId in ?2", attachmentIds, caseIds);
    }

    /** The product models of these cases' units (each distinct) and the cases' severities. */
    public ModelsAndSeverities modelsAndSeverities(Collection<UUID> caseIds) {
        @SuppressWarnings("unchecked")
        List<Object[]> facts = em.createNativeQuery("""
                        select distinct cu.product_model, c.severity, c.product_line
                        from service_case c left join case_unit cu on cu.case_id = c.id
                        where c.id = any(?1)""")
                .setParameter(1, caseIds.toArray(new UUID[0])).getResultList();
        return new ModelsAndSeverities(facts.stream().map(f -> (String) f[0]).filter(Objects::nonNull).distinct().toList(),
                facts.stream().map(f -> Severity.valueOf((String) f[1])).toList(),
                facts.stream().map(f -> ProductLine.valueOf((String) f[2])).distinct().sorted().toList());
    }
}
