package com.aftersales.returns;

import com.aftersales.AftersalesConfig;
import com.aftersales.cases.CaseReferences;
import com.aftersales.cases.CaseReferences.CaseReference;
import com.aftersales.cases.CaseTimeline;
import com.aftersales.shared.audit.AuditTrail;
import com.aftersales.notify.Outbox;
import com.aftersales.shared.error.ProblemException;
import com.aftersales.shared.error.ProblemException.Issue;
import com.aftersales.shared.paging.Page;
import com.aftersales.shared.paging.PageRequest;
import com.aftersales.shared.security.Caller;
import com.aftersales.shared.web.Locations;
import com.aftersales.shared.web.Versions;
import com.aftersales.unit.SerialNo;
import com.aftersales.unit.UnitRecord;
import com.aftersales.unit.UnitRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
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

import java.math.BigDecimal;
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
public class Returns {

    @Inject
    ReturnOrderRepository orders;

    public record AuthoriseRequest(@NotNull UUID caseId, @NotNull @Size(min = 1, max = 50) List<@NotBlank String> serialNos,
                                   @NotBlank @Size(max = 4000) String reason) {
    }

    public record TestRequest(@NotBlank @Size(max = 60) String serialNo, @NotBlank @Size(max = 200) String testName,
                              @Size(max = 2000) String conditions, @Size(max = 4000) String measured,
                              @NotNull Boolean reproduced, boolean retest, Boolean passed) {
    }

    public record Judgement(@NotBlank @Size(max = 60) String serialNo, @NotNull ReturnUnit.Verdict verdict, ReturnUnit.Cause causeCategory,
                            @Size(max = 32) String supplierCode,
                            @DecimalMin("0.0") @DecimalMax("1.0") @Digits(integer = 1, fraction = 4) BigDecimal supplierShare) {
    }

    public record JudgeRequest(@NotNull @Size(min = 1, max = 50) List<@Valid @NotNull Judgement> units) {
    }

    public record Disposal(@NotBlank @Size(max = 60) String serialNo, @NotNull ReturnUnit.Disposition disposition,
                           @Size(max = 60) String replacementSerial) {
    }

    public record DisposeRequest(@NotNull @Size(min = 1, max = 50) List<@Valid @NotNull Disposal> units) {
    }

    /** A repaired unit back in stock, and the warehouse location it went to. */
    public record RestockRequest(@NotBlank @Size(max = 60) String serialNo, @NotBlank @Size(max = 40) String location) {
    }

    static final String AUDIT_TYPE = "return";

    @Inject
    EntityManager em;

    @Inject
    CaseReferences cases;

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
    @Any
    Instance<ReturnRestockListener> restockListeners;

    @Inject
    AftersalesConfig config;

    @Inject
    Suppliers suppliers;

    @Inject
    Clock clock;

    public ReturnView authorise(@NotNull @Valid AuthoriseRequest request) {
        CaseReference c = cases.visible(request.caseId());
        List<String> serials = new ArrayList<>(new LinkedHashSet<>(request.serialNos().stream().map(s -> SerialNo.of(s).value()).toList()));
        Map<String, UUID> unitIds = cases.unitIds(c.id(), serials);
        List<Issue> issues = new ArrayList<>();
        for (int i = 0; i < serials.size(); i++) {
            if (!unitIds.containsKey(serials.get(i))) {
                issues.add(Issue.of("serialNos[" + i + "]", "cases.serial_not_in_case", serials.get(i)));
            }
        }
        if (!issues.isEmpty()) {
            throw new ProblemException(422, "validation_failed", issues);
        }
        String returnNo = "TH-%d-%05d".formatted(LocalDate.now(clock).getYear(),
                ((Number) em.createNativeQuery("select nextval('return_no_seq')").getSingleResult()).longValue());
        ReturnOrder r = ReturnOrder.authorise(returnNo, c.id(), request.reason(), caller.subject());
        orders.persist(r);
        for (String serial : serials) {
            em.persist(r.unit(unitIds.get(serial), serial));
        }
        em.flush();
        ReturnView view = view(r);
        audit.record(AUDIT_TYPE, r.id, "AUTHORISE", null, view);
        return view;
    }

    /** The warehouse receives the goods; the case owner is told on the case's timeline. */
    public ReturnView receive(@NotNull UUID id, long expectedVersion) {
        ReturnOrder r = locked(id, expectedVersion);
        ReturnView before = view(r);
        r.receive(caller.subject(), OffsetDateTime.now(clock));
        // A note as a message key: stored in the working language zh-CN, read in each reader's (docs/architecture.md).
        timeline.addInternalNote(r.caseId, "returns.received_note", r.returnNo);
        ReturnView after = audited(r, "RECEIVE", before);
        CaseReference c = cases.visible(r.caseId);
        outbox.add("RETURN_RECEIVED", Outbox.Recipient.owner(c.ownerRole(), c.ownerPerson()),
                Outbox.payload("returnId", r.id, "returnNo", r.returnNo, "caseId", c.id(), "caseNo", c.caseNo()),
                "return-received:" + r.id);
        return after;
    }

    /** A test record; the first one starts TESTING. Re-tests of repaired units come after disposal. */
    public ReturnView test(@NotNull UUID id, long expectedVersion, @NotNull @Valid TestRequest request) {
        ReturnOrder r = locked(id, expectedVersion);
        ReturnView before = view(r);
        em.persist(r.test(units(r.id), SerialNo.of(request.serialNo()).value(), new TestRecord.Report(request.testName(),
                        request.conditions(), request.measured(), request.reproduced(), request.retest(), request.passed()),
                caller.subject(), OffsetDateTime.now(clock)));
        return audited(r, request.retest() ? "RETEST" : "TEST", before);
    }

    /**
     * A verdict for every unit, each tested first; a purchased-part cause names the supplier and its share; NTF only
     * when no test of the unit reproduced the fault (422 naming the test otherwise).
     */
    public ReturnView judge(@NotNull UUID id, long expectedVersion, @NotNull @Valid JudgeRequest request) {
        ReturnOrder r = locked(id, expectedVersion);
        ReturnView before = view(r);
        List<String> tested = em.createQuery("select distinct t.serialNo from TestRecord t where t.returnId = ?1 and t.retest = false",
                String.class).setParameter(1, r.id).getResultList();
        Map<String, ReturnOrder.Reproduction> reproduced = new HashMap<>();
        em.createQuery("from TestRecord where returnId = ?1 and retest = false and reproduced = true order by testedAt, id",
                        TestRecord.class).setParameter(1, r.id).getResultList()
                .forEach(t -> reproduced.putIfAbsent(t.serialNo, new ReturnOrder.Reproduction(t.id, t.testName,
                        t.testedAt.atZoneSameInstant(clock.getZone()).toLocalDate())));
        // A purchased-part verdict names an active supplier record by its code.
        List<String> codes = request.units().stream().map(Judgement::supplierCode)
                .filter(c -> c != null && !c.isBlank()).toList();
        Map<String, Supplier> named = suppliers.activeByCode(codes);
        List<Issue> unknown = new ArrayList<>();
        for (int i = 0; i < request.units().size(); i++) {
            Judgement j = request.units().get(i);
            // Any code named must be an active supplier's, whatever the cause (else no supplier to record: 422, not 500).
            if (j.supplierCode() != null && !j.supplierCode().isBlank() && !named.containsKey(j.supplierCode())) {
                unknown.add(Issue.of("units[" + i + "].supplierCode", "returns.supplier_unknown", j.supplierCode()));
            }
        }
        if (!unknown.isEmpty()) {
            throw new ProblemException(422, "validation_failed", unknown);
        }
        List<ReturnUnit.Finding> findings = request.units().stream().map(j -> new ReturnUnit.Finding(
                SerialNo.of(j.serialNo()).value(), j.verdict(), j.causeCategory(),
                j.supplierCode() == null || j.supplierCode().isBlank() ? null : named.get(j.supplierCode()).id,
                j.supplierShare())).toList();
        r.judge(units(r.id), findings, tested, reproduced, caller.subject(), OffsetDateTime.now(clock));
        return audited(r, "JUDGE", before);
    }

    public ReturnView dispose(@NotNull UUID id, long expectedVersion, @NotNull @Valid DisposeRequest request) {
        ReturnOrder r = locked(id, expectedVersion);
        ReturnView before = view(r);
        List<ReturnUnit> all = units(r.id);
        Map<String, ReturnUnit.Plan> plans = new HashMap<>();
        request.units().forEach(d -> plans.put(SerialNo.of(d.serialNo()).value(),
                new ReturnUnit.Plan(d.disposition(), d.replacementSerial())));
        r.dispose(all, plans, new ReturnOrder.UnitRecords() {
            @Override
            public ReturnUnit.RepairGroup repairGroup(UUID unitId) {
                UnitRecord unit = units.byId(unitId);
                return ReturnUnit.RepairGroup.of(unit.projectCode(), unit.productLine());
            }

            @Override
            public String registerReplacement(UUID unitId, String replacementSerial) {
                // The replacement is a unit of its own (delivered today) that inherits the replaced unit's free
                // warranty; the replaced unit leaves the live fleet today.
                return units.registerReplacement(unitId, replacementSerial, r.id);
            }
        });
        ReturnView after = audited(r, "DISPOSE", before);
        // §7.2.7: a unit for repair goes to its group (repair group, production or trial workshop), who are told.
        CaseReference c = cases.visible(r.caseId);
        AftersalesConfig.RepairRecipients recipients = config.returns().repairRecipients();
        for (ReturnUnit u : all) {
            if (u.disposition() == ReturnUnit.Disposition.REPAIR && u.repairGroup() != null) {
                String role = switch (u.repairGroup()) {
                    case REPAIR_GROUP -> recipients.repairGroup();
                    case PRODUCTION -> recipients.production();
                    case TRIAL_WORKSHOP -> recipients.trialWorkshop();
                };
                outbox.add("RETURN_REPAIR_ROUTED", Outbox.Recipient.role(role), Outbox.payload("returnId", r.id,
                        "returnNo", r.returnNo, "caseId", c.id(), "caseNo", c.caseNo(), "serialNo", u.serialNo(),
                        "repairGroup", u.repairGroup()), "return-repair:" + r.id + ":" + u.unitId());
            }
        }
        return after;
    }

    /** A repaired unit goes back into stock after a passed re-test. */
    public ReturnView restock(@NotNull UUID id, long expectedVersion, @NotNull @Valid RestockRequest request) {
        ReturnOrder r = locked(id, expectedVersion);
        ReturnView before = view(r);
        String location = Locations.of("location", request.location());
        ReturnUnit u = r.restock(units(r.id), SerialNo.of(request.serialNo()).value(), location, OffsetDateTime.now(clock));
        // A unit that is itself a catalogued spare part (its model is a part number) goes into that part's stock.
        UnitRecord unit = units.byId(u.unitId());
        restockListeners.forEach(l -> l.restocked(r.caseId, r.returnNo, unit.productModel(), u.serialNo(), location));
        ReturnView after = audited(r, "RESTOCK", before);
        CaseReference c = cases.visible(r.caseId);
        // §7.2.7: the repair group tells after-sales once the unit is back in stock.
        outbox.add("RETURN_RESTOCKED", Outbox.Recipient.owner(c.ownerRole(), c.ownerPerson()),
                Outbox.payload("returnId", r.id, "returnNo", r.returnNo, "caseId", c.id(), "caseNo", c.caseNo(),
                        "serialNo", u.serialNo(), "location", location), "return-restocked:" + r.id + ":" + u.unitId());
        return after;
    }

    public ReturnView close(@NotNull UUID id, long expectedVersion) {
        ReturnOrder r = locked(id, expectedVersion);
        ReturnView before = view(r);
        r.close(units(r.id), OffsetDateTime.now(clock));
        return audited(r, "CLOSE", before);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public ReturnView get(UUID id) {
        return view(visible(id, LockModeType.NONE));
    }

    /** One return as the customer account whose case it is sees it (404 for another customer's). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public CustomerReturnView customerGet(UUID id) {
        ReturnOrder r = visible(id, LockModeType.NONE);
        return CustomerReturnView.of(r, units(r.id));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<ReturnView> list(UUID caseId, ReturnOrder.Status status, PageRequest page) {
        return page.page(rows(caseId, status, page), r -> r.returnNo, this::view);
    }

    /** The returns of the calling customer account's cases, as it sees them. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public CustomerReturnView.CustomerReturnPage customerList(UUID caseId, ReturnOrder.Status status, PageRequest page) {
        caller.customerScope().orElseThrow(() -> new IllegalStateException("customer views are for customer accounts"));
        Page<CustomerReturnView> views = page.page(rows(caseId, status, page), r -> r.returnNo,
                r -> CustomerReturnView.of(r, units(r.id)));
        return new CustomerReturnView.CustomerReturnPage(views.items(), views.nextCursor(), views.limit());
    }

    private List<ReturnOrder> rows(UUID caseId, ReturnOrder.Status status, PageRequest page) {
        List<String> where = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        caller.customerScope().ifPresent(scope -> {
            // The customer's cases, from the cases area's read model.
            params.add(scope);
            where.add("r.case_id in (select c.id from case_reference c where c.customer_id = ?" + params.size() + ")");
        });
        if (caseId != null) {
            params.add(caseId);
            where.add("r.case_id = ?" + params.size());
        }
        if (status != null) {
            params.add(status.name());
            where.add("r.status = ?" + params.size());
        }
        if (page.after() != null) {
            params.add(page.after());
            where.add("r.return_no > ?" + params.size());
        }
        var query = em.createNativeQuery("select r.* from return_order r" + (where.isEmpty() ? "" : " where " + String.join(" and ", where))
                + " order by r.return_no limit " + page.fetchSize(), ReturnOrder.class);
        for (int i = 0; i < params.size(); i++) {
            query.setParameter(i + 1, params.get(i));
        }
        @SuppressWarnings("unchecked")
        List<ReturnOrder> rows = query.getResultList();
        return rows;
    }

    ReturnOrder visible(UUID id, LockModeType lock) {
        ReturnOrder r = orders.findByIdOptional(id, lock).orElseThrow(() -> ProblemException.notFound("return", id));
        try {
            cases.visible(r.caseId);
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

    private List<ReturnUnit> units(UUID returnId) {
        return em.createQuery("from ReturnUnit where returnId = ?1 order by serialNo", ReturnUnit.class)
                .setParameter(1, returnId).getResultList();
    }

    ReturnView view(ReturnOrder r) {
        List<ReturnUnit> all = units(r.id);
        List<TestRecord> tests = em.createQuery("from TestRecord where returnId = ?1 order by testedAt, id", TestRecord.class)
                .setParameter(1, r.id).getResultList();
        BigDecimal verified = cases.verifiedCostsCny(r.caseId);
        ReturnView.CostShares costs = CostSharePolicy.shares(verified, all.stream()
                .map(u -> new CostSharePolicy.UnitOutcome(u.verdict(), u.supplierShare())).toList(), config.returns().ntfCustomerShare());
        return ReturnView.of(r, all, tests, costs, suppliers.byIds(all.stream().map(ReturnUnit::supplierId)
                .filter(java.util.Objects::nonNull).collect(java.util.stream.Collectors.toSet())));
    }

    private ReturnView audited(ReturnOrder r, String action, ReturnView before) {
        r.updatedAt = OffsetDateTime.now(clock);
        em.flush();
        ReturnView after = view(r);
        audit.record(AUDIT_TYPE, r.id, action, before, after);
        return after;
    }
}
