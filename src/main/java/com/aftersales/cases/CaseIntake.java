package com.aftersales.cases;

import com.aftersales.AftersalesConfig;
import com.aftersales.shared.web.Text;
import com.aftersales.shared.audit.AuditTrail;
import com.aftersales.notify.Outbox;
import com.aftersales.shared.error.ProblemException;
import com.aftersales.shared.error.ProblemException.Issue;
import com.aftersales.shared.security.Caller;
import com.aftersales.shared.security.Roles;
import com.aftersales.shared.error.Messages;
import com.aftersales.unit.ProductLine;
import com.aftersales.unit.SerialNo;
import com.aftersales.unit.UnitRecord;
import com.aftersales.unit.UnitRegistry;
import com.aftersales.warranty.EntitlementPolicy;
import com.aftersales.warranty.Entitlements;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
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
    CaseRepository cases;

    @Inject
    CaseViews views;

    @Inject
    CaseUnits caseUnits;

    @Inject
    CaseTimeline timeline;

    @Inject
    CaseSettings settings;

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

    /** The case opened, with its view serialised once: the audit entry, the stored response and the answer share it. */
    public record Opened(CaseView view, String json) {
    }

    /**
     * Opens the case. Its reads are four statements whatever the number of units: the customer and the SLA, the units,
     * their entitlement facts (terms and contracts), and the routing, the case number and a possible duplicate. A case
     * without units reads two: the customer and the SLA, and the routing with the case number.
     */
    public Opened open(@NotNull @Valid OpenCaseRequest request, Locale locale) {
        CaseSettings.Intake intake = settings.intake(request.customerId(), request.severity());
        // As CustomerRegistry.visible: a customer the caller may not see is not there.
        if (!caller.maySee(request.customerId()) || !intake.customerExists()) {
            throw ProblemException.notFound("customer", request.customerId());
        }
        LocalDate today = LocalDate.now(clock);
        List<Issue> issues = new ArrayList<>();
        boolean service = request.type() == CaseType.SERVICE;
        // A service request has a purpose and no failure date; every other case a failure date and no purpose.
        if (service && request.purpose() == null) {
            issues.add(Issue.of("purpose", "cases.purpose_required"));
        } else if (!service && request.purpose() != null) {
            issues.add(Issue.of("purpose", "cases.purpose_only_for_service"));
        }
        if (service && request.failureDate() != null) {
            issues.add(Issue.of("failureDate", "cases.no_failure_for_service"));
        } else if (!service && request.failureDate() == null) {
            issues.add(Issue.of("failureDate", "validation.required"));
        } else if (!service && request.failureDate().isAfter(today)) {
            issues.add(Issue.of("failureDate", "cases.failure_in_future"));
        }
        if (request.units().isEmpty() && !request.type().mayHaveNoUnit()) {
            issues.add(Issue.of("units", "cases.units_required", Messages.coded("case_type", request.type())));
        }
        // The units' entitlements are frozen on the failure date, a service request's on the day it is opened.
        LocalDate asOf = service || request.failureDate() == null ? today : request.failureDate();
        Map<String, Integer> indexBySerial = new LinkedHashMap<>();
        for (int i = 0; i < request.units().size(); i++) {
            String serial = SerialNo.of(request.units().get(i).serialNo()).value();
            if (indexBySerial.putIfAbsent(serial, i) != null) {
                issues.add(Issue.of("units[" + i + "].serialNo", "cases.unit_repeated", serial));
            }
        }
        Map<String, UnitRecord> found = new HashMap<>();
        if (!indexBySerial.isEmpty()) {
            units.bySerials(List.copyOf(indexBySerial.keySet())).forEach(u -> found.put(u.serialNo(), u));
        }
        List<UnitRecord> caseUnitsInOrder = new ArrayList<>();
        indexBySerial.forEach((serial, i) -> {
            UnitRecord unit = found.get(serial);
            // Unknown and foreign serials get the same answer: a customer account learns nothing about other customers.
            if (unit == null || !unit.customerId().equals(request.customerId())) {
                issues.add(Issue.of("units[" + i + "].serialNo", "cases.unit_not_of_customer", serial));
            } else if (!service && (unit.deliveryDate() == null || asOf.isBefore(unit.deliveryDate()))) {
                // A service request may come before delivery (commissioning, delivery service); a failure may not.
                issues.add(Issue.of("failureDate", "cases.failure_before_delivery", serial,
                        unit.deliveryDate() == null ? "-" : unit.deliveryDate()));
            } else if (unit.replacedOn() != null && asOf.isAfter(unit.replacedOn())) {
                // A replaced unit left the field: a later failure (or service) is its replacement's.
                issues.add(Issue.of("units[" + i + "].serialNo", "cases.unit_replaced", serial, unit.replacedOn(),
                        unit.replacedBy()));
            } else {
                caseUnitsInOrder.add(unit);
            }
        });
        UnitRecord primary = caseUnitsInOrder.isEmpty() ? null : caseUnitsInOrder.get(0);
        if (primary != null && request.productLine() != null && request.productLine() != primary.productLine()) {
            issues.add(Issue.of("productLine", "cases.product_line_of_units", primary.serialNo(),
                    Messages.coded("product_line", primary.productLine())));
        }
        if (!issues.isEmpty()) {
            throw new ProblemException(422, "validation_failed", issues);
        }

        Map<String, Entitlements.Facts> facts = caseUnitsInOrder.isEmpty() ? Map.of()
                : entitlements.facts(caseUnitsInOrder.stream().map(UnitRecord::serialNo).toList());
        OffsetDateTime now = OffsetDateTime.now(clock);

        ServiceCase c = new ServiceCase();
        c.id = UUID.randomUUID();
        c.type = request.type();
        c.servicePurpose = request.purpose();
        c.status = CaseStatus.NEW;
        c.severity = request.severity();
        c.customerId = request.customerId();
        c.title = request.title().strip();
        c.description = request.description().strip();
        c.failureDate = request.failureDate();
        c.reporterName = request.reporter().name().strip();
        c.reporterPhone = Text.blankToNull(request.reporter().phone());
        c.reporterEmail = Text.blankToNull(request.reporter().email());
        c.channel = request.channel();
        c.firstResponseDue = now.plus(Duration.ofHours(intake.firstResponseHours()));
        c.resolutionDue = now.plus(Duration.ofHours(intake.resolutionHours()));
        c.createdBy = caller.subject();
        String duplicateCaseNo = null;
        if (primary != null) {
            c.productLine = primary.productLine();
            duplicateCaseNo = routeNumberAndDuplicate(c, today, primary, caseUnitsInOrder);
        } else {
            routeAndNumberWithoutUnits(c, today, request.productLine());
        }
        cases.persist(c);

        List<CaseUnit> frozen = new ArrayList<>();
        for (UnitRecord unit : caseUnitsInOrder) {
            OpenCaseRequest.UnitReport report = request.units().get(indexBySerial.get(unit.serialNo()));
            EntitlementPolicy.Decision d = entitlements.decide(facts.get(unit.serialNo()), asOf,
                    report.mileageKm(), report.operatingHours());
            CaseUnit cu = CaseUnit.frozen(c.id, unit, d, report.mileageKm(), report.operatingHours());
            caseUnits.persist(cu);
            frozen.add(cu);
        }
        timeline.record(c.id, CaseEvent.Kind.OPENED, null, CaseStatus.NEW, null, CaseEvent.Visibility.CUSTOMER);
        outbox.add("CASE_ROUTED", Outbox.Recipient.role(c.ownerRole), Outbox.payload("caseId", c.id, "caseNo", c.caseNo,
                "title", c.title, "severity", c.severity, "ownerRole", c.ownerRole, "ownerPerson", null,
                "firstResponseDue", outbox.localTime(c.firstResponseDue)), "case-routed:" + c.id + ":0");
        handOffOpened(c, primary != null && primary.projectCode() != null);
        em.flush();
        // The units just written and the duplicate's number already read: the view needs no statement of its own.
        CaseView view = views.opened(c, frozen, duplicateCaseNo, locale);
        String json = audit.recordSerialised(CaseViews.AUDIT_TYPE, c.id, "CREATE", null, view);
        return new Opened(view, json);
    }

    /**
     * One statement: the owner role from the routing table, the next case number, and an open case (or one closed
     * within the window) on the same units with a similar description. Returns the duplicate's case number, if flagged.
     */
    /**
     * A new complaint, claim or return is handed to quality and product management besides its owner (§7.1.2): the
     * quality engineers and the product managers, or the project managers for a unit still in its project stage. The
     * owner's role is left out (it has the case already, CASE_ROUTED).
     */
    private void handOffOpened(ServiceCase c, boolean inProject) {
        if (c.type != CaseType.COMPLAINT && c.type != CaseType.CLAIM && c.type != CaseType.RETURN_EXCHANGE) {
            return;
        }
        Map<String, Object> payload = Outbox.payload("caseId", c.id, "caseNo", c.caseNo, "caseType", c.type,
                "title", c.title, "severity", c.severity, "productLine", c.productLine, "ownerRole", c.ownerRole);
        for (String role : List.of(Roles.QUALITY_ENGINEER, inProject ? Roles.PROJECT_MANAGER : Roles.PRODUCT_MANAGER)) {
            if (!role.equals(c.ownerRole)) {
                outbox.add("CASE_OPENED", Outbox.Recipient.role(role), payload, "case-opened:" + c.id + ":" + role);
            }
        }
    }

    /** 客诉单 KS-2026-000123; a service request 服务单 FW-2026-000124 (one sequence for both). */
    private static String caseNo(CaseType type, LocalDate today, long next) {
        return "%s-%d-%06d".formatted(type == CaseType.SERVICE ? "FW" : "KS", today.getYear(), next);
    }

    /**
     * A case without units: its product line is the one given, else the customer's most common one (ties by name),
     * and it is routed as a unit of that line outside a project would be; with no line at all it goes to the default
     * owner role (aftersales.cases.default-owner-role). One statement with the case number; no duplicate check (a
     * duplicate is a case on the same unit).
     */
    /**
     * SQL for the product line of a case without units: the one given (bind parameter {@code given}), else the customer's
     * ({@code customer}) most common one, ties by name; null when the customer has no unit. Intake and ledger import alike.
     */
    static String lineOf(String given, String customer) {
        return "coalesce(cast(" + given + " as text), (select u.product_line from unit_record u where u.customer_id = "
                + customer + " group by 1 order by count(*) desc, 1 limit 1))";
    }

    private void routeAndNumberWithoutUnits(ServiceCase c, LocalDate today, ProductLine given) {
        Object[] row = (Object[]) em.createNativeQuery("with line as (select " + lineOf("?1", "?2") + """
                         as pl)
                        select l.pl, (select r.owner_role from case_routing r where r.product_line = l.pl and not r.in_project),
                               nextval('case_no_seq')
                        from line l""")
                .setParameter(1, given == null ? null : given.name())
                .setParameter(2, c.customerId)
                .getSingleResult();
        c.productLine = row[0] == null ? null : ProductLine.valueOf((String) row[0]);
        c.ownerRole = row[1] == null ? config.cases().defaultOwnerRole() : (String) row[1];
        c.managerRole = c.ownerRole;
        c.caseNo = caseNo(c.type, today, ((Number) row[2]).longValue());
    }

    private String routeNumberAndDuplicate(ServiceCase c, LocalDate today, UnitRecord primary, List<UnitRecord> caseUnitsInOrder) {
        List<UUID> unitIds = caseUnitsInOrder.stream().map(UnitRecord::id).toList();
        // One unit by "= ?2", several by "any(?2)": an array parameter is estimated at ten rows, so PostgreSQL would plan
        // the one-unit case again at every execution (docs/performance.md, "Where the per-request cost went").
        boolean one = unitIds.size() == 1;
        Object[] row = (Object[]) em.createNativeQuery("""
                        with q as (select aftersales_bigrams(?1) as grams),
                        candidate as (
                            select c.id, c.case_no, cu.serial_no,
                                   cardinality(array(select unnest(c.search_grams) intersect select unnest(q.grams)))::float8
                                   / greatest(cardinality(array(select unnest(c.search_grams) union select unnest(q.grams))), 1)
                                   as similarity
                            from service_case c
                            join case_unit cu on cu.case_id = c.id
                            cross join q
                            where cu.unit_id %s
                              and (c.status not in ('CLOSED', 'REJECTED') or coalesce(c.closed_at, c.updated_at) > ?3)
                            order by similarity desc, c.created_at desc
                            limit 1)
                        select (select r.owner_role from case_routing r where r.product_line = ?4 and r.in_project = ?5),
                               nextval('case_no_seq'), d.id, d.case_no, d.serial_no, d.similarity
                        from (select 1) one
                        left join candidate d on true""".formatted(one ? "= ?2" : "= any(?2)"))
                .setParameter(1, c.title + " " + c.description)
                .setParameter(2, one ? unitIds.get(0) : unitIds.toArray(new UUID[0]))
                // Period arithmetic on the date: P3M is three calendar months back, P1Y a year (getDays() would read 0 for both)
                .setParameter(3, OffsetDateTime.now(clock).minus(config.cases().duplicateWindow()))
                .setParameter(4, primary.productLine().name())
                .setParameter(5, primary.projectCode() != null)
                .getSingleResult();
        if (row[0] == null) {
            throw new IllegalStateException("No routing row for " + primary.productLine() + "/" + (primary.projectCode() != null));
        }
        c.ownerRole = (String) row[0];
        c.managerRole = c.ownerRole;
        c.caseNo = caseNo(c.type, today, ((Number) row[1]).longValue());
        if (row[2] != null) {
            double similarity = ((Number) row[5]).doubleValue();
            if (similarity >= config.cases().duplicateSimilarity()) {
                c.duplicateOf = (UUID) row[2];
                c.duplicateSerial = (String) row[4];
                c.duplicateSimilarity = (int) Math.round(similarity * 100);
                return (String) row[3];
            }
        }
        return null;
    }
}
