package com.aftersales.cases;

import com.aftersales.shared.audit.AuditTrail;
import com.aftersales.shared.error.Messages;
import com.aftersales.shared.error.ProblemException;
import com.aftersales.shared.security.Caller;
import com.aftersales.shared.web.Versions;
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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * The claim (索赔) of a CLAIM case: the customer's claimed amounts by category with their documents, the review that
 * agrees each line (who, when, why it differs) and the one settlement (credit note or payment, never above the agreed
 * total). A settled claim never changes again. Independent of the case's own status: a closed case's claim is still
 * reviewed and settled.
 */
@ApplicationScoped
@Transactional
public class CaseClaims {

    static final String AUDIT_TYPE = "case-claim";

    public record ClaimLineRequest(
            @NotNull CaseClaim.Category category,
            @NotNull @DecimalMin("0.01") @DecimalMax("999999999999.99") @Digits(integer = 12, fraction = 2)
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal claimedCny,
            @NotBlank @Size(max = 2000) String description,
            @Size(max = 20) List<@NotNull UUID> documents) {
    }

    public record ClaimRequest(@NotNull @Size(min = 1, max = 50) List<@NotNull @Valid ClaimLineRequest> lines) {
    }

    public record ClaimLineReview(
            @NotNull UUID lineId,
            @NotNull @DecimalMin("0.00") @DecimalMax("999999999999.99") @Digits(integer = 12, fraction = 2)
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal agreedCny,
            @Size(max = 2000) String reason) {
    }

    /** Agreed amounts for some or all lines; {@code complete}: every line is decided and the verdict follows the sums. */
    public record ClaimReviewRequest(@NotNull @Size(max = 50) List<@NotNull @Valid ClaimLineReview> lines, boolean complete) {
    }

    public record ClaimSettlementRequest(
            @NotNull CaseClaim.SettlementKind kind,
            @NotBlank @Size(max = 100) String reference,
            @NotNull LocalDate settledOn,
            @NotNull @DecimalMin("0.01") @DecimalMax("999999999999.99") @Digits(integer = 12, fraction = 2)
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amountCny) {
    }

    @RegisterForReflection
    public record ClaimLineView(UUID id, CaseClaim.Category category,
                           @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal claimedCny, String description,
                           List<UUID> documents, @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal agreedCny,
                           String reason) {
        static ClaimLineView of(CaseClaimLine l) {
            return new ClaimLineView(l.id, l.category, l.claimedCny.setScale(2), l.description, List.copyOf(l.documents),
                    l.agreedCny == null ? null : l.agreedCny.setScale(2), l.reason);
        }
    }

    @RegisterForReflection
    public record ClaimSettlementView(CaseClaim.SettlementKind kind, String reference, LocalDate settledOn,
                                 @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amountCny, String settledBy) {
    }

    /** A claim as both staff and the customer read it: amounts, reasons and who decided; no internal costs. */
    @RegisterForReflection
    public record ClaimView(UUID id, UUID caseId, CaseClaim.Status status, List<ClaimLineView> lines,
                            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal claimedCny,
                            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal agreedCny,
                            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal settledCny,
                            String claimedBy, String reviewedBy, OffsetDateTime reviewedAt, ClaimSettlementView settlement,
                            long version, OffsetDateTime createdAt, OffsetDateTime updatedAt) {
        static ClaimView of(CaseClaim c, List<CaseClaimLine> lines) {
            List<ClaimLineView> views = lines.stream().map(ClaimLineView::of).toList();
            BigDecimal claimed = views.stream().map(ClaimLineView::claimedCny).reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
            BigDecimal agreed = views.stream().allMatch(l -> l.agreedCny() == null) ? null
                    : views.stream().map(ClaimLineView::agreedCny).filter(Objects::nonNull)
                    .reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
            ClaimSettlementView settlement = c.settledOn == null ? null : new ClaimSettlementView(c.settlementKind, c.settlementRef,
                    c.settledOn, c.settledCny.setScale(2), c.settledBy);
            return new ClaimView(c.id, c.caseId, c.status, views, claimed, agreed,
                    settlement == null ? null : settlement.amountCny(), c.claimedBy, c.reviewedBy, c.reviewedAt,
                    settlement, c.version, c.createdAt, c.updatedAt);
        }
    }

    @Inject
    CaseRepository cases;

    @Inject
    CaseClaimRepository claims;

    @Inject
    CaseClaimLineRepository lines;

    @Inject
    AttachmentRepository attachments;

    @Inject
    CaseTimeline timeline;

    @Inject
    Caller caller;

    @Inject
    AuditTrail audit;

    @Inject
    Clock clock;

    /**
     * Creates the case's claim ({@code If-None-Match: *}) or replaces its claimed lines ({@code If-Match}) while it is
     * CLAIMED. The case row is locked first, so two first claims of one case run one after the other (the second: 412).
     */
    public ClaimView put(@NotNull UUID caseId, @NotNull Versions.Put precondition, @NotNull @Valid ClaimRequest request) {
        ServiceCase c = cases.visible(caseId, LockModeType.PESSIMISTIC_WRITE);
        if (c.type != CaseType.CLAIM) {
            throw new ProblemException(409, "claim_case_type", Messages.coded("case_type", c.type));
        }
        CaseClaim claim = claims.find("caseId", c.id).firstResult();
        precondition.check(claim == null ? null : claim.version);
        ClaimView before = null;
        if (claim != null) {
            requireOpen(claim);
            if (claim.status != CaseClaim.Status.CLAIMED) {
                throw new ProblemException(409, "claim_in_review", Messages.coded("claim_status", claim.status))
                        .with("currentStatus", claim.status);
            }
        }
        for (int i = 0; i < request.lines().size(); i++) {
            List<UUID> documents = request.lines().get(i).documents();
            for (UUID document : documents == null ? List.<UUID>of() : documents) {
                if (attachments.count("id = ?1 and caseId = ?2", document, c.id) == 0) {
                    throw ProblemException.invalid("lines[" + i + "].documents", "cases.claim_document_not_in_case", document);
                }
            }
        }
        if (claim == null) {
            claim = new CaseClaim();
            claim.id = UUID.randomUUID();
            claim.caseId = c.id;
            claim.status = CaseClaim.Status.CLAIMED;
            claim.claimedBy = caller.subject();
            claims.persist(claim);
        } else {
            before = view(claim);
            claims.getEntityManager().lock(claim, LockModeType.PESSIMISTIC_FORCE_INCREMENT);
            lines.delete("claimId", claim.id);
        }
        int position = 0;
        for (ClaimLineRequest r : request.lines()) {
            CaseClaimLine line = new CaseClaimLine();
            line.id = UUID.randomUUID();
            line.claimId = claim.id;
            line.position = position++;
            line.category = r.category();
            line.claimedCny = r.claimedCny().setScale(2);
            line.description = r.description().strip();
            line.documents = r.documents() == null ? new ArrayList<>() : new ArrayList<>(new java.util.LinkedHashSet<>(r.documents()));
            lines.persist(line);
        }
        claims.flush();
        ClaimView after = view(claim);
        timeline.recordKeyed(c.id, CaseEvent.Kind.CLAIM, CaseEvent.Visibility.CUSTOMER, "cases.claim_event.CLAIMED",
                after.claimedCny());
        audit.record(AUDIT_TYPE, claim.id, before == null ? "CREATE" : "UPDATE", before, after);
        return forCaller(after);
    }

    /**
     * Agreed amounts line by line (each at most what was claimed; a reason where it differs). Not complete: the claim is
     * UNDER_REVIEW and the customer can no longer change it. Complete: every line must have its agreed amount, and the
     * status follows from the sums (all agreed: AGREED; some: PARTLY_AGREED; none: REJECTED).
     */
    public ClaimView review(@NotNull UUID caseId, long expectedVersion, @NotNull @Valid ClaimReviewRequest request) {
        CaseClaim claim = locked(caseId, expectedVersion);
        if (claim.status != CaseClaim.Status.CLAIMED && claim.status != CaseClaim.Status.UNDER_REVIEW) {
            throw new ProblemException(409, "claim_reviewed", Messages.coded("claim_status", claim.status))
                    .with("currentStatus", claim.status);
        }
        List<CaseClaimLine> current = lines(claim);
        Map<UUID, CaseClaimLine> byId = new HashMap<>();
        current.forEach(l -> byId.put(l.id, l));
        Set<UUID> seen = new HashSet<>();
        for (int i = 0; i < request.lines().size(); i++) {
            ClaimLineReview r = request.lines().get(i);
            CaseClaimLine line = byId.get(r.lineId());
            if (line == null || !seen.add(r.lineId())) {
                throw ProblemException.invalid("lines[" + i + "].lineId", "cases.claim_line_unknown", r.lineId());
            }
            if (r.agreedCny().compareTo(line.claimedCny) > 0) {
                throw ProblemException.invalid("lines[" + i + "].agreedCny", "cases.claim_agreed_above_claimed",
                        line.claimedCny.setScale(2));
            }
            if (r.agreedCny().compareTo(line.claimedCny) != 0 && (r.reason() == null || r.reason().isBlank())) {
                throw ProblemException.invalid("lines[" + i + "].reason", "cases.claim_difference_needs_reason");
            }
        }
        if (request.complete()) {
            for (CaseClaimLine line : current) {
                if (line.agreedCny == null && !seen.contains(line.id)) {
                    throw ProblemException.invalid("lines", "cases.claim_line_undecided", line.id);
                }
            }
        }
        ClaimView before = view(claim, current);
        for (ClaimLineReview r : request.lines()) {
            CaseClaimLine line = byId.get(r.lineId());
            line.agreedCny = r.agreedCny().setScale(2);
            line.reason = r.reason() == null || r.reason().isBlank() ? null : r.reason().strip();
        }
        // The claim row changes with every review (who, when), so its version moves once, lines or not.
        claim.reviewedBy = caller.subject();
        claim.reviewedAt = OffsetDateTime.now(clock);
        claim.status = request.complete() ? verdict(current) : CaseClaim.Status.UNDER_REVIEW;
        claims.flush();
        ClaimView after = view(claim, current);
        timeline.recordKeyed(claim.caseId, CaseEvent.Kind.CLAIM, CaseEvent.Visibility.CUSTOMER,
                "cases.claim_event." + claim.status, after.agreedCny() == null ? "0.00" : after.agreedCny());
        audit.record(AUDIT_TYPE, claim.id, "REVIEW", before, after);
        return after;
    }

    /** All lines agreed in full: AGREED; nothing agreed: REJECTED; anything between: PARTLY_AGREED. */
    static CaseClaim.Status verdict(List<CaseClaimLine> lines) {
        BigDecimal claimed = lines.stream().map(l -> l.claimedCny).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal agreed = lines.stream().map(l -> l.agreedCny).reduce(BigDecimal.ZERO, BigDecimal::add);
        if (agreed.signum() == 0) {
            return CaseClaim.Status.REJECTED;
        }
        return agreed.compareTo(claimed) == 0 ? CaseClaim.Status.AGREED : CaseClaim.Status.PARTLY_AGREED;
    }

    /** The one settlement of an agreed (or partly agreed) claim: never above the agreed total, never dated ahead. */
    public ClaimView settle(@NotNull UUID caseId, long expectedVersion, @NotNull @Valid ClaimSettlementRequest request) {
        CaseClaim claim = locked(caseId, expectedVersion);
        if (claim.status != CaseClaim.Status.AGREED && claim.status != CaseClaim.Status.PARTLY_AGREED) {
            throw new ProblemException(409, "claim_not_agreed", Messages.coded("claim_status", claim.status))
                    .with("currentStatus", claim.status);
        }
        if (request.settledOn().isAfter(LocalDate.now(clock))) {
            throw ProblemException.invalid("settledOn", "cases.date_in_future");
        }
        List<CaseClaimLine> current = lines(claim);
        ClaimView before = view(claim, current);
        if (request.amountCny().compareTo(before.agreedCny()) > 0) {
            throw ProblemException.invalid("amountCny", "cases.claim_settled_above_agreed", before.agreedCny());
        }
        claim.status = CaseClaim.Status.SETTLED;
        claim.settlementKind = request.kind();
        claim.settlementRef = request.reference().strip();
        claim.settledOn = request.settledOn();
        claim.settledCny = request.amountCny().setScale(2);
        claim.settledBy = caller.subject();
        claims.flush();
        ClaimView after = view(claim, current);
        timeline.recordKeyed(claim.caseId, CaseEvent.Kind.CLAIM, CaseEvent.Visibility.CUSTOMER, "cases.claim_event.SETTLED",
                after.settledCny(), claim.settlementRef);
        audit.record(AUDIT_TYPE, claim.id, "SETTLE", before, after);
        return after;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public ClaimView get(@NotNull UUID caseId) {
        ServiceCase c = cases.visible(caseId, LockModeType.NONE);
        CaseClaim claim = claims.find("caseId", c.id).firstResultOptional()
                .orElseThrow(() -> ProblemException.notFound("case-claim", caseId));
        return forCaller(view(claim));
    }

    /** As a customer account reads it: who claimed, reviewed and settled are staff accounts, internal as on a case. */
    private ClaimView forCaller(ClaimView v) {
        if (caller.isStaff()) {
            return v;
        }
        ClaimSettlementView settlement = v.settlement() == null ? null : new ClaimSettlementView(v.settlement().kind(),
                v.settlement().reference(), v.settlement().settledOn(), v.settlement().amountCny(), null);
        return new ClaimView(v.id(), v.caseId(), v.status(), v.lines(), v.claimedCny(), v.agreedCny(), v.settledCny(),
                null, null, v.reviewedAt(), settlement, v.version(), v.createdAt(), v.updatedAt());
    }

    /** The case's claim, locked, at the version the client saw; 409 claim_settled once settled. */
    private CaseClaim locked(UUID caseId, long expectedVersion) {
        ServiceCase c = cases.visible(caseId, LockModeType.PESSIMISTIC_WRITE);
        CaseClaim claim = claims.find("caseId", c.id).withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional()
                .orElseThrow(() -> ProblemException.notFound("case-claim", caseId));
        Versions.check(claim.version, expectedVersion);
        requireOpen(claim);
        return claim;
    }

    private static void requireOpen(CaseClaim claim) {
        if (claim.status == CaseClaim.Status.SETTLED) {
            throw new ProblemException(409, "claim_settled", claim.settlementRef);
        }
    }

    private List<CaseClaimLine> lines(CaseClaim claim) {
        return lines.list("claimId = ?1 order by position", claim.id);
    }

    private ClaimView view(CaseClaim claim) {
        return view(claim, lines(claim));
    }

    private static ClaimView view(CaseClaim claim, List<CaseClaimLine> current) {
        return ClaimView.of(claim, current);
    }
}
