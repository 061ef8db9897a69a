package com.aftersales.cases;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import com.aftersales.shared.persistence.Versioned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

/** A cost line of a case (差旅费, 服务站维修费, parts, labour, freight), billed as the frozen entitlement says. */
@Entity
@Table(name = "case_cost")
public class CaseCost extends Versioned {

    public enum Category { TRAVEL, SERVICE_STATION_FEE, PARTS, LABOUR, FREIGHT }

    /** Who pays: the company (free warranty), as the service contract says, or the customer at market price. */
    public enum BilledTo { COMPANY, SERVICE_CONTRACT, CUSTOMER }

    @Schema(name = "CostStatus")
    public enum Status { SUBMITTED, AWAITING_GM, VERIFIED, REJECTED }

    @Id
    public UUID id;

    @Column(name = "case_id", nullable = false, updatable = false)
    public UUID caseId;

    @Column(name = "visit_id")
    public UUID visitId;

    @Column(name = "serial_no")
    public String serialNo;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Category category;

    @Column(name = "amount_cny", nullable = false, precision = 14, scale = 2)
    public BigDecimal amountCny;

    @Column(nullable = false)
    public String description;

    @Column(name = "incurred_on", nullable = false)
    public LocalDate incurredOn;

    @Enumerated(EnumType.STRING)
    @Column(name = "billed_to", nullable = false)
    public BilledTo billedTo;

    @Column(name = "contract_ref")
    public String contractRef;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @Column(name = "submitted_by", nullable = false, updatable = false)
    public String submittedBy;

    @Column(name = "verified_by")
    public String verifiedBy;

    @Column(name = "gm_approved_by")
    public String gmApprovedBy;

    /** The general manager a deputy approved the line for (null: approved in their own right). */
    @Column(name = "gm_on_behalf_of")
    public String gmOnBehalfOf;

    @Column(name = "decision_comment")
    public String decisionComment;
}
