package com.aftersales.cases;

import com.aftersales.shared.error.ProblemException;
import com.aftersales.shared.persistence.Versioned;
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

    @Enumerated(EnumType.STRING)
    @Column(name = "product_line", nullable = false)
    public ProductLine productLine;

    @Column(nullable = false)
    public String title;

    @Column(nullable = false)
    public String description;

    @Column(name = "failure_date", nullable = false)
    public LocalDate failureDate;

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

    @Column(nullable = false)
    boolean major;

    @Column(name = "major_reason")
    String majorReason;

    @Column(name = "action_plan")
    String actionPlan;

    @Enumerated(EnumType.STRING)
    @Column(name = "approval_status", nullable = false)
    ApprovalStatus approvalStatus = ApprovalStatus.NOT_REQUIRED;

    @Column(name = "first_response_due", nullable = false)
    public OffsetDateTime firstResponseDue;

    @Column(name = "resolution_due", nullable = false)
    public OffsetDateTime resolutionDue;

    @Column(name = "first_responded_at")
    OffsetDateTime firstRespondedAt;

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
     * Moves the case to {@code to}. A major case needs the general manager's approval before resolving; a rejection
     * says why; the first acknowledgement or rejection is the first response. Reopening counts as a repeat failure and
     * is possible while the records are kept: {@code keptUntil} is asked for only then.
     */
    void transition(CaseStatus to, String comment, OffsetDateTime now, Supplier<LocalDate> keptUntil) {
        CaseStatus from = status;
        if (!from.canMoveTo(to)) {
            throw new ProblemException(409, "case_transition_not_allowed", from, to, from.next())
                    .with("allowedTransitions", from.next());
        }
        if (to == CaseStatus.RESOLVING && major && approvalStatus != ApprovalStatus.APPROVED) {
            throw new ProblemException(409, "case_needs_gm_approval", approvalStatus)
                    .with("approvalStatus", approvalStatus);
        }
        if (to == CaseStatus.REJECTED && (comment == null || comment.isBlank())) {
            throw ProblemException.invalid("comment", "cases.reject_needs_reason");
        }
        if (to == CaseStatus.REOPENED) {
            LocalDate until = keptUntil.get();
            // "Today" in the business zone: now carries the zone's offset.
            if (now.toLocalDate().isAfter(until)) {
                throw new ProblemException(409, "case_retention_over", until);
            }
        }
        if (firstRespondedAt == null && (to == CaseStatus.ACKNOWLEDGED || to == CaseStatus.REJECTED)) {
            firstRespondedAt = now;
        }
        switch (to) {
            case RESOLVED -> resolvedAt = now;
            case CLOSED -> closedAt = now;
            case REOPENED -> {
                reopenCount++;
                resolvedAt = null;
                closedAt = null;
            }
            default -> {
            }
        }
        status = to;
    }

    /** A major issue needs the general manager's approval of its action plan (总经理审批). */
    void markMajor(String reason) {
        if (major) {
            throw new ProblemException(409, "case_already_major");
        }
        major = true;
        majorReason = reason.strip();
        approvalStatus = actionPlan == null ? ApprovalStatus.PLAN_MISSING : ApprovalStatus.PENDING;
    }

    /** The action plan of an open case; a changed plan of a major case needs the general manager again. */
    void submitActionPlan(String plan) {
        if (!status.isOpen()) {
            throw new ProblemException(409, "case_not_open", status);
        }
        actionPlan = plan.strip();
        if (major) {
            approvalStatus = ApprovalStatus.PENDING;
        }
    }

    /** The general manager approves or rejects a pending plan; a rejection says why. */
    void decideApproval(boolean approve, String comment) {
        if (approvalStatus != ApprovalStatus.PENDING) {
            throw new ProblemException(409, "case_nothing_to_approve", approvalStatus)
                    .with("approvalStatus", approvalStatus);
        }
        if (!approve && (comment == null || comment.isBlank())) {
            throw ProblemException.invalid("comment", "cases.reject_needs_reason");
        }
        approvalStatus = approve ? ApprovalStatus.APPROVED : ApprovalStatus.REJECTED;
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
