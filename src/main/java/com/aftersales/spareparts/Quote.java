package com.aftersales.spareparts;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import com.aftersales.shared.error.ProblemException;
import com.aftersales.shared.persistence.Versioned;
import com.fasterxml.jackson.annotation.JsonFormat;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A quote for a chargeable case: parts at market price plus labour; the customer accepts or declines it once. */
@Entity
@Table(name = "quote")
public class Quote extends Versioned {

    @Schema(name = "QuoteStatus")
    public enum Status { ISSUED, ACCEPTED, DECLINED }

    @RegisterForReflection
    @Schema(name = "QuoteLine")
    public record Line(UUID partId, String partNo, String name, int quantity,
                       @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal unitPriceCny,
                       @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amountCny) {
    }

    @Id
    UUID id;

    @Column(name = "case_id", nullable = false, updatable = false)
    UUID caseId;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    List<Line> lines = new ArrayList<>();

    @Column(name = "labour_hours", nullable = false, precision = 8, scale = 2)
    BigDecimal labourHours;

    @Column(name = "labour_rate", nullable = false, precision = 14, scale = 2)
    BigDecimal labourRate;

    @Column(name = "total_cny", nullable = false, precision = 14, scale = 2)
    BigDecimal totalCny;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Status status;

    @Column(name = "issued_by", nullable = false, updatable = false)
    String issuedBy;

    @Column(name = "decided_at")
    private OffsetDateTime decidedAt;

    /** Where the parts are issued from when the quote is accepted. */
    @Column(nullable = false, updatable = false)
    String location;

    @Column(name = "decided_by")
    private String decidedBy;

    @Column(name = "decline_reason")
    private String declineReason;

    protected Quote() {
    }

    /** Issued with its lines priced; the total is labour plus parts, rounded to fen. */
    static Quote issue(UUID caseId, List<Line> lines, BigDecimal partsCny, BigDecimal labourHours, BigDecimal labourRate,
                       String location, String by) {
        Quote q = new Quote();
        q.id = UUID.randomUUID();
        q.caseId = caseId;
        q.lines = new ArrayList<>(lines);
        q.labourHours = labourHours;
        q.labourRate = labourRate;
        q.totalCny = labourHours.multiply(labourRate).add(partsCny).setScale(2, RoundingMode.HALF_UP);
        q.status = Status.ISSUED;
        q.location = location;
        q.issuedBy = by;
        return q;
    }

    /** The customer (or sales on its behalf) accepts or declines an issued quote. */
    void decide(boolean accept, String reason, String by, OffsetDateTime at) {
        if (status != Status.ISSUED) {
            throw new ProblemException(409, "quote_decided", status);
        }
        if (!accept && reason == null) {
            throw ProblemException.invalid("reason", "quotes.decline_reason_required");
        }
        status = accept ? Status.ACCEPTED : Status.DECLINED;
        declineReason = accept ? null : reason;
        decidedBy = by;
        decidedAt = at;
    }

    /** Labour hours at the rate, rounded to fen. */
    BigDecimal labourCny() {
        return labourHours.multiply(labourRate).setScale(2, RoundingMode.HALF_UP);
    }

    public String decidedBy() {
        return decidedBy;
    }

    public String declineReason() {
        return declineReason;
    }

    public Status status() {
        return status;
    }

    public OffsetDateTime decidedAt() {
        return decidedAt;
    }
}
