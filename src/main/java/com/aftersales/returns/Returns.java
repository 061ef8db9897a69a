package com.aftersales.returns;

import com.aftersales.AftersalesConfig;
import com.aftersales.cases.CaseBook;
import com.aftersales.cases.CaseEvent;
import com.aftersales.cases.CaseTimeline;
import com.aftersales.cases.ServiceCase;
import com.aftersales.shared.audit.AuditTrail;
import com.aftersales.notify.Outbox;
import com.aftersales.shared.error.ProblemException;
import com.aftersales.shared.error.ProblemException.Issue;
import com.aftersales.shared.paging.Page;
import com.aftersales.shared.paging.PageRequest;
import com.aftersales.shared.security.Caller;
import com.aftersales.shared.web.Text;
import com.aftersales.shared.web.Versions;
import com.aftersales.unit.ProductLine;
import com.aftersales.unit.SerialNo;
import com.aftersales.unit.Unit;
import com.aftersales.unit.UnitRegistry;
import com.aftersales.unit.UnitRequest;
import com.fasterxml.jackson.annotation.JsonFormat;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Returned goods: authorised on a case, received by the warehouse (the case owner sees it on the case timeline),
 * tested, judged (defect with its cause, or NTF), disposed (repair routed like cases, replace with a new unit,
 * scrap, return), repaired units re-tested and restocked, closed.
 */
@ApplicationScoped
@Transactional
public class Returns implements PanacheRepositoryBase<ReturnOrder, UUID> {

    public record AuthoriseRequest(@NotNull UUID caseId, @NotNull @Size(min = 1, max = 50) List<@NotBlank String> serialNos,
                                   @NotBlank @Size(max = 4000) String reason) {
    }

    public record TestRequest(@NotBlank @Size(max = 60) String serialNo, @NotBlank @Size(max = 200) String testName,
                              @Size(max = 2000) String conditions, @Size(max = 4000) String measured,
                              @NotNull Boolean reproduced, boolean retest, Boolean passed) {
    }

    public record Judgement(@NotBlank @Size(max = 60) String serialNo, @NotNull ReturnUnit.Verdict verdict, ReturnUnit.Cause causeCategory,
                            @Size(max = 200) String supplier,
                            @DecimalMin("0.0") @DecimalMax("1.0") BigDecimal supplierShare) {
    }

    public record JudgeRequest(@NotNull @Size(min = 1, max = 50) List<@Valid @NotNull Judgement> units) {
    }

    public record Disposal(@NotBlank @Size(max = 60) String serialNo, @NotNull ReturnUnit.Disposition disposition,
                           @Size(max = 60) String replacementSerial) {
    }

    public record DisposeRequest(@NotNull @Size(min = 1, max = 50) List<@Valid @NotNull Disposal> units) {
    }

    public record RestockRequest(@NotBlank @Size(max = 60) String serialNo) {
    }

    @RegisterForReflection
    public record TestView(UUID id, String serialNo, String testName, String conditions, String measured, boolean reproduced,
                           boolean retest, Boolean passed, String testedBy, OffsetDateTime testedAt) {
    }

    @RegisterForReflection
    public record UnitView(String serialNo, ReturnUnit.Verdict verdict, ReturnUnit.Cause causeCategory, String supplier,
                           BigDecimal supplierShare, String judgedBy, ReturnUnit.Disposition disposition,
                           ReturnUnit.RepairGroup repairGroup, String replacementSerial, Boolean retestPassed,
                           OffsetDateTime restockedAt) {
    }

    /** What the verdicts mean for the case's verified costs. */
    @RegisterForReflection
    public record CostShares(@JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal verifiedCaseCostsCny,
                             @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal supplierRecoveryCny,
                             @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal ntfCustomerShareCny) {
    }

    @RegisterForReflection
    public record ReturnView(UUID id, String returnNo, UUID caseId, String reason, ReturnOrder.Status status,
                             String authorisedBy, OffsetDateTime receivedAt, String receivedBy, List<UnitView> units,
                             List<TestView> tests, CostShares costs, OffsetDateTime closedAt, long version,
                             OffsetDateTime createdAt, OffsetDateTime updatedAt) {
    }

    static final String AUDIT_TYPE = "return";

    @Inject
    EntityManager em;

    @Inject
    CaseBook cases;

    @Inject
    CaseTimeline timeline;

    @Inject
    UnitRegistry units;

    @Inject
    Caller caller;

    @Inject
    AuditTrail audit;

    @Inject
    Outbox outbox;

    @Inject
    AftersalesConfig config;

    @Inject
    Clock clock;

    public ReturnView authorise(@NotNull @Valid AuthoriseRequest request) {
        ServiceCase c = cases.visible(request.caseId(), LockModeType.NONE);
        List<String> serials = new ArrayList<>(new LinkedHashSet<>(request.serialNos().stream().map(s -> SerialNo.of(s).value()).toList()));
        @SuppressWarnings("unchecked")
        List<Object[]> found = em.createNativeQuery("select serial_no, unit_id from case_unit where case_id = ?1 and serial_no = any(?2)")
                .setParameter(1, c.id).setParameter(2, serials.toArray(new String[0])).getResultList();
        Map<String, UUID> unitIds = new HashMap<>();
        found.forEach(r -> unitIds.put((String) r[0], (UUID) r[1]));
        List<Issue> issues = new ArrayList<>();
        for (int i = 0; i < serials.size(); i++) {
            if (!unitIds.containsKey(serials.get(i))) {
                issues.add(Issue.of("serialNos[" + i + "]", "cases.serial_not_in_case", serials.get(i)));
            }
        }
        if (!issues.isEmpty()) {
            throw new ProblemException(422, "validation_failed", issues);
        }
        ReturnOrder r = new ReturnOrder();
        r.id = UUID.randomUUID();
        r.returnNo = "TH-%d-%05d".formatted(LocalDate.now(clock).getYear(),
                ((Number) em.createNativeQuery("select nextval('return_no_seq')").getSingleResult()).longValue());
        r.caseId = c.id;
        r.reason = request.reason().strip();
        r.status = ReturnOrder.Status.AUTHORISED;
        r.authorisedBy = caller.subject();
        persist(r);
        for (String serial : serials) {
            ReturnUnit u = new ReturnUnit();
            u.returnId = r.id;
            u.unitId = unitIds.get(serial);
            u.serialNo = serial;
            em.persist(u);
        }
        em.flush();
        ReturnView view = view(r);
        audit.record(AUDIT_TYPE, r.id, "AUTHORISE", null, view);
        return view;
    }

    /** The warehouse receives the goods; the case owner is told on the case's timeline. */
    public ReturnView receive(@NotNull UUID id, long expectedVersion) {
        ReturnOrder r = step(id, expectedVersion, ReturnOrder.Status.AUTHORISED);
        ReturnView before = view(r);
        r.status = ReturnOrder.Status.RECEIVED;
        r.receivedAt = OffsetDateTime.now(clock);
        r.receivedBy = caller.subject();
        timeline.record(r.caseId, CaseEvent.Kind.NOTE, null, null, "退货 " + r.returnNo + " 已由仓库接收 / return received",
                CaseEvent.Visibility.INTERNAL);
        ReturnView after = audited(r, "RECEIVE", before);
        ServiceCase c = cases.visible(r.caseId, LockModeType.NONE);
        outbox.add("RETURN_RECEIVED", Outbox.Recipient.owner(c.ownerRole, c.ownerPerson),
                Outbox.payload("returnId", r.id, "returnNo", r.returnNo, "caseId", c.id, "caseNo", c.caseNo),
                "return-received:" + r.id);
        return after;
    }

    /** A test record; the first one starts TESTING. Re-tests of repaired units come after disposal. */
    public ReturnView test(@NotNull UUID id, long expectedVersion, @NotNull @Valid TestRequest request) {
        ReturnOrder r = locked(id, expectedVersion);
        ReturnUnit u = unit(r, SerialNo.of(request.serialNo()));
        if (request.retest()) {
            if (r.status != ReturnOrder.Status.DISPOSED || u.disposition != ReturnUnit.Disposition.REPAIR) {
                throw new ProblemException(409, "return_retest_not_expected", r.status);
            }
            if (request.passed() == null) {
                throw ProblemException.invalid("passed", "validation.required");
            }
        } else if (r.status != ReturnOrder.Status.RECEIVED && r.status != ReturnOrder.Status.TESTING) {
            throw new ProblemException(409, "return_wrong_status", r.status, "RECEIVED, TESTING").with("status", r.status);
        }
        ReturnView before = view(r);
        em.createNativeQuery("insert into return_test (id, return_id, serial_no, test_name, conditions, measured, reproduced, "
                        + "retest, passed, tested_by, tested_at) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)")
                .setParameter(1, UUID.randomUUID()).setParameter(2, r.id).setParameter(3, u.serialNo)
                .setParameter(4, request.testName().strip()).setParameter(5, Text.blankToNull(request.conditions()))
                .setParameter(6, Text.blankToNull(request.measured())).setParameter(7, request.reproduced())
                .setParameter(8, request.retest()).setParameter(9, request.passed()).setParameter(10, caller.subject())
                .setParameter(11, OffsetDateTime.now(clock)).executeUpdate();
        if (request.retest()) {
            u.retestPassed = request.passed();
        } else {
            r.status = ReturnOrder.Status.TESTING;
        }
        return audited(r, request.retest() ? "RETEST" : "TEST", before);
    }

    /** A verdict for every unit, each tested first; a purchased-part cause names the supplier and its share. */
    public ReturnView judge(@NotNull UUID id, long expectedVersion, @NotNull @Valid JudgeRequest request) {
        ReturnOrder r = step(id, expectedVersion, ReturnOrder.Status.TESTING);
        List<ReturnUnit> all = units(r.id);
        @SuppressWarnings("unchecked")
        List<String> tested = em.createNativeQuery("select distinct serial_no from return_test where return_id = ?1 and not retest")
                .setParameter(1, r.id).getResultList();
        List<Issue> issues = new ArrayList<>();
        Map<String, Judgement> bySerial = new HashMap<>();
        for (int i = 0; i < request.units().size(); i++) {
            Judgement j = request.units().get(i);
            String serial = SerialNo.of(j.serialNo()).value();
            bySerial.put(serial, j);
            String field = "units[" + i + "]";
            if (j.verdict() == ReturnUnit.Verdict.DEFECT_CONFIRMED && j.causeCategory() == null) {
                issues.add(Issue.of(field + ".causeCategory", "returns.cause_required"));
            }
            if (j.verdict() == ReturnUnit.Verdict.NTF && j.causeCategory() != null) {
                issues.add(Issue.of(field + ".causeCategory", "returns.ntf_has_no_cause"));
            }
            if (j.causeCategory() == ReturnUnit.Cause.PURCHASED_PART && (j.supplier() == null || j.supplier().isBlank()
                    || j.supplierShare() == null)) {
                issues.add(Issue.of(field + ".supplier", "returns.supplier_required"));
            }
            if (!tested.contains(serial)) {
                issues.add(Issue.of(field + ".serialNo", "returns.not_tested", serial));
            }
        }
        for (ReturnUnit u : all) {
            if (!bySerial.containsKey(u.serialNo)) {
                issues.add(Issue.of("units", "returns.verdict_missing", u.serialNo));
            }
        }
        if (!issues.isEmpty()) {
            throw new ProblemException(422, "validation_failed", issues);
        }
        ReturnView before = view(r);
        for (ReturnUnit u : all) {
            Judgement j = bySerial.get(u.serialNo);
            u.verdict = j.verdict();
            u.causeCategory = j.causeCategory();
            u.supplier = j.causeCategory() == ReturnUnit.Cause.PURCHASED_PART ? j.supplier().strip() : null;
            u.supplierShare = j.causeCategory() == ReturnUnit.Cause.PURCHASED_PART ? j.supplierShare() : null;
            u.judgedBy = caller.subject();
            u.judgedAt = OffsetDateTime.now(clock);
        }
        r.status = ReturnOrder.Status.JUDGED;
        return audited(r, "JUDGE", before);
    }

    public ReturnView dispose(@NotNull UUID id, long expectedVersion, @NotNull @Valid DisposeRequest request) {
        ReturnOrder r = step(id, expectedVersion, ReturnOrder.Status.JUDGED);
        List<ReturnUnit> all = units(r.id);
        Map<String, Disposal> bySerial = new HashMap<>();
        request.units().forEach(d -> bySerial.put(SerialNo.of(d.serialNo()).value(), d));
        List<Issue> issues = new ArrayList<>();
        for (ReturnUnit u : all) {
            Disposal d = bySerial.get(u.serialNo);
            if (d == null) {
                issues.add(Issue.of("units", "returns.disposition_missing", u.serialNo));
            } else if (d.disposition() == ReturnUnit.Disposition.REPLACE
                    && (d.replacementSerial() == null || d.replacementSerial().isBlank())) {
                issues.add(Issue.of("units.replacementSerial", "returns.replacement_required", u.serialNo));
            }
        }
        if (!issues.isEmpty()) {
            throw new ProblemException(422, "validation_failed", issues);
        }
        ReturnView before = view(r);
        for (ReturnUnit u : all) {
            Disposal d = bySerial.get(u.serialNo);
            u.disposition = d.disposition();
            Unit unit = units.findById(u.unitId);
            if (d.disposition() == ReturnUnit.Disposition.REPAIR) {
                u.repairGroup = unit.projectCode != null ? ReturnUnit.RepairGroup.TRIAL_WORKSHOP
                        : unit.productLine == ProductLine.COMMERCIAL_VEHICLE ? ReturnUnit.RepairGroup.REPAIR_GROUP
                        : ReturnUnit.RepairGroup.PRODUCTION;
            }
            if (d.disposition() == ReturnUnit.Disposition.REPLACE) {
                // The replacement is a unit of its own: its own record, history and warranty (delivered today).
                var replacement = units.register(new UnitRequest(d.replacementSerial(), unit.productModel, unit.productLine,
                        unit.projectCode, null, null, unit.customerId, unit.endCustomer, null, LocalDate.now(clock), null));
                u.replacementSerial = replacement.serialNo();
            }
        }
        r.status = ReturnOrder.Status.DISPOSED;
        return audited(r, "DISPOSE", before);
    }

    /** A repaired unit goes back into stock after a passed re-test. */
    public ReturnView restock(@NotNull UUID id, long expectedVersion, @NotNull @Valid RestockRequest request) {
        ReturnOrder r = step(id, expectedVersion, ReturnOrder.Status.DISPOSED);
        ReturnUnit u = unit(r, SerialNo.of(request.serialNo()));
        if (u.disposition != ReturnUnit.Disposition.REPAIR || !Boolean.TRUE.equals(u.retestPassed)) {
            throw new ProblemException(409, "return_restock_needs_retest", u.serialNo);
        }
        if (u.restockedAt != null) {
            throw new ProblemException(409, "return_already_restocked", u.serialNo);
        }
        ReturnView before = view(r);
        u.restockedAt = OffsetDateTime.now(clock);
        return audited(r, "RESTOCK", before);
    }

    public ReturnView close(@NotNull UUID id, long expectedVersion) {
        ReturnOrder r = step(id, expectedVersion, ReturnOrder.Status.DISPOSED);
        List<Issue> issues = new ArrayList<>();
        for (ReturnUnit u : units(r.id)) {
            if (u.disposition == ReturnUnit.Disposition.REPAIR && u.restockedAt == null) {
                issues.add(Issue.of("units", "returns.repair_not_restocked", u.serialNo));
            }
        }
        if (!issues.isEmpty()) {
            throw new ProblemException(409, "return_cannot_close", issues);
        }
        ReturnView before = view(r);
        r.status = ReturnOrder.Status.CLOSED;
        r.closedAt = OffsetDateTime.now(clock);
        return audited(r, "CLOSE", before);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public ReturnView get(UUID id) {
        return view(visible(id, LockModeType.NONE));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<ReturnView> list(UUID caseId, ReturnOrder.Status status, PageRequest page) {
        List<String> where = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        caller.customerScope().ifPresent(scope -> {
            params.add(scope);
            where.add("caseId in (select c.id from ServiceCase c where c.customerId = ?" + params.size() + ")");
        });
        if (caseId != null) {
            params.add(caseId);
            where.add("caseId = ?" + params.size());
        }
        if (status != null) {
            params.add(status);
            where.add("status = ?" + params.size());
        }
        if (page.after() != null) {
            params.add(page.after());
            where.add("returnNo > ?" + params.size());
        }
        List<ReturnOrder> rows = find((where.isEmpty() ? "" : String.join(" and ", where) + " ") + "order by returnNo",
                params.toArray()).page(0, page.fetchSize()).list();
        return page.page(rows, r -> r.returnNo, this::view);
    }

    ReturnOrder visible(UUID id, LockModeType lock) {
        ReturnOrder r = findByIdOptional(id, lock).orElseThrow(() -> ProblemException.notFound("return", id));
        try {
            cases.visible(r.caseId, LockModeType.NONE);
        } catch (ProblemException e) {
            throw ProblemException.notFound("return", id);
        }
        return r;
    }

    private ReturnOrder locked(UUID id, long expectedVersion) {
        ReturnOrder r = visible(id, LockModeType.PESSIMISTIC_WRITE);
        Versions.check(r.version, expectedVersion);
        return r;
    }

    private ReturnOrder step(UUID id, long expectedVersion, ReturnOrder.Status required) {
        ReturnOrder r = locked(id, expectedVersion);
        if (r.status != required) {
            throw new ProblemException(409, "return_wrong_status", r.status, required).with("status", r.status);
        }
        return r;
    }

    private ReturnUnit unit(ReturnOrder r, SerialNo serialNo) {
        String serial = serialNo.value();
        return units(r.id).stream().filter(u -> u.serialNo.equals(serial)).findFirst()
                .orElseThrow(() -> ProblemException.invalid("serialNo", "returns.serial_not_in_return", serial));
    }

    private List<ReturnUnit> units(UUID returnId) {
        return em.createQuery("from ReturnUnit where returnId = ?1 order by serialNo", ReturnUnit.class)
                .setParameter(1, returnId).getResultList();
    }

    ReturnView view(ReturnOrder r) {
        List<ReturnUnit> all = units(r.id);
        @SuppressWarnings("unchecked")
        List<Object[]> testRows = em.createNativeQuery("select id, serial_no, test_name, conditions, measured, reproduced, retest, "
                + "passed, tested_by, tested_at from return_test where return_id = ?1 order by tested_at, id")
                .setParameter(1, r.id).getResultList();
        List<TestView> tests = testRows.stream().map(t -> new TestView((UUID) t[0], (String) t[1], (String) t[2],
                (String) t[3], (String) t[4], (Boolean) t[5], (Boolean) t[6], (Boolean) t[7], (String) t[8],
                com.aftersales.shared.persistence.SqlValues.offsetDateTime(t[9]))).toList();
        BigDecimal verified = (BigDecimal) em.createNativeQuery("select coalesce(sum(amount_cny), 0) from case_cost "
                + "where case_id = ?1 and status = 'VERIFIED'").setParameter(1, r.caseId).getSingleResult();
        BigDecimal perUnit = all.isEmpty() ? BigDecimal.ZERO : verified.divide(BigDecimal.valueOf(all.size()), 10, RoundingMode.HALF_UP);
        BigDecimal supplier = all.stream().filter(u -> u.supplierShare != null)
                .map(u -> perUnit.multiply(u.supplierShare)).reduce(BigDecimal.ZERO, BigDecimal::add);
        long ntf = all.stream().filter(u -> u.verdict == ReturnUnit.Verdict.NTF).count();
        BigDecimal ntfShare = perUnit.multiply(BigDecimal.valueOf(ntf)).multiply(config.returns().ntfCustomerShare());
        CostShares costs = new CostShares(verified.setScale(2, RoundingMode.HALF_UP), supplier.setScale(2, RoundingMode.HALF_UP),
                ntfShare.setScale(2, RoundingMode.HALF_UP));
        List<UnitView> unitViews = all.stream().map(u -> new UnitView(u.serialNo, u.verdict, u.causeCategory, u.supplier,
                u.supplierShare, u.judgedBy, u.disposition, u.repairGroup, u.replacementSerial, u.retestPassed, u.restockedAt)).toList();
        return new ReturnView(r.id, r.returnNo, r.caseId, r.reason, r.status, r.authorisedBy, r.receivedAt, r.receivedBy,
                unitViews, tests, costs, r.closedAt, r.version, r.createdAt, r.updatedAt);
    }

    private ReturnView audited(ReturnOrder r, String action, ReturnView before) {
        r.updatedAt = OffsetDateTime.now(clock);
        em.flush();
        ReturnView after = view(r);
        audit.record(AUDIT_TYPE, r.id, action, before, after);
        return after;
    }
}
