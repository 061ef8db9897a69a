package com.aftersales.cases;

import com.aftersales.shared.error.Messages;
import com.aftersales.shared.error.ProblemException;
import com.aftersales.shared.persistence.Versioned;
import com.aftersales.shared.security.Roles;
import com.aftersales.shared.web.Text;
import com.aftersales.unit.ProductLine;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * A case (客诉单): one customer's report about one or more units, from intake to the customer's satisfaction. Its
 * transitions (see {@link CaseStatus}), the major-issue approval and the owner hand-over check their rules here; the
 * state they change is package-private, set nowhere else but at intake.
 */
@Entity
@Table(name = "service_case")
public class ServiceCase extends Versioned {

    @Id
    public UUID id;

    @Column(name = "case_no", nullable = false, updatable = false)
    public String caseNo;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public CaseType type;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    CaseStatus status;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Severity severity;

    @Column(name = "customer_id", nullable = false, updatable = false)
    public UUID customerId;

    /** Null for a case without units whose customer has none either (routed to the default owner). */
    @Enumerated(EnumType.STRING)
    @Column(name = "product_line")
    public ProductLine productLine;

    @Column(nullable = false)
    public String title;

    @Column(nullable = false)
    public String description;

    /** Null for a service request, which has its purpose instead. */
    @Column(name = "failure_date")
    public LocalDate failureDate;

    @Enumerated(EnumType.STRING)
    @Column(name = "service_purpose", updatable = false)
    public ServicePurpose servicePurpose;

    @Column(name = "reporter_name", nullable = false)
    public String reporterName;

    @Column(name = "reporter_phone")
    public String reporterPhone;

    @Column(name = "reporter_email")
    public String reporterEmail;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Channel channel;

    @Column(name = "owner_role", nullable = false)
    public String ownerRole;

    @Column(name = "owner_person")
    public String ownerPerson;

    /** The owner role of the routing row that routed the case at intake; it stays when the case is handed over. */
    @Column(name = "manager_role", nullable = false, updatable = false)
    String managerRole;

    @Column(nullable = false)
    boolean major;

    @Column(name = "major_reason")
    String majorReason;

    @Column(name = "action_plan")
    String actionPlan;

    @Enumerated(EnumType.STRING)
    @Column(name = "approval_status", nullable = false)
    ApprovalStatus approvalStatus = ApprovalStatus.NOT_REQUIRED;

    /** Who decided the current plan (approved or rejected), and the general manager they did it for when a deputy. */
    @Column(name = "approval_decided_by")
    String approvalDecidedBy;

    @Column(name = "approval_on_behalf_of")
    String approvalOnBehalfOf;

    @Column(name = "first_response_due", nullable = false)
    public OffsetDateTime firstResponseDue;

    @Column(name = "resolution_due", nullable = false)
    public OffsetDateTime resolutionDue;

    @Column(name = "first_responded_at")
    OffsetDateTime firstRespondedAt;

    /** The response to the current response clock (since intake or the last reopening); the SLA watches this one. */
    @Column(name = "responded_at")
    OffsetDateTime respondedAt;

    @Column(name = "resolved_at")
    OffsetDateTime resolvedAt;

    @Column(name = "closed_at")
    OffsetDateTime closedAt;

    @Column(name = "reopen_count", nullable = false)
    int reopenCount;

    @Column(name = "duplicate_of")
    public UUID duplicateOf;

    /** The unit the possible duplicate shares, and how similar the failure descriptions are (0–100). */
    @Column(name = "duplicate_serial")
    public String duplicateSerial;

    @Column(name = "duplicate_similarity")
    public Integer duplicateSimilarity;

    @Column(name = "created_by", nullable = false, updatable = false)
    public String createdBy;

    /**
     * Who may act on the case (move it, hand it over, mark it major, submit its action plan, close it): its owner — the
     * owner person, or anyone in the owner role when no person is set —, the manager role of the routing row that
     * routed it, QUALITY_ENGINEER (who tracks every case to closure), GENERAL_MANAGER and ADMIN. Anyone else: 403.
     */
    void requireActor(String subject, java.util.function.Predicate<String> hasRole) {
        boolean owner = ownerPerson != null ? ownerPerson.equals(subject) : hasRole.test(ownerRole);
        if (!owner && !hasRole.test(managerRole) && !hasRole.test(Roles.QUALITY_ENGINEER)
                && !hasRole.test(Roles.GENERAL_MANAGER) && !hasRole.test(Roles.ADMIN)) {
            throw new ProblemException(403, "case_actor_not_allowed");
        }
    }

    /**
     * Moves the case to {@code to}. A major case needs the general manager's approval before resolving; a rejection
     * says why; the first acknowledgement or rejection is the first response (and answers the response clock).
     * Reopening is possible while the records are kept ({@code keptUntil} is asked for only then), starts new response
     * and resolution clocks from now ({@code clocks}: the SLA's hours, asked for only then) and, after RESOLVED or
     * CLOSED, counts as a recurrence. RESOLVED and CLOSED pass their
     * gates: {@code unmet} answers what the case still lacks for {@code to} (asked for only then); anything → 409 with
     * every unmet condition.
     */
    void transition(CaseStatus to, String comment, OffsetDateTime now, Supplier<LocalDate> keptUntil,
                    java.util.function.Function<CaseStatus, java.util.List<CaseGates.Unmet>> unmet,
                    Supplier<CaseSettings.Intake> clocks) {
        CaseStatus from = status;
        if (!from.canMoveTo(to)) {
            throw new ProblemException(409, "case_transition_not_allowed", Messages.coded("case_status", from),
                    Messages.coded("case_status", to), from.next().stream().map(s -> Messages.coded("case_status", s)).toList())
                    .with("allowedTransitions", from.next());
        }
        if (to == CaseStatus.RESOLVING && major && approvalStatus != ApprovalStatus.APPROVED) {
            throw new ProblemException(409, "case_needs_gm_approval", Messages.coded("approval_status", approvalStatus))
                    .with("approvalStatus", approvalStatus);
        }
        if (to == CaseStatus.REJECTED && (comment == null || comment.isBlank())) {
            throw ProblemException.invalid("comment", "cases.reject_needs_reason");
        }
        if (to == CaseStatus.RESOLVED || to == CaseStatus.CLOSED) {
            java.util.List<CaseGates.Unmet> missing = unmet.apply(to);
            if (!missing.isEmpty()) {
                throw new ProblemException(409, "case_gate_unmet", Messages.coded("case_status", to), missing.size()).with("unmet", missing);
            }
        }
        if (to == CaseStatus.REOPENED) {
            LocalDate until = keptUntil.get();
            // "Today" in the business zone: now carries the zone's offset.
            if (now.toLocalDate().isAfter(until)) {
                throw new ProblemException(409, "case_retention_over", until);
            }
        }
        if (respondedAt == null && (to == CaseStatus.ACKNOWLEDGED || to == CaseStatus.REJECTED)) {
            respondedAt = now;
            if (firstRespondedAt == null) {
                firstRespondedAt = now;
            }
        }
        switch (to) {
            case RESOLVED -> resolvedAt = now;
            case CLOSED -> closedAt = now;
            case REOPENED -> {
                // A recurrence only when the case had been solved; a rejected case reopened was never solved.
                if (from == CaseStatus.RESOLVED || from == CaseStatus.CLOSED) {
                    reopenCount++;
                }
                resolvedAt = null;
                closedAt = null;
                // New response and resolution clocks from the reopening, by the SLA that applies now.
                CaseSettings.Intake sla = clocks.get();
                firstResponseDue = now.plusHours(sla.firstResponseHours());
                resolutionDue = now.plusHours(sla.resolutionHours());
                respondedAt = null;
            }
            default -> {
            }
        }
        status = to;
    }

    /**
     * A major issue needs the general manager's approval of its action plan (总经理审批). Only an open case is marked;
     * one marked while RESOLVING reaches RESOLVED (and CLOSED) only once the plan is approved (see {@link CaseGates}).
     */
    void markMajor(String reason) {
        if (!status.isOpen()) {
            throw new ProblemException(409, "case_not_open", Messages.coded("case_status", status));
        }
        if (major) {
            throw new ProblemException(409, "case_already_major");
        }
        major = true;
        majorReason = reason.strip();
        approvalStatus = actionPlan == null ? ApprovalStatus.PLAN_MISSING : ApprovalStatus.PENDING;
        approvalDecidedBy = null;
        approvalOnBehalfOf = null;
    }

    /**
     * Corrects what intake recorded about the report (title, description, who reported it, by which channel) while the
     * case is open. What rules derive from (type, customer, units, failure date, severity) has its own steps or none.
     */
    void reviseDetails(CaseDetails.DetailsRequest details) {
        if (!status.isOpen()) {
            throw new ProblemException(409, "case_not_open", Messages.coded("case_status", status));
        }
        title = details.title().strip();
        description = details.description().strip();
        reporterName = details.reporter().name().strip();
        reporterPhone = Text.blankToNull(details.reporter().phone());
        reporterEmail = Text.blankToNull(details.reporter().email());
        channel = details.channel();
    }

    /** The action plan of an open case; a changed plan of a major case needs the general manager again. */
    void submitActionPlan(String plan) {
        if (!status.isOpen()) {
            throw new ProblemException(409, "case_not_open", Messages.coded("case_status", status));
        }
        actionPlan = plan.strip();
        if (major) {
            approvalStatus = ApprovalStatus.PENDING;
            approvalDecidedBy = null;
            approvalOnBehalfOf = null;
        }
    }

    /**
     * The general manager ({@code by}), or their deputy {@code by} on behalf of {@code onBehalfOf}, approves or rejects a
     * pending plan; a rejection says why.
     */
    void decideApproval(boolean approve, String comment, String by, String onBehalfOf) {
        if (approvalStatus != ApprovalStatus.PENDING) {
            throw new ProblemException(409, "case_nothing_to_approve", Messages.coded("approval_status", approvalStatus))
                    .with("approvalStatus", approvalStatus);
        }
        if (!approve && (comment == null || comment.isBlank())) {
            throw ProblemException.invalid("comment", "cases.reject_needs_reason");
        }
        approvalStatus = approve ? ApprovalStatus.APPROVED : ApprovalStatus.REJECTED;
        approvalDecidedBy = by;
        approvalOnBehalfOf = onBehalfOf;
    }

    /** Hands the case over to an owner role (one of the routing roles), a person, or both. */
    void assign(String role, String person) {
        if (role != null && !CaseSettings.OWNER_ROLES.contains(role)) {
            throw ProblemException.invalid("ownerRole", "validation.one_of", String.join(", ", CaseSettings.OWNER_ROLES));
        }
        if (role == null && (person == null || person.isBlank())) {
            throw ProblemException.invalid("ownerPerson", "validation.required");
        }
        if (role != null) {
            ownerRole = role;
        }
        ownerPerson = Text.blankToNull(person);
    }
}
