package com.aftersales.returns;

import com.aftersales.cases.CaseReferences;
import com.aftersales.eightd.EightDReports;
import com.aftersales.eightd.ReportView;
import com.aftersales.shared.audit.AuditTrail;
import com.aftersales.shared.error.Messages;
import com.aftersales.shared.error.ProblemException;
import com.aftersales.shared.error.ProblemException.Issue;
import com.aftersales.shared.paging.Page;
import com.aftersales.shared.paging.PageRequest;
import com.aftersales.shared.security.Caller;
import com.aftersales.shared.web.Versions;
import com.aftersales.unit.SerialNo;
import com.fasterxml.jackson.annotation.JsonFormat;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Supplier recovery (责任追溯): one debit note per returned unit judged a purchased-part defect, raised against the
 * supplier its verdict names with the evidence (the unit's tests, the case's 8D report and attachments). The amount is
 * that unit's even part of the case's verified costs × the supplier's share (see {@link CostSharePolicy}), frozen when
 * raised: costs verified later do not change it, and a unit is never raised twice. The supplier accepts (at most the
 * raised amount) or disputes; a dispute ends accepted after negotiation or written off by a manager; what was accepted
 * is recovered by finance (at most the accepted amount) or written off. RECOVERED and WRITTEN_OFF are final.
 */
@ApplicationScoped
@Transactional
public class SupplierRecoveries {

    static final String AUDIT_TYPE = "supplier-recovery";

    @Schema(name = "SupplierRecoveryRaiseRequest")
    public record RaiseRequest(@NotNull UUID returnId, @NotBlank @Size(max = 60) String serialNo,
                               @NotNull @Size(min = 1, max = 20) List<@NotNull UUID> testRecords, UUID eightDReportId,
                               @Size(max = 20) List<@NotNull UUID> attachments) {
    }

    @Schema(name = "SupplierRecoveryAnswer")
    public enum Answer { ACCEPTED, DISPUTED }

    /** The supplier's answer: ACCEPTED with the amount it accepts (at most the raised one), or DISPUTED with its reason. */
    @Schema(name = "SupplierRecoveryAnswerRequest")
    public record AnswerRequest(@NotNull Answer answer,
                                @DecimalMin("0.01") @DecimalMax("999999999999.99") @Digits(integer = 12, fraction = 2)
                                @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal acceptedCny,
                                @Size(max = 2000) String reason) {
    }

    @Schema(name = "SupplierRecoveryWriteOffRequest")
    public record WriteOffRequest(@NotBlank @Size(max = 2000) String reason) {
    }

    @Schema(name = "SupplierRecoveryRecordRequest")
    public record RecoveryRequest(@NotNull SupplierRecovery.Kind kind, @NotBlank @Size(max = 100) String reference,
                                  @NotNull LocalDate recoveredOn,
                                  @NotNull @DecimalMin("0.01") @DecimalMax("999999999999.99") @Digits(integer = 12, fraction = 2)
                                  @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amountCny) {
    }

    @RegisterForReflection
    @Schema(name = "DebitNoteEvidence")
    public record Evidence(List<UUID> testRecords, UUID eightDReportId, List<UUID> attachments) {
    }

    @RegisterForReflection
    public record DebitNoteView(UUID id, String debitNoteNo, SupplierRecovery.Status status, UUID supplierId,
                               String supplierCode, String supplierName, UUID returnId, String returnNo, UUID caseId,
                               String caseNo, String serialNo, BigDecimal share,
                               @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal verifiedCaseCostsCny,
                               int unitsReturnedOnCase,
                               @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amountCny,
                               @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal acceptedCny, String disputeReason,
                               String answeredBy, OffsetDateTime answeredAt,
                               @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal recoveredCny, LocalDate recoveredOn,
                               SupplierRecovery.Kind recoveryKind, String recoveryReference, String recoveredBy,
                               String writeOffReason, String writtenOffBy, OffsetDateTime writtenOffAt, Evidence evidence,
                               String raisedBy, long version, OffsetDateTime createdAt, OffsetDateTime updatedAt) {
    }

    /** A confirmed purchased-part defect with verified costs and no debit note yet: what raising it would claim today. */
    @RegisterForReflection
    public record AttributableDefect(UUID returnId, String returnNo, UUID caseId, String serialNo, UUID supplierId,
                               String supplierCode, String supplierName, BigDecimal share, OffsetDateTime judgedAt,
                               @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal verifiedCaseCostsCny,
                               int unitsReturnedOnCase, @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amountCny) {
    }

    /** One line of a debit note's evidence as the workbook lists it. */
    record EvidenceLine(String kind, String reference, String detail) {
    }

    /** What the zh-CN debit-note workbook shows: the note, the unit's model (the part) and the evidence spelled out. */
    record DebitNoteSheet(DebitNoteView note, String productModel, List<EvidenceLine> evidence) {
    }

    @Inject
    SupplierRecoveryRepository recoveries;

    @Inject
    com.aftersales.unit.UnitRegistry units;

    @Inject
    ReturnOrderRepository orders;

    @Inject
    Suppliers suppliers;

    @Inject
    CaseReferences cases;

    @Inject
    EightDReports eightD;

    @Inject
    EntityManager em;

    @Inject
    Caller caller;

    @Inject
    AuditTrail audit;

    @Inject
    Clock clock;

    public DebitNoteView raise(@NotNull @Valid RaiseRequest request) {
        // The return is locked: two raises of one unit run one after the other (the second: 409).
        ReturnOrder r = orders.findByIdOptional(request.returnId(), LockModeType.PESSIMISTIC_WRITE)
                .orElseThrow(() -> ProblemException.invalid("returnId", "returns.recovery_return_unknown", request.returnId()));
        String serial = SerialNo.of(request.serialNo()).value();
        List<ReturnUnit> all = em.createQuery("from ReturnUnit where returnId = ?1", ReturnUnit.class)
                .setParameter(1, r.id).getResultList();
        ReturnUnit unit = all.stream().filter(u -> u.serialNo().equals(serial)).findFirst()
                .orElseThrow(() -> ProblemException.invalid("serialNo", "returns.recovery_unit_not_in_return", serial));
        if (unit.verdict() != ReturnUnit.Verdict.DEFECT_CONFIRMED || unit.causeCategory() != ReturnUnit.Cause.PURCHASED_PART
                || unit.supplierId() == null || unit.supplierShare() == null || unit.supplierShare().signum() <= 0) {
            throw ProblemException.invalid("serialNo", "returns.recovery_not_purchased_part", serial);
        }
        // Once per unit and case, whichever of the case's returns it came back on (a unique index holds it under races).
        SupplierRecovery raised = recoveries.find("caseId = ?1 and unitId = ?2", r.caseId, unit.unitId()).firstResult();
        if (raised != null) {
            throw new ProblemException(409, "supplier_recovery_exists", raised.debitNoteNo);
        }
        // The company's verified costs of the case, split over every unit returned on the case (all its returns).
        BigDecimal verified = cases.companyBorneCostsCny(List.of(r.caseId)).getOrDefault(r.caseId, BigDecimal.ZERO).setScale(2);
        int returned = unitsReturned(List.of(r.caseId)).getOrDefault(r.caseId, all.size());
        BigDecimal amount = CostSharePolicy.supplierPart(verified, returned, unit.supplierShare());
        if (amount.signum() <= 0) {
            throw ProblemException.invalid("returnId", "returns.recovery_no_verified_costs", r.returnNo);
        }
        List<UUID> tests = List.copyOf(new LinkedHashSet<>(request.testRecords()));
        List<UUID> attachments = request.attachments() == null ? List.of() : List.copyOf(new LinkedHashSet<>(request.attachments()));
        evidence(r, serial, tests, request.eightDReportId(), attachments);

        SupplierRecovery n = new SupplierRecovery();
        n.id = UUID.randomUUID();
        n.debitNoteNo = "DN-%d-%05d".formatted(LocalDate.now(clock).getYear(),
                ((Number) em.createNativeQuery("select nextval('debit_note_no_seq')").getSingleResult()).longValue());
        n.supplierId = unit.supplierId();
        n.returnId = r.id;
        n.unitId = unit.unitId();
        n.serialNo = serial;
        n.caseId = r.caseId;
        n.status = SupplierRecovery.Status.RAISED;
        n.share = unit.supplierShare();
        n.verifiedCostsCny = verified;
        n.unitsInReturn = returned;
        n.amountCny = amount;
        n.testRecords = new ArrayList<>(tests);
        n.eightDReportId = request.eightDReportId();
        n.attachments = new ArrayList<>(attachments);
        n.raisedBy = caller.subject();
        recoveries.persistAndFlush(n);
        DebitNoteView view = view(n);
        audit.record(AUDIT_TYPE, n.id, "RAISE", null, view);
        return view;
    }

    /** Evidence must belong to the unit (tests) or its case (8D report, attachments): 422 naming the entry otherwise. */
    private void evidence(ReturnOrder r, String serial, List<UUID> tests, UUID eightDReportId, List<UUID> attachments) {
        List<Issue> issues = new ArrayList<>();
        Set<UUID> ofUnit = Set.copyOf(em.createQuery("select t.id from TestRecord t where t.returnId = ?1 and t.serialNo = ?2",
                UUID.class).setParameter(1, r.id).setParameter(2, serial).getResultList());
        for (int i = 0; i < tests.size(); i++) {
            if (!ofUnit.contains(tests.get(i))) {
                issues.add(Issue.of("testRecords[" + i + "]", "returns.recovery_test_not_of_unit", tests.get(i)));
            }
        }
        if (eightDReportId != null && !eightDOfCase(eightDReportId, r.caseId)) {
            issues.add(Issue.of("eightDReportId", "returns.recovery_eight_d_not_of_case", eightDReportId));
        }
        for (int i = 0; i < attachments.size(); i++) {
            if (cases.attachmentsAmong(List.of(attachments.get(i)), List.of(r.caseId)) == 0) {
                issues.add(Issue.of("attachments[" + i + "]", "returns.recovery_attachment_not_of_case", attachments.get(i)));
            }
        }
        if (!issues.isEmpty()) {
            throw new ProblemException(422, "validation_failed", issues);
        }
    }

    private boolean eightDOfCase(UUID reportId, UUID caseId) {
        try {
            ReportView report = eightD.get(reportId);
            return report.cases().stream().anyMatch(c -> c.caseId().equals(caseId));
        } catch (ProblemException notFound) {
            return false;
        }
    }

    /** The supplier's answer to a RAISED note, or the end of a negotiation over a DISPUTED one (ACCEPTED only). */
    public DebitNoteView answer(@NotNull UUID id, long expectedVersion, @NotNull @Valid AnswerRequest request) {
        SupplierRecovery n = locked(id, expectedVersion);
        boolean fromDispute = n.status == SupplierRecovery.Status.DISPUTED && request.answer() == Answer.ACCEPTED;
        if (n.status != SupplierRecovery.Status.RAISED && !fromDispute) {
            throw wrongStatus(n, n.status == SupplierRecovery.Status.DISPUTED ? "RAISED" : "RAISED, DISPUTED");
        }
        DebitNoteView before = view(n);
        if (request.answer() == Answer.ACCEPTED) {
            if (request.acceptedCny() == null) {
                throw ProblemException.invalid("acceptedCny", "returns.recovery_accepted_required");
            }
            if (request.acceptedCny().compareTo(n.amountCny) > 0) {
                throw ProblemException.invalid("acceptedCny", "returns.recovery_accepted_above_raised", n.amountCny.setScale(2));
            }
            n.acceptedCny = request.acceptedCny().setScale(2);
        } else {
            if (request.reason() == null || request.reason().isBlank()) {
                throw ProblemException.invalid("reason", "returns.recovery_reason_required");
            }
            n.disputeReason = request.reason().strip();
        }
        n.status = SupplierRecovery.Status.valueOf(request.answer().name());
        n.answeredBy = caller.subject();
        n.answeredAt = OffsetDateTime.now(clock);
        return audited(n, request.answer().name(), before);
    }

    /** A manager writes off what will not be recovered: a DISPUTED or ACCEPTED note, with the reason. */
    public DebitNoteView writeOff(@NotNull UUID id, long expectedVersion, @NotNull @Valid WriteOffRequest request) {
        SupplierRecovery n = locked(id, expectedVersion);
        if (n.status != SupplierRecovery.Status.DISPUTED && n.status != SupplierRecovery.Status.ACCEPTED) {
            throw wrongStatus(n, "DISPUTED, ACCEPTED");
        }
        DebitNoteView before = view(n);
        n.status = SupplierRecovery.Status.WRITTEN_OFF;
        n.writeOffReason = request.reason().strip();
        n.writtenOffBy = caller.subject();
        n.writtenOffAt = OffsetDateTime.now(clock);
        return audited(n, "WRITE_OFF", before);
    }

    /** Finance records what was recovered of an ACCEPTED note: at most the accepted amount, never dated ahead. */
    public DebitNoteView recover(@NotNull UUID id, long expectedVersion, @NotNull @Valid RecoveryRequest request) {
        SupplierRecovery n = locked(id, expectedVersion);
        if (n.status != SupplierRecovery.Status.ACCEPTED) {
            throw wrongStatus(n, "ACCEPTED");
        }
        if (request.recoveredOn().isAfter(LocalDate.now(clock))) {
            throw ProblemException.invalid("recoveredOn", "cases.date_in_future");
        }
        if (request.amountCny().compareTo(n.acceptedCny) > 0) {
            throw ProblemException.invalid("amountCny", "returns.recovery_recovered_above_accepted", n.acceptedCny.setScale(2));
        }
        DebitNoteView before = view(n);
        n.status = SupplierRecovery.Status.RECOVERED;
        n.recoveredCny = request.amountCny().setScale(2);
        n.recoveredOn = request.recoveredOn();
        n.recoveryKind = request.kind();
        n.recoveryRef = request.reference().strip();
        n.recoveredBy = caller.subject();
        return audited(n, "RECOVER", before);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public DebitNoteView get(@NotNull UUID id) {
        return view(recoveries.findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("supplier-recovery", id)));
    }

    /** The note with the names of its evidence: test names and results, the 8D report number, attachment file names. */
    @Transactional(Transactional.TxType.SUPPORTS)
    DebitNoteSheet sheet(@NotNull UUID id) {
        DebitNoteView note = get(id);
        List<EvidenceLine> lines = new ArrayList<>();
        Map<UUID, TestRecord> tests = em.createQuery("from TestRecord where id in ?1", TestRecord.class)
                .setParameter(1, note.evidence().testRecords()).getResultStream()
                .collect(Collectors.toMap(t -> t.id, t -> t));
        for (UUID t : note.evidence().testRecords()) {
            TestRecord test = tests.get(t);
            lines.add(new EvidenceLine("测试记录", test.testName, test.testedAt.atZoneSameInstant(clock.getZone()).toLocalDate()
                    + (test.reproduced ? " 故障复现" : " 未复现") + (test.measured == null ? "" : "；" + test.measured)));
        }
        if (note.evidence().eightDReportId() != null) {
            lines.add(new EvidenceLine("8D 报告", eightD.reportNo(note.evidence().eightDReportId()), ""));
        }
        Map<UUID, String> names = cases.attachmentNames(note.evidence().attachments());
        note.evidence().attachments().forEach(a -> lines.add(new EvidenceLine("附件", names.get(a), "")));
        return new DebitNoteSheet(note, units.byId(recoveries.findById(id).unitId).productModel(), lines);
    }

    /** Debit notes by number; filters: supplier, status, raised between from and to (business dates, inclusive). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<DebitNoteView> list(UUID supplierId, SupplierRecovery.Status status, LocalDate from, LocalDate to,
                                   PageRequest page) {
        List<String> where = new ArrayList<>();
        io.quarkus.panache.common.Parameters params = new io.quarkus.panache.common.Parameters();
        if (supplierId != null) {
            where.add("supplierId = :supplier");
            params.and("supplier", supplierId);
        }
        if (status != null) {
            where.add("status = :status");
            params.and("status", status);
        }
        if (from != null) {
            where.add("createdAt >= :from");
            params.and("from", from.atStartOfDay(clock.getZone()).toOffsetDateTime());
        }
        if (to != null) {
            where.add("createdAt < :to");
            params.and("to", to.plusDays(1).atStartOfDay(clock.getZone()).toOffsetDateTime());
        }
        if (page.after() != null) {
            where.add("debitNoteNo > :after");
            params.and("after", page.after());
        }
        String query = (where.isEmpty() ? "" : String.join(" and ", where) + " ") + "order by debitNoteNo";
        List<SupplierRecovery> rows = recoveries.find(query, params).page(0, page.fetchSize()).list();
        Map<UUID, DebitNoteView> views = views(rows);
        return page.page(rows, n -> n.debitNoteNo, n -> views.get(n.id));
    }

    /**
     * Confirmed purchased-part defects with a supplier share and no debit note yet, by return number and serial: one
     * set-based query per batch of candidates, their cases' verified costs in one more; units whose case has no
     * verified cost yet are left out (nothing to claim), so the page is filled from the following candidates.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<AttributableDefect> attributable(PageRequest page) {
        List<AttributableDefect> found = new ArrayList<>();
        String after = page.after() == null ? "" : page.after();
        boolean more = true;
        while (more && found.size() < page.fetchSize()) {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("""
                            select ru.return_id, ro.return_no, ro.case_id, ru.serial_no, ru.supplier_id, ru.supplier_share,
                                   ru.judged_at
                            from return_unit ru join return_order ro on ro.id = ru.return_id
                            where ru.verdict = 'DEFECT_CONFIRMED' and ru.cause_category = 'PURCHASED_PART'
                              and ru.supplier_id is not null and ru.supplier_share > 0
                              and not exists (select 1 from supplier_recovery s
                                              where s.case_id = ro.case_id and s.unit_id = ru.unit_id)
                              and ro.return_no || '/' || ru.serial_no > ?1
                            order by ro.return_no || '/' || ru.serial_no
                            limit ?2""")
                    .setParameter(1, after).setParameter(2, page.fetchSize()).getResultList();
            more = rows.size() == page.fetchSize();
            Set<UUID> caseIds = rows.stream().map(row -> (UUID) row[2]).collect(Collectors.toSet());
            Map<UUID, BigDecimal> costs = cases.companyBorneCostsCny(caseIds);
            Map<UUID, Integer> returnedUnits = unitsReturned(caseIds);
            Map<UUID, Supplier> named = suppliers.byIds(rows.stream().map(row -> (UUID) row[4]).collect(Collectors.toSet()));
            for (Object[] row : rows) {
                after = row[1] + "/" + row[3];
                BigDecimal verified = costs.getOrDefault((UUID) row[2], BigDecimal.ZERO).setScale(2);
                int units = returnedUnits.getOrDefault((UUID) row[2], 1);
                BigDecimal share = (BigDecimal) row[5];
                BigDecimal amount = CostSharePolicy.supplierPart(verified, units, share);
                if (amount.signum() > 0 && found.size() < page.fetchSize()) {
                    Supplier s = named.get((UUID) row[4]);
                    found.add(new AttributableDefect((UUID) row[0], (String) row[1], (UUID) row[2], (String) row[3], s.id, s.code,
                            s.name, share, judgedAt(row[6]), verified, units, amount));
                }
            }
        }
        return page.page(found, a -> a.returnNo() + "/" + a.serialNo(), a -> a);
    }

    /** The distinct units returned on each of these cases, over all their returns: one query. */
    private Map<UUID, Integer> unitsReturned(Collection<UUID> caseIds) {
        Map<UUID, Integer> counts = new java.util.HashMap<>();
        if (!caseIds.isEmpty()) {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("select ro.case_id, count(distinct ru.unit_id) from return_unit ru "
                            + "join return_order ro on ro.id = ru.return_id where ro.case_id = any(?1) group by ro.case_id")
                    .setParameter(1, caseIds.toArray(new UUID[0])).getResultList();
            rows.forEach(row -> counts.put((UUID) row[0], ((Number) row[1]).intValue()));
        }
        return counts;
    }

    private static OffsetDateTime judgedAt(Object value) {
        return value instanceof java.time.Instant i ? i.atOffset(java.time.ZoneOffset.UTC) : (OffsetDateTime) value;
    }

    private SupplierRecovery locked(UUID id, long expectedVersion) {
        SupplierRecovery n = recoveries.findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE)
                .orElseThrow(() -> ProblemException.notFound("supplier-recovery", id));
        Versions.check(n.version, expectedVersion);
        if (n.status.isFinal()) {
            throw new ProblemException(409, "supplier_recovery_final", n.debitNoteNo,
                    Messages.coded("supplier_recovery_status", n.status)).with("currentStatus", n.status);
        }
        return n;
    }

    private static ProblemException wrongStatus(SupplierRecovery n, String allowed) {
        return new ProblemException(409, "supplier_recovery_wrong_status", Messages.coded("supplier_recovery_status", n.status),
                allowed).with("currentStatus", n.status);
    }

    private DebitNoteView audited(SupplierRecovery n, String action, DebitNoteView before) {
        recoveries.flush();
        DebitNoteView after = view(n);
        audit.record(AUDIT_TYPE, n.id, action, before, after);
        return after;
    }

    DebitNoteView view(SupplierRecovery n) {
        return views(List.of(n)).get(n.id);
    }

    /** The notes as the API shows them, by id: their suppliers, return numbers and case numbers in one query each. */
    private Map<UUID, DebitNoteView> views(List<SupplierRecovery> notes) {
        Map<UUID, Supplier> named = suppliers.byIds(notes.stream().map(n -> n.supplierId).collect(Collectors.toSet()));
        Map<UUID, String> caseNos = cases.caseNos(notes.stream().map(n -> n.caseId).collect(Collectors.toSet()));
        Map<UUID, String> returnNos = new java.util.HashMap<>();
        if (!notes.isEmpty()) {
            em.createQuery("select r.id, r.returnNo from ReturnOrder r where r.id in :ids", Object[].class)
                    .setParameter("ids", notes.stream().map(n -> n.returnId).collect(Collectors.toSet())).getResultList()
                    .forEach(row -> returnNos.put((UUID) row[0], (String) row[1]));
        }
        Map<UUID, DebitNoteView> views = new java.util.HashMap<>();
        notes.forEach(n -> views.put(n.id, view(n, named.get(n.supplierId), returnNos.get(n.returnId), caseNos.get(n.caseId))));
        return views;
    }

    private static DebitNoteView view(SupplierRecovery n, Supplier s, String returnNo, String caseNo) {
        return new DebitNoteView(n.id, n.debitNoteNo, n.status, n.supplierId, s.code, s.name, n.returnId, returnNo,
                n.caseId, caseNo, n.serialNo, n.share, n.verifiedCostsCny.setScale(2), n.unitsInReturn, n.amountCny.setScale(2),
                scaled(n.acceptedCny), n.disputeReason, n.answeredBy, n.answeredAt, scaled(n.recoveredCny), n.recoveredOn,
                n.recoveryKind, n.recoveryRef, n.recoveredBy, n.writeOffReason, n.writtenOffBy, n.writtenOffAt,
                new Evidence(List.copyOf(n.testRecords), n.eightDReportId, List.copyOf(n.attachments)), n.raisedBy,
                n.version, n.createdAt, n.updatedAt);
    }

    private static BigDecimal scaled(BigDecimal amount) {
        return amount == null ? null : amount.setScale(2);
    }
}
