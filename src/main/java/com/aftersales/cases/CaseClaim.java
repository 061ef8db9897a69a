package com.aftersales.cases;

import com.aftersales.shared.persistence.Versioned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/** The claim (索赔) of a CLAIM case: its lines are {@link CaseClaimLine}s; reviewed, then settled once. */
@Entity
@Table(name = "case_claim")
public class CaseClaim extends Versioned {

    @Schema(name = "ClaimCategory")
    public enum Category { PARTS, LABOUR, TRAVEL, CONSEQUENTIAL_DAMAGE, FREIGHT }

    @Schema(name = "ClaimStatus")
    public enum Status {
        CLAIMED, UNDER_REVIEW, AGREED, PARTLY_AGREED, REJECTED, SETTLED;

        /** A verdict has been given: nothing more to review. */
        boolean decided() {
            return this == AGREED || this == PARTLY_AGREED || this == REJECTED;
        }
    }

    @Schema(name = "ClaimSettlementKind")
    public enum SettlementKind { CREDIT_NOTE, PAYMENT }

    @Id
    public UUID id;

    @Column(name = "case_id", nullable = false, updatable = false)
    public UUID caseId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @Column(name = "claimed_by", nullable = false, updatable = false)
    public String claimedBy;

    @Column(name = "reviewed_by")
    public String reviewedBy;

    @Column(name = "reviewed_at")
    public OffsetDateTime reviewedAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "settlement_kind")
    public SettlementKind settlementKind;

    @Column(name = "settlement_ref")
    public String settlementRef;

    @Column(name = "settled_on")
    public LocalDate settledOn;

    @Column(name = "settled_cny", precision = 14, scale = 2)
    public BigDecimal settledCny;

    @Column(name = "settled_by")
    public String settledBy;
}
