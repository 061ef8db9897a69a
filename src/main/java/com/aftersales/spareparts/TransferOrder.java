package com.aftersales.spareparts;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import com.aftersales.shared.error.ProblemException;
import com.aftersales.shared.persistence.Versioned;
import com.aftersales.shared.web.Text;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * 调拨单: requested, approved or rejected by the product manager, shipped by the warehouse, received. Each step
 * checks here that it follows the step before; the caller moves the stock.
 */
@Entity
@Table(name = "transfer_order")
public class TransferOrder extends Versioned {

    @Schema(name = "TransferOrderStatus")
    public enum Status { REQUESTED, APPROVED, REJECTED, SHIPPED, RECEIVED }

    @RegisterForReflection
    @Schema(name = "TransferOrderLine")
    public record Line(@NotNull UUID partId, @NotNull @Positive @Max(1_000_000) Integer quantity) {
    }

    @Id
    UUID id;

    @Column(name = "transfer_no", nullable = false, updatable = false)
    String transferNo;

    @Column(name = "from_location", nullable = false)
    String fromLocation;

    @Column(name = "to_location", nullable = false)
    String toLocation;

    @Column(name = "case_id")
    UUID caseId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Status status;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    List<Line> lines = new ArrayList<>();

    @Column(name = "requested_by", nullable = false, updatable = false)
    String requestedBy;

    @Column(name = "decided_by")
    private String decidedBy;

    @Column(name = "decision_comment")
    private String decisionComment;

    private String carrier;

    @Column(name = "tracking_no")
    private String trackingNo;

    @Column(name = "shipped_on")
    private LocalDate shippedOn;

    @Column(name = "received_at")
    private OffsetDateTime receivedAt;

    protected TransferOrder() {
    }

    static TransferOrder request(String transferNo, String fromLocation, String toLocation, UUID caseId, List<Line> lines,
                                 String by) {
        TransferOrder o = new TransferOrder();
        o.id = UUID.randomUUID();
        o.transferNo = transferNo;
        o.fromLocation = fromLocation;
        o.toLocation = toLocation;
        o.caseId = caseId;
        o.status = Status.REQUESTED;
        o.lines = new ArrayList<>(lines);
        o.requestedBy = by;
        return o;
    }

    /** 调拨单审核: the product manager approves a requested order. */
    void approve(String by, String comment) {
        require(Status.REQUESTED);
        decided(Status.APPROVED, by, comment);
    }

    /** A rejection says why. */
    void reject(String by, String comment) {
        require(Status.REQUESTED);
        if (comment == null || comment.isBlank()) {
            throw ProblemException.invalid("comment", "cases.reject_needs_reason");
        }
        decided(Status.REJECTED, by, comment);
    }

    private void decided(Status outcome, String by, String comment) {
        status = outcome;
        decidedBy = by;
        decisionComment = Text.blankToNull(comment);
    }

    /** The warehouse ships an approved order with its dispatch record. */
    void ship(String carrier, String trackingNo, LocalDate shippedOn) {
        require(Status.APPROVED);
        status = Status.SHIPPED;
        this.carrier = carrier.strip();
        this.trackingNo = trackingNo.strip();
        this.shippedOn = shippedOn;
    }

    void receive(OffsetDateTime at) {
        require(Status.SHIPPED);
        status = Status.RECEIVED;
        receivedAt = at;
    }

    private void require(Status required) {
        if (status != required) {
            throw new ProblemException(409, "transfer_wrong_status", status, required).with("currentStatus", status);
        }
    }

    public Status status() {
        return status;
    }

    public String decidedBy() {
        return decidedBy;
    }

    public String decisionComment() {
        return decisionComment;
    }

    public String carrier() {
        return carrier;
    }

    public String trackingNo() {
        return trackingNo;
    }

    public LocalDate shippedOn() {
        return shippedOn;
    }

    public OffsetDateTime receivedAt() {
        return receivedAt;
    }
}
