package com.aftersales.cases;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import com.aftersales.shared.persistence.Versioned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
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

    /** The service station that submitted the line (null: staff submitted it). */
    @Column(name = "station_id", updatable = false)
    public UUID stationId;

    /** What a station's line claims, as its rate card prices it: labour hours, travel km and days. */
    @Column(name = "labour_hours", precision = 8, scale = 2, updatable = false)
    public BigDecimal labourHours;

    @Column(name = "travel_km", precision = 10, scale = 1, updatable = false)
    public BigDecimal travelKm;

    @Column(name = "travel_days", precision = 6, scale = 1, updatable = false)
    public BigDecimal travelDays;

    /** Attachments of the case that document the line. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public List<UUID> documents = new ArrayList<>();

    /** The station's rate card's figure for the line on the day it was incurred (null: no card in force, or parts). */
    @Column(name = "rate_card_cny", precision = 14, scale = 2, updatable = false)
    public BigDecimal rateCardCny;

    /** A station line above what its rate card allows. */
    public boolean rateCardExceeded() {
        return rateCardCny != null && amountCny.compareTo(rateCardCny) > 0;
    }

    /** A station line that no rate card priced: the station has no card in force on the day (parts are never priced). */
    public boolean noRateCard() {
        return stationId != null && category != Category.PARTS && rateCardCny == null;
    }
}
