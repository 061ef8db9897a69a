package com.aftersales.cases;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import com.aftersales.AftersalesConfig;
import com.aftersales.shared.audit.AuditTrail;
import com.aftersales.shared.error.Messages;
import com.aftersales.shared.error.ProblemException;
import com.aftersales.shared.paging.Page;
import com.aftersales.shared.paging.PageRequest;
import com.aftersales.shared.security.Caller;
import com.aftersales.shared.security.Roles;
import com.aftersales.shared.web.Versions;
import com.aftersales.unit.SerialNo;
import com.aftersales.warranty.Regime;
import com.fasterxml.jackson.annotation.JsonFormat;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
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
import java.util.List;
import java.util.UUID;

/**
 * Cost lines of a case. Staff submit them; the after-sales manager verifies or rejects; above a threshold the
 * general manager also approves. Who is billed follows the unit's entitlement frozen at intake; a case without units (a
 * complaint about service, a service request) bills the company.
 */
@ApplicationScoped
@Transactional
public class CaseCosts {

    @Inject
    CaseCostRepository costs;

    public record CostRequest(
            @NotNull CaseCost.Category category,
            @NotNull @DecimalMin("0.00") @DecimalMax("999999999999.99") @Digits(integer = 12, fraction = 2) BigDecimal amountCny,
            @NotBlank @Size(max = 2000) String description,
            @NotNull LocalDate incurredOn,
            @Size(max = 60) String serialNo,
            UUID visitId) {
    }

    @Schema(name = "CostVerdict")
    public enum Verdict { VERIFY, REJECT }

    public record VerificationRequest(@NotNull Verdict decision, @Size(max = 4000) String comment) {
    }

    @RegisterForReflection
    public record CostView(UUID id, UUID caseId, UUID visitId, String serialNo, CaseCost.Category category,
                           @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amountCny, String description,
                           LocalDate incurredOn, CaseCost.BilledTo billedTo, String contractRef, CaseCost.Status status,
                           String submittedBy, String verifiedBy, String gmApprovedBy, String gmOnBehalfOf,
                           String decisionComment,
                           long version, OffsetDateTime createdAt, OffsetDateTime updatedAt) {
        static CostView of(CaseCost c) {
            return new CostView(c.id, c.caseId, c.visitId, c.serialNo, c.category, c.amountCny.setScale(2), c.description,
                    c.incurredOn, c.billedTo, c.contractRef, c.status, c.submittedBy, c.verifiedBy, c.gmApprovedBy,
                    c.gmOnBehalfOf, c.decisionComment, c.version, c.createdAt, c.updatedAt);
        }
    }

    static final String AUDIT_TYPE = "case-cost";

    @Inject
    CaseRepository cases;

    @Inject
    CaseUnits caseUnits;

    @Inject
    FieldVisits visits;

    @Inject
    CaseTimeline timeline;

    @Inject
    Caller caller;

    @Inject
    AuditTrail audit;

    @Inject
    AftersalesConfig config;

    @Inject
    Clock clock;

    @Inject
    GmDelegations delegations;

    /**
     * A new line; the case row is locked so that no line slips onto a case while it closes (the closing gate counts
     * the lines under the same lock) and the category totals of {@link #verify} stay serial.
     */
    public CostView submit(@NotNull UUID caseId, @NotNull @Valid CostRequest request) {
        ServiceCase c = cases.visible(caseId, LockModeType.PESSIMISTIC_WRITE);
        if (c.status == CaseStatus.CLOSED || c.status == CaseStatus.REJECTED) {
            throw new ProblemException(409, "cost_case_finished", Messages.coded("case_status", c.status))
                    .with("caseStatus", c.status);
        }
        if (request.incurredOn().isAfter(LocalDate.now(clock))) {
            throw ProblemException.invalid("incurredOn", "cases.date_in_future");
        }
        CaseUnit billedUnit = billedUnit(c, request.serialNo());
        if (request.visitId() != null) {
            visits.ofCase(c.id, request.visitId());
        }
        return submitted(c, billedUnit, request.visitId(), request.category(), request.amountCny(),
                request.description().strip(), request.incurredOn(), "CREATE");
    }

    /** A SUBMITTED line under the caller's name, billed by the unit's frozen entitlement (none: the company); audited. */
    private CostView submitted(ServiceCase c, CaseUnit billedUnit, UUID visitId, CaseCost.Category category,
                               BigDecimal amountCny, String description, LocalDate incurredOn, String auditAction) {
        CaseCost cost = new CaseCost();
        cost.id = UUID.randomUUID();
        cost.caseId = c.id;
        cost.visitId = visitId;
        cost.serialNo = billedUnit == null ? null : billedUnit.serialNo;
        cost.category = category;
        cost.amountCny = amountCny;
        cost.description = description;
        cost.incurredOn = incurredOn;
        cost.billedTo = billedToOf(billedUnit);
        cost.contractRef = billedUnit != null && billedUnit.regime == Regime.SERVICE_CONTRACT ? billedUnit.decidedByRef : null;
        cost.status = CaseCost.Status.SUBMITTED;
        cost.submittedBy = caller.subject();
        costs.persistAndFlush(cost);
        CostView view = CostView.of(cost);
        timeline.record(c.id, CaseEvent.Kind.COST, null, null, cost.category + " " + view.amountCny() + " CNY",
                CaseEvent.Visibility.INTERNAL);
        audit.record(AUDIT_TYPE, cost.id, auditAction, null, view);
        return view;
    }

    private static CaseCost.BilledTo billedToOf(CaseUnit billedUnit) {
        return billedUnit == null ? CaseCost.BilledTo.COMPANY : billedTo(billedUnit.regime);
    }

    /**
     * A sale the customer agreed to (an accepted quote, {@code reference}) booked on the case as cost lines billed to
     * the customer: its parts and its labour, each when not zero, on a chargeable unit of the case, verified by the
     * agreement itself (no after-sales or general-manager check of a price the customer accepted). A finished case takes
     * no sale (409), as it takes no cost line.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<CostView> bookSale(@NotNull UUID caseId, @NotNull String reference, @NotNull BigDecimal partsCny,
                                   @NotNull BigDecimal labourCny) {
        ServiceCase c = cases.visible(caseId, LockModeType.PESSIMISTIC_WRITE);
        if (c.status == CaseStatus.CLOSED || c.status == CaseStatus.REJECTED) {
            throw new ProblemException(409, "cost_case_finished", Messages.coded("case_status", c.status))
                    .with("caseStatus", c.status);
        }
        CaseUnit unit = caseUnits.list("caseId = ?1 and regime = ?2 order by serialNo", c.id, Regime.CHARGEABLE).stream()
                .findFirst().orElseThrow(() -> new ProblemException(409, "quote_not_chargeable", c.caseNo));
        List<CostView> booked = new ArrayList<>();
        for (CaseCost.Category category : List.of(CaseCost.Category.PARTS, CaseCost.Category.LABOUR)) {
            BigDecimal amount = category == CaseCost.Category.PARTS ? partsCny : labourCny;
            if (amount.signum() == 0) {
                continue;
            }
            CaseCost cost = new CaseCost();
            cost.id = UUID.randomUUID();
            cost.caseId = c.id;
            cost.serialNo = unit.serialNo;
            cost.category = category;
            cost.amountCny = amount.setScale(2);
            // Stored in the working language, as the staff's own descriptions are.
            cost.description = Messages.text(Messages.ZH, "cases.sale_description." + category.name(), reference);
            cost.incurredOn = LocalDate.now(clock);
            cost.billedTo = CaseCost.BilledTo.CUSTOMER;
            cost.status = CaseCost.Status.VERIFIED;
            cost.submittedBy = caller.subject();
            cost.verifiedBy = caller.subject();
            costs.persist(cost);
            booked.add(CostView.of(cost));
        }
        costs.flush();
        for (CostView view : booked) {
            timeline.record(c.id, CaseEvent.Kind.COST, null, null, view.category() + " " + view.amountCny() + " CNY",
                    CaseEvent.Visibility.INTERNAL);
            audit.record(AUDIT_TYPE, view.id(), "BOOK_SALE", null, view);
        }
        return booked;
    }

    /**
     * The unit a line is billed by: the one named, else the case's only regime (its first unit), else none for a case
     * without units (a complaint about service, a service request: the company bears its costs); a case whose units
     * are under different regimes needs the serial (422).
     */
    private CaseUnit billedUnit(ServiceCase c, String serialNo) {
        List<CaseUnit> units = caseUnits.list("caseId", c.id);
        if (serialNo != null && !serialNo.isBlank()) {
            String serial = SerialNo.of(serialNo).value();
            return units.stream().filter(u -> u.serialNo.equals(serial)).findFirst()
                    .orElseThrow(() -> ProblemException.invalid("serialNo", "cases.serial_not_in_case", serial));
        }
        if (units.isEmpty()) {
            return null;
        }
        if (units.stream().map(u -> u.regime).distinct().count() == 1) {
            return units.get(0);
        }
        throw ProblemException.invalid("serialNo", "cases.cost_needs_serial");
    }

    /** Parts issued from stock to a case: the part, how many, and its two prices (the standard cost may be unknown). */
    public record IssuedParts(String partNo, String name, int quantity, BigDecimal marketPriceCny, BigDecimal standardCostCny) {
    }

    /**
     * Parts issued from stock to a case (not through a quote, whose sale {@link #bookSale} books) become a PARTS cost
     * line, SUBMITTED under the issuer's name for the after-sales manager's verification like any other line. Billed by
     * the unit's frozen entitlement as {@link #submit} bills; valued at the part's standard cost when the company or a
     * service contract bears it (at the market price, and the description says so, when no standard cost is known) and
     * at the market price when the customer pays. A finished case takes no issue (409), as it takes no cost line.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public CostView bookIssuedParts(@NotNull UUID caseId, String serialNo, @NotNull IssuedParts parts) {
        ServiceCase c = cases.visible(caseId, LockModeType.PESSIMISTIC_WRITE);
        if (c.status == CaseStatus.CLOSED || c.status == CaseStatus.REJECTED) {
            throw new ProblemException(409, "cost_case_finished", Messages.coded("case_status", c.status))
                    .with("caseStatus", c.status);
        }
        CaseUnit billedUnit = billedUnit(c, serialNo);
        boolean atCost = billedToOf(billedUnit) != CaseCost.BilledTo.CUSTOMER && parts.standardCostCny() != null;
        BigDecimal price = atCost ? parts.standardCostCny() : parts.marketPriceCny();
        // Stored in the working language, as the staff's own descriptions are.
        String description = Messages.text(Messages.ZH, "cases.issue_description." + (atCost ? "STANDARD_COST" : "MARKET_PRICE"),
                parts.partNo(), parts.name(), parts.quantity(), price.setScale(2).toPlainString());
        return submitted(c, billedUnit, null, CaseCost.Category.PARTS,
                price.multiply(BigDecimal.valueOf(parts.quantity())).setScale(2), description, LocalDate.now(clock), "ISSUE_PARTS");
    }

    static CaseCost.BilledTo billedTo(Regime regime) {
        return switch (regime) {
            case FREE_WARRANTY -> CaseCost.BilledTo.COMPANY;
            case SERVICE_CONTRACT -> CaseCost.BilledTo.SERVICE_CONTRACT;
            case CHARGEABLE -> CaseCost.BilledTo.CUSTOMER;
        };
    }

    /**
     * The after-sales manager verifies a submitted line; the general manager then approves it when the case's total of
     * its category (verified lines and lines awaiting the general manager, this one included) is above the threshold:
     * the line that takes the category above it and every later line of that category, so splitting a cost does not
     * avoid the approval. Either may reject. Nobody decides on a line they submitted. The case row is locked first, so
     * two verifiers of one case run one after the other and each sees the total the other left.
     */
    public CostView verify(@NotNull UUID caseId, @NotNull UUID costId, long expectedVersion,
                           @NotNull @Valid VerificationRequest request) {
        ServiceCase c = cases.visible(caseId, LockModeType.PESSIMISTIC_WRITE);
        CaseCost cost = costs.find("id = ?1 and caseId = ?2", costId, c.id).withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResultOptional().orElseThrow(() -> ProblemException.notFound("case-cost", costId));
        Versions.check(cost.version, expectedVersion);
        if (request.decision() == Verdict.REJECT && (request.comment() == null || request.comment().isBlank())) {
            throw ProblemException.invalid("comment", "cases.reject_needs_reason");
        }
        CostView before = CostView.of(cost);
        String who = caller.subject();
        BigDecimal threshold = config.cases().costGmThreshold();
        switch (cost.status) {
            case SUBMITTED -> {
                if (!caller.hasRole(Roles.AFTER_SALES_MANAGER)) {
                    throw new ProblemException(403, "cost_needs_after_sales_manager");
                }
                requireOtherThanSubmitter(cost, who);
                // Read before the line changes: the query would flush a changed line (and move its version twice).
                BigDecimal total = categoryTotal(c.id, cost.category).add(cost.amountCny);
                cost.verifiedBy = who;
                if (request.decision() == Verdict.REJECT) {
                    cost.status = CaseCost.Status.REJECTED;
                } else {
                    cost.status = total.compareTo(threshold) > 0 ? CaseCost.Status.AWAITING_GM : CaseCost.Status.VERIFIED;
                }
            }
            case AWAITING_GM -> {
                // The general manager, or the deputy of a delegation in force (recorded: on whose behalf).
                GmDelegations.Authority gm = delegations.generalManager("COST_APPROVAL", AUDIT_TYPE, cost.id)
                        .orElseThrow(() -> new ProblemException(403, "cost_needs_general_manager", threshold,
                                Messages.coded("cost_category", cost.category)));
                requireOtherThanSubmitter(cost, who);
                if (who.equals(cost.verifiedBy)) {
                    // Four eyes above the threshold too: whoever verified the line does not also approve it.
                    throw new ProblemException(403, "cost_verifier_approves");
                }
                cost.gmApprovedBy = who;
                cost.gmOnBehalfOf = gm.onBehalfOf();
                cost.status = request.decision() == Verdict.REJECT ? CaseCost.Status.REJECTED : CaseCost.Status.VERIFIED;
            }
            default -> throw new ProblemException(409, "cost_already_decided", Messages.coded("cost_status", cost.status));
        }
        cost.decisionComment = request.comment() == null || request.comment().isBlank() ? null : request.comment().strip();
        costs.flush();
        CostView after = CostView.of(cost);
        audit.record(AUDIT_TYPE, cost.id, "VERIFY_" + request.decision(), before, after);
        return after;
    }

    /** Four eyes: whoever submitted a line does not verify, approve or reject it. */
    private static void requireOtherThanSubmitter(CaseCost cost, String who) {
        if (cost.submittedBy.equals(who)) {
            throw new ProblemException(403, "cost_own_line");
        }
    }

    /** The case's verified lines and lines awaiting the general manager of a category (read under the case lock). */
    private BigDecimal categoryTotal(UUID caseId, CaseCost.Category category) {
        BigDecimal total = costs.getEntityManager().createQuery("select sum(c.amountCny) from CaseCost c "
                        + "where c.caseId = ?1 and c.category = ?2 and c.status in ?3", BigDecimal.class)
                .setParameter(1, caseId).setParameter(2, category)
                .setParameter(3, List.of(CaseCost.Status.VERIFIED, CaseCost.Status.AWAITING_GM)).getSingleResult();
        return total == null ? BigDecimal.ZERO : total;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<CostView> list(@NotNull UUID caseId, PageRequest page) {
        ServiceCase c = cases.visible(caseId, LockModeType.NONE);
        String where = "caseId = ?1" + (page.after() == null ? "" : " and id > ?2");
        Object[] params = page.after() == null ? new Object[]{c.id} : new Object[]{c.id, uuidCursor(page.after())};
        List<CaseCost> rows = costs.find(where + " order by id", params).page(0, page.fetchSize()).list();
        return page.page(rows, x -> x.id.toString(), CostView::of);
    }

    static UUID uuidCursor(String after) {
        try {
            return UUID.fromString(after);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badParameter("cursor", "validation.cursor");
        }
    }
}
