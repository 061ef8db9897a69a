package com.aftersales.returns;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import com.aftersales.shared.error.ProblemException;
import com.aftersales.shared.error.ProblemException.Issue;
import com.aftersales.shared.persistence.Versioned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A return (RMA) authorised on a case: received, tested, judged, disposed, closed. The aggregate root: every step
 * checks its rule here and changes the order and its {@link ReturnUnit}s (which the caller loads, ordered by serial);
 * "who" and "when" come from the caller.
 */
@Entity
@Table(name = "return_order")
public class ReturnOrder extends Versioned {

    @Schema(name = "ReturnStatus")
    public enum Status { AUTHORISED, RECEIVED, TESTING, JUDGED, DISPOSED, CLOSED }

    @Id
    UUID id;

    @Column(name = "return_no", nullable = false, updatable = false)
    String returnNo;

    @Column(name = "case_id", nullable = false, updatable = false)
    UUID caseId;

    @Column(nullable = false)
    String reason;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Status status;

    @Column(name = "authorised_by", nullable = false, updatable = false)
    String authorisedBy;

    @Column(name = "received_at")
    private OffsetDateTime receivedAt;

    @Column(name = "received_by")
    private String receivedBy;

    @Column(name = "closed_at")
    private OffsetDateTime closedAt;

    protected ReturnOrder() {
    }

    /** A new return of the given units of a case. */
    static ReturnOrder authorise(String returnNo, UUID caseId, String reason, String by) {
        ReturnOrder r = new ReturnOrder();
        r.id = UUID.randomUUID();
        r.returnNo = returnNo;
        r.caseId = caseId;
        r.reason = reason.strip();
        r.status = Status.AUTHORISED;
        r.authorisedBy = by;
        return r;
    }

    ReturnUnit unit(UUID unitId, String serialNo) {
        return new ReturnUnit(id, unitId, serialNo);
    }

    /** The warehouse has the goods. */
    void receive(String by, OffsetDateTime at) {
        require(Status.AUTHORISED);
        status = Status.RECEIVED;
        receivedAt = at;
        receivedBy = by;
    }

    /**
     * A test of one unit; the first one starts TESTING. A re-test comes after disposal, only of a unit disposed for
     * repair, and says whether it passed.
     */
    TestRecord test(List<ReturnUnit> units, String serialNo, TestRecord.Report report, String by, OffsetDateTime at) {
        ReturnUnit u = find(units, serialNo);
        if (report.retest()) {
            if (status != Status.DISPOSED || u.disposition() != ReturnUnit.Disposition.REPAIR) {
                throw new ProblemException(409, "return_retest_not_expected", status);
            }
            if (report.passed() == null) {
                throw ProblemException.invalid("passed", "validation.required");
            }
            u.retested(report.passed());
        } else if (status != Status.RECEIVED && status != Status.TESTING) {
            throw new ProblemException(409, "return_wrong_status", status, "RECEIVED, TESTING").with("currentStatus", status);
        } else {
            status = Status.TESTING;
        }
        return new TestRecord(id, u.serialNo(), report, by, at);
    }

    /**
     * A verdict for every unit, each tested first (first tests, not re-tests); a confirmed defect names its cause, an
     * NTF none (and no test of the unit reproduced the fault), a purchased-part cause the supplier and its share.
     * {@code findings} are in request order: the issues name them by index.
     */
    void judge(List<ReturnUnit> units, List<ReturnUnit.Finding> findings, Collection<String> tested, String by,
               OffsetDateTime at) {
        judge(units, findings, tested, Map.of(), by, at);
    }

    /** A test of a unit that reproduced the fault: it rules out an NTF verdict on that unit. */
    record Reproduction(UUID testId, String testName, LocalDate testedOn) {
    }

    /**
     * As {@link #judge(List, List, Collection, String, OffsetDateTime)}, where {@code reproduced} gives, per serial,
     * the first test of the unit that reproduced the fault: such a unit is not NTF (the issue names the test).
     */
    void judge(List<ReturnUnit> units, List<ReturnUnit.Finding> findings, Collection<String> tested,
               Map<String, Reproduction> reproduced, String by, OffsetDateTime at) {
        require(Status.TESTING);
        List<Issue> issues = new ArrayList<>();
        Map<String, UUID> reproducingTests = new TreeMap<>();
        Map<String, ReturnUnit.Finding> bySerial = new HashMap<>();
        for (int i = 0; i < findings.size(); i++) {
            ReturnUnit.Finding f = findings.get(i);
            bySerial.put(f.serialNo(), f);
            String field = "units[" + i + "]";
            if (f.verdict() == ReturnUnit.Verdict.DEFECT_CONFIRMED && f.cause() == null) {
                issues.add(Issue.of(field + ".causeCategory", "returns.cause_required"));
            }
            if (f.verdict() == ReturnUnit.Verdict.NTF && f.cause() != null) {
                issues.add(Issue.of(field + ".causeCategory", "returns.ntf_has_no_cause"));
            }
            Reproduction reproduction = reproduced.get(f.serialNo());
            if (f.verdict() == ReturnUnit.Verdict.NTF && reproduction != null) {
                issues.add(Issue.of(field + ".verdict", "returns.ntf_but_reproduced", f.serialNo(), reproduction.testName(),
                        reproduction.testedOn()));
                reproducingTests.put(f.serialNo(), reproduction.testId());
            }
            if (f.cause() == ReturnUnit.Cause.PURCHASED_PART && (f.supplierId() == null || f.supplierShare() == null)) {
                issues.add(Issue.of(field + ".supplierCode", "returns.supplier_required"));
            }
            if (!tested.contains(f.serialNo())) {
                issues.add(Issue.of(field + ".serialNo", "returns.not_tested", f.serialNo()));
            }
        }
        for (ReturnUnit u : units) {
            if (!bySerial.containsKey(u.serialNo())) {
                issues.add(Issue.of("units", "returns.verdict_missing", u.serialNo()));
            }
        }
        if (!issues.isEmpty()) {
            ProblemException refused = new ProblemException(422, "validation_failed", issues);
            if (!reproducingTests.isEmpty()) {
                // The tests that rule out NTF, by serial: the texts name them, this gives their ids.
                refused.with("reproducingTests", reproducingTests);
            }
            throw refused;
        }
        units.forEach(u -> u.judge(bySerial.get(u.serialNo()), by, at));
        status = Status.JUDGED;
    }

    /** What disposing needs from the unit records, which live outside the return. */
    interface UnitRecords {
        /** Where the unit is repaired (see {@link ReturnUnit.RepairGroup#of}). */
        ReturnUnit.RepairGroup repairGroup(UUID unitId);

        /** Registers the replacement as a unit of its own; the serial it was registered with. */
        String registerReplacement(UUID unitId, String replacementSerial);
    }

    /** A disposition for every unit: a repair is routed, a replacement names and registers the new unit. */
    void dispose(List<ReturnUnit> units, Map<String, ReturnUnit.Plan> plans, UnitRecords records) {
        require(Status.JUDGED);
        List<Issue> issues = new ArrayList<>();
        for (ReturnUnit u : units) {
            ReturnUnit.Plan p = plans.get(u.serialNo());
            if (p == null) {
                issues.add(Issue.of("units", "returns.disposition_missing", u.serialNo()));
            } else if (p.disposition() == ReturnUnit.Disposition.REPLACE
                    && (p.replacementSerial() == null || p.replacementSerial().isBlank())) {
                issues.add(Issue.of("units.replacementSerial", "returns.replacement_required", u.serialNo()));
            }
        }
        if (!issues.isEmpty()) {
            throw new ProblemException(422, "validation_failed", issues);
        }
        for (ReturnUnit u : units) {
            ReturnUnit.Plan p = plans.get(u.serialNo());
            u.dispose(p.disposition());
            if (p.disposition() == ReturnUnit.Disposition.REPAIR) {
                u.routeRepair(records.repairGroup(u.unitId()));
            }
            if (p.disposition() == ReturnUnit.Disposition.REPLACE) {
                u.replacedBy(records.registerReplacement(u.unitId(), p.replacementSerial()));
            }
        }
        // Last: registering a replacement may flush, and the order's version must move once.
        status = Status.DISPOSED;
    }

    /** A repaired unit goes back into stock after a passed re-test, once. */
    ReturnUnit restock(List<ReturnUnit> units, String serialNo, String location, OffsetDateTime at) {
        require(Status.DISPOSED);
        ReturnUnit u = find(units, serialNo);
        if (u.disposition() != ReturnUnit.Disposition.REPAIR || !Boolean.TRUE.equals(u.retestPassed())) {
            throw new ProblemException(409, "return_restock_needs_retest", u.serialNo());
        }
        if (u.restockedAt() != null) {
            throw new ProblemException(409, "return_already_restocked", u.serialNo());
        }
        u.restocked(at, location);
        return u;
    }

    /** Closing needs every unit disposed for repair re-tested and restocked. */
    void close(List<ReturnUnit> units, OffsetDateTime at) {
        require(Status.DISPOSED);
        List<Issue> issues = new ArrayList<>();
        for (ReturnUnit u : units) {
            if (u.awaitsRestock()) {
                issues.add(Issue.of("units", "returns.repair_not_restocked", u.serialNo()));
            }
        }
        if (!issues.isEmpty()) {
            throw new ProblemException(409, "return_cannot_close", issues);
        }
        status = Status.CLOSED;
        closedAt = at;
    }

    private void require(Status required) {
        if (status != required) {
            throw new ProblemException(409, "return_wrong_status", status, required).with("currentStatus", status);
        }
    }

    private static ReturnUnit find(List<ReturnUnit> units, String serialNo) {
        return units.stream().filter(u -> u.serialNo().equals(serialNo)).findFirst()
                .orElseThrow(() -> ProblemException.invalid("serialNo", "returns.serial_not_in_return", serialNo));
    }

    public Status status() {
        return status;
    }

    public OffsetDateTime receivedAt() {
        return receivedAt;
    }

    public String receivedBy() {
        return receivedBy;
    }

    public OffsetDateTime closedAt() {
        return closedAt;
    }
}
