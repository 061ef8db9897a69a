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
import io.quarkus.panache.common.Parameters;
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

    /**
     * A cost line as staff see it. A service station's line also carries its quantities, documents and its rate card's
     * figure: {@code rateCardExceeded} when the amount is above it, {@code noRateCard} when no card was in force on the
     * day it was incurred (parts are never priced by the card).
     */
    @RegisterForReflection
    public record CostView(UUID id, UUID caseId, UUID visitId, String serialNo, CaseCost.Category category,
                           @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amountCny, String description,
                           LocalDate incurredOn, CaseCost.BilledTo billedTo, String contractRef, CaseCost.Status status,
                           String submittedBy, String verifiedBy, String gmApprovedBy, String gmOnBehalfOf,
                           String decisionComment,
                           long version, OffsetDateTime createdAt, OffsetDateTime updatedAt,
                           UUID stationId, @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal labourHours, @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal travelKm,
                           @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal travelDays,
                           List<UUID> documents, @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal rateCardCny,
                           boolean rateCardExceeded, boolean noRateCard) {
        static CostView of(CaseCost c) {
            return new CostView(c.id, c.caseId, c.visitId, c.serialNo, c.category, c.amountCny.setScale(2), c.description,
                    c.incurredOn, c.billedTo, c.contractRef, c.status, c.submittedBy, c.verifiedBy, c.gmApprovedBy,
                    c.gmOnBehalfOf, c.decisionComment, c.version, c.createdAt, c.updatedAt,
                    c.stationId, c.labourHours, c.travelKm, c.travelDays, List.copyOf(c.documents),
                    c.rateCardCny == null ? null : c.rateCardCny.setScale(2), c.rateCardExceeded(), c.noRateCard());
        }
    }

    /**
     * A fee a service station submits for a visit assigned to it: the amount (CNY, exact to the fen), what its rate card
     * prices (LABOUR: labourHours; TRAVEL: travelKm and/or travelDays; SERVICE_STATION_FEE: any of them; PARTS: none)
     * and the documents, attachments it uploaded for the visit.
     */
    public record StationFeeRequest(
            @NotNull CaseCost.Category category,
            @NotNull @DecimalMin("0.01") @DecimalMax("999999999999.99") @Digits(integer = 12, fraction = 2)
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amountCny,
            @NotBlank @Size(max = 2000) String description,
            @NotNull LocalDate incurredOn,
            @Size(max = 60) String serialNo,
            @DecimalMin("0.00") @DecimalMax("9999.99") @Digits(integer = 4, fraction = 2)
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal labourHours,
            @DecimalMin("0.0") @DecimalMax("999999.9") @Digits(integer = 6, fraction = 1)
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal travelKm,
            @DecimalMin("0.0") @DecimalMax("9999.9") @Digits(integer = 4, fraction = 1)
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal travelDays,
            @Size(max = 20) List<@NotNull UUID> documents) {
    }

    /** Where a station's line is in verification: submitted (also while the general manager decides), verified, rejected. */
    public enum StationCostStatus { SUBMITTED, VERIFIED, REJECTED }

    /**
     * A fee line as the station that submitted it sees it: what it claimed and the verification's outcome, the comment
     * with it; never who decided, the billing, the rate card's figure or other lines of the case.
     */
    @RegisterForReflection
    public record StationCostView(UUID id, UUID visitId, CaseCost.Category category,
                                  @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amountCny, String description,
                                  LocalDate incurredOn, String serialNo,
                                  @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal labourHours,
                                  @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal travelKm,
                                  @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal travelDays, List<UUID> documents, StationCostStatus status,
                                  String decisionComment, OffsetDateTime createdAt) {
        static StationCostView of(CaseCost c) {
            StationCostStatus status = switch (c.status) {
                case SUBMITTED, AWAITING_GM -> StationCostStatus.SUBMITTED;
                case VERIFIED -> StationCostStatus.VERIFIED;
                case REJECTED -> StationCostStatus.REJECTED;
            };
            return new StationCostView(c.id, c.visitId, c.category, c.amountCny.setScale(2), c.description, c.incurredOn,
                    c.serialNo, c.labourHours, c.travelKm, c.travelDays, List.copyOf(c.documents), status,
                    status == StationCostStatus.SUBMITTED ? null : c.decisionComment, c.createdAt);
        }
    }

    /** A page of a station's lines of one visit. */
    @RegisterForReflection
    public record StationCostPage(List<StationCostView> items, String nextCursor, int limit) {
    }

    /** The station-only parts of a line: who, the quantities, the documents and the card's figure. */
    private record StationPart(UUID stationId, StationFeeRequest request, BigDecimal rateCardCny) {
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

    @Inject
    StationRateCards rateCards;

    @Inject
    AttachmentRepository attachments;

    /**
     * A new line; the case row is locked so that no line slips onto a case while it closes (the closing gate counts
     * the lines under the same lock) and the category totals of {@link #verify} stay serial.
     */
    public CostView submit(@NotNull UUID caseId, @NotNull @Valid CostRequest request) {
        ServiceCase c = cases.visible(caseId, LockModeType.PESSIMISTIC_WRITE);
        requireUnfinished(c);
        return book(c, request, null);
    }

    /**
     * A service station's fee for a visit assigned to it (another's is 404): a SUBMITTED line on the visit's case, billed
     * like any line, priced against the station's rate card. The one exception to "no cost lines on closed cases": on a
     * CLOSED case it is accepted up to {@code aftersales.cases.station-fee-window-days} after the day the case closed
     * (business zone); never on a REJECTED case.
     */
    public StationCostView submitStationFee(@NotNull UUID visitId, @NotNull @Valid StationFeeRequest request) {
        UUID station = caller.stationScope();
        FieldVisit visit = visits.ofStation(visitId, LockModeType.NONE);
        // The station reaches the case only through its visit (its scope sees no case as such).
        ServiceCase c = cases.findByIdOptional(visit.caseId, LockModeType.PESSIMISTIC_WRITE)
                .orElseThrow(() -> ProblemException.notFound("field-visit", visitId));
        if (c.status == CaseStatus.CLOSED) {
            LocalDate closedOn = c.closedAt.atZoneSameInstant(config.zone()).toLocalDate();
            LocalDate lastDay = closedOn.plusDays(config.cases().stationFeeWindowDays());
            if (LocalDate.now(clock).isAfter(lastDay)) {
                throw new ProblemException(409, "cost_case_finished", Messages.coded("case_status", c.status))
                        .with("caseStatus", c.status).with("closedOn", closedOn).with("stationFeesUntil", lastDay);
            }
        } else {
            requireUnfinished(c);
        }
        if (visit.status() == FieldVisit.Status.CANCELLED) {
            throw new ProblemException(409, "visit_wrong_status", Messages.coded("visit_status", visit.status()));
        }
        requireQuantities(request);
        List<UUID> documents = request.documents() == null ? List.of() : List.copyOf(new java.util.LinkedHashSet<>(request.documents()));
        for (UUID document : documents) {
            if (attachments.count("id = ?1 and caseId = ?2 and visitId = ?3 and uploaded = true", document, c.id, visit.id) == 0) {
                throw ProblemException.invalid("documents", "cases.station_document_not_of_visit", document);
            }
        }
        BigDecimal figure = rateCards.figure(station, request.category(), request.incurredOn(), request.labourHours(),
                request.travelKm(), request.travelDays()).orElse(null);
        CostView view = book(c, new CostRequest(request.category(), request.amountCny(), request.description(),
                request.incurredOn(), request.serialNo(), visit.id), new StationPart(station,
                new StationFeeRequest(request.category(), request.amountCny(), request.description(), request.incurredOn(),
                        request.serialNo(), request.labourHours(), request.travelKm(), request.travelDays(), documents), figure));
        return StationCostView.of(costs.findById(view.id()));
    }

    /** What a station's line must say for its card to price it; quantities of another category are refused. */
    private static void requireQuantities(StationFeeRequest r) {
        boolean hours = r.labourHours() != null;
        boolean travel = r.travelKm() != null || r.travelDays() != null;
        switch (r.category()) {
            case LABOUR -> {
                if (!hours) {
                    throw ProblemException.invalid("labourHours", "cases.station_fee_quantity_required");
                }
                if (travel) {
                    throw ProblemException.invalid(r.travelKm() != null ? "travelKm" : "travelDays", "cases.station_fee_quantity_not_for_category");
                }
            }
            case TRAVEL -> {
                if (!travel) {
                    throw ProblemException.invalid("travelKm", "cases.station_fee_quantity_required");
                }
                if (hours) {
                    throw ProblemException.invalid("labourHours", "cases.station_fee_quantity_not_for_category");
                }
            }
            case SERVICE_STATION_FEE -> {
                if (!hours && !travel) {
                    throw ProblemException.invalid("labourHours", "cases.station_fee_quantity_required");
                }
            }
            case PARTS -> {
                if (hours || travel) {
                    throw ProblemException.invalid(hours ? "labourHours" : r.travelKm() != null ? "travelKm" : "travelDays",
                            "cases.station_fee_quantity_not_for_category");
                }
            }
            default -> throw ProblemException.invalid("category", "validation.one_of", "SERVICE_STATION_FEE, LABOUR, TRAVEL, PARTS");
        }
    }

    /** The station's own lines of a visit assigned to it (another station's visit: 404). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public StationCostPage stationList(@NotNull UUID visitId, PageRequest page) {
        UUID station = caller.stationScope();
        FieldVisit visit = visits.ofStation(visitId, LockModeType.NONE);
        String where = "visitId = ?1 and stationId = ?2" + (page.after() == null ? "" : " and id > ?3");
        Object[] params = page.after() == null ? new Object[]{visit.id, station}
                : new Object[]{visit.id, station, uuidCursor(page.after())};
        List<CaseCost> rows = costs.find(where + " order by id", params).page(0, page.fetchSize()).list();
        Page<StationCostView> views = page.page(rows, x -> x.id.toString(), StationCostView::of);
        return new StationCostPage(views.items(), views.nextCursor(), views.limit());
    }

    private static BigDecimal scaled(BigDecimal value, int scale) {
        return value == null ? null : value.setScale(scale);
    }

    private static void requireUnfinished(ServiceCase c) {
        if (c.status == CaseStatus.CLOSED || c.status == CaseStatus.REJECTED) {
            throw new ProblemException(409, "cost_case_finished", Messages.coded("case_status", c.status))
                    .with("caseStatus", c.status);
        }
    }

    /** Writes a new SUBMITTED line on a case locked by the caller, billed as its unit's frozen entitlement says. */
    private CostView book(ServiceCase c, CostRequest request, StationPart station) {
        if (request.incurredOn().isAfter(LocalDate.now(clock))) {
            throw ProblemException.invalid("incurredOn", "cases.date_in_future");
        }
        CaseUnit billedUnit = billedUnit(c, request.serialNo());
        if (request.visitId() != null) {
            visits.ofCase(c.id, request.visitId());
        }
        return submitted(c, billedUnit, request.visitId(), request.category(), request.amountCny(),
                request.description().strip(), request.incurredOn(), station, "CREATE");
    }

    /**
     * A SUBMITTED line under the caller's name, billed by the unit's frozen entitlement (none: the company), with a
     * station's quantities, documents and rate-card figure when a station submits it; audited.
     */
    private CostView submitted(ServiceCase c, CaseUnit billedUnit, UUID visitId, CaseCost.Category category,
                               BigDecimal amountCny, String description, LocalDate incurredOn, StationPart station,
                               String auditAction) {
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
        if (station != null) {
            cost.stationId = station.stationId();
            // As the columns keep them, so the answer reads as a later read does (5 → "5.00").
            cost.labourHours = scaled(station.request().labourHours(), 2);
            cost.travelKm = scaled(station.request().travelKm(), 1);
            cost.travelDays = scaled(station.request().travelDays(), 1);
            cost.documents = new ArrayList<>(station.request().documents());
            cost.rateCardCny = station.rateCardCny();
        }
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
        requireUnfinished(c);
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
        requireUnfinished(c);
        CaseUnit billedUnit = billedUnit(c, serialNo);
        boolean atCost = billedToOf(billedUnit) != CaseCost.BilledTo.CUSTOMER && parts.standardCostCny() != null;
        BigDecimal price = atCost ? parts.standardCostCny() : parts.marketPriceCny();
        // Stored in the working language, as the staff's own descriptions are.
        String description = Messages.text(Messages.ZH, "cases.issue_description." + (atCost ? "STANDARD_COST" : "MARKET_PRICE"),
                parts.partNo(), parts.name(), parts.quantity(), price.setScale(2).toPlainString());
        return submitted(c, billedUnit, null, CaseCost.Category.PARTS,
                price.multiply(BigDecimal.valueOf(parts.quantity())).setScale(2), description, LocalDate.now(clock), null,
                "ISSUE_PARTS");
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

    /**
     * The case's lines; {@code flagged}: only service-station lines the after-sales manager should look at, those above
     * their rate card's figure and those no card priced ({@link CostView}).
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<CostView> list(@NotNull UUID caseId, boolean flagged, PageRequest page) {
        ServiceCase c = cases.visible(caseId, LockModeType.NONE);
        StringBuilder where = new StringBuilder("caseId = :case");
        Parameters params = Parameters.with("case", c.id);
        if (flagged) {
            where.append(" and stationId is not null and category <> :parts and (rateCardCny is null or amountCny > rateCardCny)");
            params.and("parts", CaseCost.Category.PARTS);
        }
        if (page.after() != null) {
            where.append(" and id > :after");
            params.and("after", uuidCursor(page.after()));
        }
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
