package com.aftersales.cases;

import com.aftersales.shared.persistence.Versioned;
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

/** A case (客诉单): one customer's report about one or more units, from intake to the customer's satisfaction. */
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
    public CaseStatus status;

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
    public boolean major;

    @Column(name = "major_reason")
    public String majorReason;

    @Column(name = "action_plan")
    public String actionPlan;

    @Enumerated(EnumType.STRING)
    @Column(name = "approval_status", nullable = false)
    public ApprovalStatus approvalStatus = ApprovalStatus.NOT_REQUIRED;

    @Column(name = "first_response_due", nullable = false)
    public OffsetDateTime firstResponseDue;

    @Column(name = "resolution_due", nullable = false)
    public OffsetDateTime resolutionDue;

    @Column(name = "first_responded_at")
    public OffsetDateTime firstRespondedAt;

    @Column(name = "resolved_at")
    public OffsetDateTime resolvedAt;

    @Column(name = "closed_at")
    public OffsetDateTime closedAt;

    @Column(name = "reopen_count", nullable = false)
    public int reopenCount;

    @Column(name = "duplicate_of")
    public UUID duplicateOf;

    /** The unit the possible duplicate shares, and how similar the failure descriptions are (0–100). */
    @Column(name = "duplicate_serial")
    public String duplicateSerial;

    @Column(name = "duplicate_similarity")
    public Integer duplicateSimilarity;

    @Column(name = "created_by", nullable = false, updatable = false)
    public String createdBy;
}
