package com.aftersales.cases;

import com.aftersales.AftersalesConfig;
import com.aftersales.shared.web.Text;
import com.aftersales.customer.CustomerRegistry;
import com.aftersales.shared.audit.AuditTrail;
import com.aftersales.notify.Outbox;
import com.aftersales.shared.error.ProblemException;
import com.aftersales.shared.error.ProblemException.Issue;
import com.aftersales.shared.security.Caller;
import com.aftersales.unit.SerialNo;
import com.aftersales.unit.Unit;
import com.aftersales.unit.UnitRegistry;
import com.aftersales.warranty.EntitlementPolicy;
import com.aftersales.warranty.Entitlements;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Opens a case in one transaction: checks the units belong to the customer, freezes each unit's entitlement on the
 * failure date, routes the case to its owner role, sets the SLA due times and flags a possible duplicate.
 */
@ApplicationScoped
@Transactional
public class CaseIntake {

    @Inject
    CaseBook cases;

    @Inject
    CaseUnits caseUnits;

    @Inject
    CaseTimeline timeline;

    @Inject
    CaseSettings settings;

    @Inject
    CustomerRegistry customers;

    @Inject
    UnitRegistry units;

    @Inject
    Entitlements entitlements;

    @Inject
    Caller caller;

    @Inject
    AuditTrail audit;

    @Inject
    Outbox outbox;

    @Inject
    EntityManager em;

    @Inject
    AftersalesConfig config;

    @Inject
    Clock clock;

    public CaseView open(@NotNull @Valid OpenCaseRequest request, Locale locale) {
        customers.visible(request.customerId(), LockModeType.NONE);
        LocalDate today = LocalDate.now(clock);
        List<Issue> issues = new ArrayList<>();
        if (request.failureDate().isAfter(today)) {
            issues.add(Issue.of("failureDate", "cases.failure_in_future"));
        }
        Map<String, Integer> indexBySerial = new LinkedHashMap<>();
        for (int i = 0; i < request.units().size(); i++) {
            String serial = SerialNo.of(request.units().get(i).serialNo()).value();
            if (indexBySerial.putIfAbsent(serial, i) != null) {
                issues.add(Issue.of("units[" + i + "].serialNo", "cases.unit_repeated", serial));
            }
        }
        Map<String, Unit> found = new HashMap<>();
        units.list("serialNo in ?1", List.copyOf(indexBySerial.keySet())).forEach(u -> found.put(u.serialNo, u));
        List<Unit> caseUnitsInOrder = new ArrayList<>();
        indexBySerial.forEach((serial, i) -> {
            Unit unit = found.get(serial);
            // Unknown and foreign serials get the same answer: a customer account learns nothing about other customers.
            if (unit == null || !unit.customerId.equals(request.customerId())) {
                issues.add(Issue.of("units[" + i + "].serialNo", "cases.unit_not_of_customer", serial));
            } else if (unit.deliveryDate == null || request.failureDate().isBefore(unit.deliveryDate)) {
                issues.add(Issue.of("failureDate", "cases.failure_before_delivery", serial,
                        unit.deliveryDate == null ? "-" : unit.deliveryDate));
            } else {
                caseUnitsInOrder.add(unit);
            }
        });
        if (!issues.isEmpty()) {
            throw new ProblemException(422, "validation_failed", issues);
        }

        Unit primary = caseUnitsInOrder.get(0);
        String ownerRole = settings.route(primary.productLine, primary.projectCode != null);
        CaseSla sla = settings.sla(request.severity(), request.customerId());
        OffsetDateTime now = OffsetDateTime.now(clock);

        ServiceCase c = new ServiceCase();
        c.id = UUID.randomUUID();
        c.caseNo = nextCaseNo(today);
        c.type = request.type();
        c.status = CaseStatus.NEW;
        c.severity = request.severity();
        c.customerId = request.customerId();
        c.productLine = primary.productLine;
        c.title = request.title().strip();
        c.description = request.description().strip();
        c.failureDate = request.failureDate();
        c.reporterName = request.reporter().name().strip();
        c.reporterPhone = Text.blankToNull(request.reporter().phone());
        c.reporterEmail = Text.blankToNull(request.reporter().email());
        c.channel = request.channel();
        c.ownerRole = ownerRole;
        c.firstResponseDue = now.plus(Duration.ofHours(sla.firstResponseHours));
        c.resolutionDue = now.plus(Duration.ofHours(sla.resolutionHours));
        c.createdBy = caller.subject();
        flagPossibleDuplicate(c, caseUnitsInOrder);
        cases.persist(c);

        for (Unit unit : caseUnitsInOrder) {
            OpenCaseRequest.UnitReport report = request.units().get(indexBySerial.get(unit.serialNo));
            EntitlementPolicy.Decision d = entitlements.decide(unit, request.failureDate(), report.mileageKm(),
                    report.operatingHours());
            CaseUnit cu = new CaseUnit();
            cu.caseId = c.id;
            cu.unitId = unit.id;
            cu.serialNo = unit.serialNo;
            cu.mileageKm = report.mileageKm();
            cu.operatingHours = report.operatingHours();
            cu.regime = d.regime();
            cu.validUntil = d.validUntil();
            if (d.decidedBy() != null) {
                cu.decidedByKind = d.decidedBy().kind().name();
                cu.decidedById = d.decidedBy().id();
                cu.decidedByRef = d.decidedBy().reference();
            }
            cu.reasons = d.reasons().stream()
                    .map(r -> new CaseUnit.FrozenReason(r.code(), r.args().stream().map(String::valueOf).toList()))
                    .toList();
            caseUnits.persist(cu);
        }
        timeline.record(c.id, CaseEvent.Kind.OPENED, null, CaseStatus.NEW, null, CaseEvent.Visibility.CUSTOMER);
        outbox.add("CASE_ROUTED", Outbox.Recipient.role(c.ownerRole), Outbox.payload("caseId", c.id, "caseNo", c.caseNo,
                "title", c.title, "severity", c.severity, "ownerRole", c.ownerRole, "ownerPerson", null,
                "firstResponseDue", outbox.localTime(c.firstResponseDue)), "case-routed:" + c.id + ":0");
        em.flush();
        CaseView view = cases.view(c, locale);
        audit.record(CaseBook.AUDIT_TYPE, c.id, "CREATE", null, view);
        return view;
    }

    /** An open case, or one closed within the window, on the same unit with a similar description (one query). */
    private void flagPossibleDuplicate(ServiceCase c, List<Unit> caseUnitsInOrder) {
        List<UUID> unitIds = caseUnitsInOrder.stream().map(u -> u.id).toList();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        with q as (select aftersales_bigrams(?1) as grams)
                        select c.id, cu.serial_no,
                               cardinality(array(select unnest(c.search_grams) intersect select unnest(q.grams)))::float8
                               / greatest(cardinality(array(select unnest(c.search_grams) union select unnest(q.grams))), 1)
                               as similarity
                        from service_case c
                        join case_unit cu on cu.case_id = c.id
                        cross join q
                        where cu.unit_id = any(?2)
                          and (c.status not in ('CLOSED', 'REJECTED') or coalesce(c.closed_at, c.updated_at) > ?3)
                        order by similarity desc, c.created_at desc
                        limit 1""")
                .setParameter(1, c.title + " " + c.description)
                .setParameter(2, unitIds.toArray(new UUID[0]))
                .setParameter(3, OffsetDateTime.now(clock).minusDays(config.cases().duplicateWindow().getDays()))
                .getResultList();
        if (!rows.isEmpty()) {
            Object[] row = rows.get(0);
            double similarity = ((Number) row[2]).doubleValue();
            if (similarity >= config.cases().duplicateSimilarity()) {
                c.duplicateOf = (UUID) row[0];
                c.duplicateSerial = (String) row[1];
                c.duplicateSimilarity = (int) Math.round(similarity * 100);
            }
        }
    }

    private String nextCaseNo(LocalDate today) {
        long n = ((Number) em.createNativeQuery("select nextval('case_no_seq')").getSingleResult()).longValue();
        return "KS-%d-%06d".formatted(today.getYear(), n);
    }
}
