package com.aftersales.cases;

import com.aftersales.unit.UnitRecord;
import com.aftersales.warranty.EntitlementPolicy;
import com.aftersales.warranty.Entitlements;
import io.quarkus.runtime.annotations.RegisterForReflection;
import com.aftersales.AftersalesConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Cases the quality center handled before this service, written as they ended: closed, with the ledger's number as the
 * case number, its dates of receipt, first response and closure, its units (entitlement frozen on the failure date, as
 * for a live case), its cost as one verified company-borne line and the 8D report number it names. Marked imported
 * ({@code imported_at}): counted in the KPIs, shown in unit histories, and kept out of follow-ups, SLA breaches,
 * notices and closure gates (no workflow runs: no event, no notice, no transition). See ledger.LedgerImport.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class HistoricalCases {

    /** One historical case; the units belong to its customer (the caller checked). */
    public record Historical(String caseNo, CaseType type, Severity severity, UUID customerId, List<UnitRecord> units,
                             String description, LocalDate failureDate, OffsetDateTime receivedAt,
                             OffsetDateTime firstRespondedAt, OffsetDateTime closedAt, BigDecimal costCny,
                             String eightDNo) {
    }

    /** A case as the ledger workbook shows it (live or imported). */
    @RegisterForReflection
    public record LedgerCase(UUID id, String caseNo, CaseType type, Severity severity, String customerCode,
                             List<String> serials, String description, LocalDate failureDate, OffsetDateTime receivedAt,
                             OffsetDateTime firstRespondedAt, OffsetDateTime closedAt, BigDecimal costCny,
                             String eightDNo, boolean imported) {
    }

    static final String IMPORTED_BY = "ledger-import";

    @Inject
    EntityManager em;

    @Inject
    Entitlements entitlements;

    @Inject
    CaseUnits caseUnits;

    @Inject
    Clock clock;

    @Inject
    AftersalesConfig config;

    /** Which of these numbers are cases already (imported or live). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Set<String> existing(Collection<String> caseNos) {
        if (caseNos.isEmpty()) {
            return Set.of();
        }
        @SuppressWarnings("unchecked")
        List<String> found = em.createNativeQuery("select case_no from service_case where case_no = any(cast(?1 as text[]))")
                .setParameter(1, caseNos.toArray(String[]::new)).getResultList();
        return new HashSet<>(found);
    }

    /** Writes the cases; returns their ids by case number. */
    public Map<String, UUID> write(List<Historical> cases) {
        Map<String, Entitlements.Facts> facts = entitlements.facts(cases.stream()
                .flatMap(c -> c.units().stream().map(UnitRecord::serialNo)).distinct().toList());
        OffsetDateTime now = OffsetDateTime.now(clock);
        Map<String, UUID> ids = new LinkedHashMap<>();
        for (Historical h : cases) {
            UUID id = UUID.randomUUID();
            UnitRecord primary = h.units().isEmpty() ? null : h.units().get(0);
            // Due times from the SLA of the case's severity (the customer's own, else the default) and the owner role
            // from the routing, as for a live case: the KPIs judge the historical first response by the same rule. A
            // case without units is routed as a live one is (the customer's most common line, else the default owner).
            em.createNativeQuery("""
                    insert into service_case (id, case_no, type, status, severity, customer_id, product_line, title,
                        description, failure_date, reporter_name, channel, owner_role, manager_role, first_response_due,
                        resolution_due, first_responded_at, responded_at, resolved_at, closed_at, created_by, created_at,
                        updated_at, imported_at, ledger_eight_d_no)
                    select ?1, ?2, ?3, 'CLOSED', ?4, ?5, l.pl, ?7, ?8, ?9, '台帐', 'OTHER', coalesce(r.owner_role, ?17),
                        coalesce(r.owner_role, ?17),
                        cast(?10 as timestamptz) + make_interval(hours => s.first_response_hours),
                        cast(?10 as timestamptz) + make_interval(hours => s.resolution_hours),
                        cast(?11 as timestamptz), cast(?11 as timestamptz), ?12, ?12, ?13, ?10, ?14, ?14, cast(?15 as text)
                    from (select """ + " " + CaseIntake.lineOf("?6", "?5") + """
                     as pl) l
                         left join case_routing r on r.product_line = l.pl and r.in_project = ?16,
                         lateral (select first_response_hours, resolution_hours from case_sla
                                  where severity = ?4 and (customer_id = ?5 or customer_id is null)
                                  order by customer_id nulls last limit 1) s""")
                    .setParameter(1, id).setParameter(2, h.caseNo()).setParameter(3, h.type().name())
                    .setParameter(4, h.severity().name()).setParameter(5, h.customerId())
                    .setParameter(6, primary == null ? null : primary.productLine().name())
                    .setParameter(7, h.description().length() > 100 ? h.description().substring(0, 100) : h.description())
                    .setParameter(8, h.description()).setParameter(9, h.failureDate()).setParameter(10, h.receivedAt())
                    .setParameter(11, h.firstRespondedAt()).setParameter(12, h.closedAt()).setParameter(13, IMPORTED_BY)
                    .setParameter(14, now).setParameter(15, h.eightDNo())
                    .setParameter(16, primary != null && primary.projectCode() != null)
                    .setParameter(17, config.cases().defaultOwnerRole())
                    .executeUpdate();
            for (UnitRecord unit : h.units()) {
                EntitlementPolicy.Decision d = entitlements.decide(facts.get(unit.serialNo()), h.failureDate(), null, null);
                caseUnits.persist(CaseUnit.frozen(id, unit, d, null, null));
            }
            if (h.costCny() != null && h.costCny().signum() > 0) {
                caseUnits.flush(); // the cost line's model comes from the case's units (trigger)
                em.createNativeQuery("""
                        insert into case_cost (id, case_id, category, amount_cny, description, incurred_on, billed_to,
                            status, submitted_by, verified_by, created_at, updated_at)
                        values (?1, ?2, 'SERVICE_STATION_FEE', ?3, '台帐费用', ?4, 'COMPANY', 'VERIFIED', ?5, ?5, ?6, ?6)""")
                        .setParameter(1, UUID.randomUUID()).setParameter(2, id).setParameter(3, h.costCny())
                        .setParameter(4, h.closedAt().atZoneSameInstant(clock.getZone()).toLocalDate())
                        .setParameter(5, IMPORTED_BY).setParameter(6, now).executeUpdate();
            }
            ids.put(h.caseNo(), id);
        }
        caseUnits.flush();
        return ids;
    }

    /**
     * The complaint cases (not service requests) received in [from, to] (business days), live and imported, as the
     * ledger shows them; oldest first.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<LedgerCase> ledger(LocalDate from, LocalDate to) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select c.id, c.case_no, c.type, c.severity, cu.code, c.description, c.failure_date, c.created_at,
                       c.first_responded_at, c.closed_at, c.ledger_eight_d_no, c.imported_at is not null,
                       (select string_agg(u.serial_no, '、' order by u.serial_no) from case_unit u where u.case_id = c.id),
                       (select sum(k.amount_cny) from case_cost k where k.case_id = c.id and k.status = 'VERIFIED'
                          and k.billed_to = 'COMPANY')
                from service_case c join customer_name cu on cu.id = c.customer_id
                where c.created_at >= ?1 and c.created_at < ?2 and c.type <> 'SERVICE'
                order by c.created_at, c.case_no""")
                .setParameter(1, from.atStartOfDay(clock.getZone()).toOffsetDateTime())
                .setParameter(2, to.plusDays(1).atStartOfDay(clock.getZone()).toOffsetDateTime())
                .getResultList();
        return rows.stream().map(r -> new LedgerCase((UUID) r[0], (String) r[1], CaseType.valueOf((String) r[2]),
                Severity.valueOf((String) r[3]), (String) r[4], r[12] == null ? List.of() : List.of(((String) r[12]).split("、")),
                (String) r[5], com.aftersales.shared.persistence.SqlValues.localDate(r[6]),
                com.aftersales.shared.persistence.SqlValues.offsetDateTime(r[7]),
                com.aftersales.shared.persistence.SqlValues.offsetDateTime(r[8]),
                com.aftersales.shared.persistence.SqlValues.offsetDateTime(r[9]), (BigDecimal) r[13], (String) r[10],
                (Boolean) r[11])).toList();
    }
}
