package com.aftersales.returns;

import com.aftersales.shared.persistence.Versioned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A debit note (扣款通知单) against a supplier for one returned unit judged a purchased-part defect. Its amount is frozen
 * when it is raised; RAISED → ACCEPTED / DISPUTED → RECOVERED / WRITTEN_OFF, the last two final.
 */
@Entity
@Table(name = "supplier_recovery")
public class SupplierRecovery extends Versioned {

    @Schema(name = "SupplierRecoveryStatus")
    public enum Status {
        RAISED, ACCEPTED, DISPUTED, RECOVERED, WRITTEN_OFF;

        boolean isFinal() {
            return this == RECOVERED || this == WRITTEN_OFF;
        }
    }

    /** How the supplier paid: a credit note, a payment, or an offset against its invoice. */
    @Schema(name = "SupplierRecoveryKind")
    public enum Kind { CREDIT_NOTE, PAYMENT, INVOICE_OFFSET }

    @Id
    UUID id;

    @Column(name = "debit_note_no", nullable = false, updatable = false)
    String debitNoteNo;

    @Column(name = "supplier_id", nullable = false, updatable = false)
    UUID supplierId;

    @Column(name = "return_id", nullable = false, updatable = false)
    UUID returnId;

    @Column(name = "unit_id", nullable = false, updatable = false)
    UUID unitId;

    @Column(name = "serial_no", nullable = false, updatable = false)
    String serialNo;

    @Column(name = "case_id", nullable = false, updatable = false)
    UUID caseId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    Status status;

    @Column(nullable = false, updatable = false, precision = 5, scale = 4)
    BigDecimal share;

    @Column(name = "verified_costs_cny", nullable = false, updatable = false, precision = 14, scale = 2)
    BigDecimal verifiedCostsCny;

    @Column(name = "units_in_return", nullable = false, updatable = false)
    int unitsInReturn;

    @Column(name = "amount_cny", nullable = false, updatable = false, precision = 14, scale = 2)
    BigDecimal amountCny;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "test_records", nullable = false, updatable = false)
    List<UUID> testRecords = new ArrayList<>();

    @Column(name = "eight_d_report_id", updatable = false)
    UUID eightDReportId;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, updatable = false)
    List<UUID> attachments = new ArrayList<>();

    @Column(name = "raised_by", nullable = false, updatable = false)
    String raisedBy;

    @Column(name = "accepted_cny", precision = 14, scale = 2)
    BigDecimal acceptedCny;

    @Column(name = "dispute_reason")
    String disputeReason;

    @Column(name = "answered_by")
    String answeredBy;

    @Column(name = "answered_at")
    OffsetDateTime answeredAt;

    @Column(name = "recovered_cny", precision = 14, scale = 2)
    BigDecimal recoveredCny;

    @Column(name = "recovered_on")
    LocalDate recoveredOn;

    @Enumerated(EnumType.STRING)
    @Column(name = "recovery_kind")
    Kind recoveryKind;

    @Column(name = "recovery_ref")
    String recoveryRef;

    @Column(name = "recovered_by")
    String recoveredBy;

    @Column(name = "write_off_reason")
    String writeOffReason;

    @Column(name = "written_off_by")
    String writtenOffBy;

    @Column(name = "written_off_at")
    OffsetDateTime writtenOffAt;
}
