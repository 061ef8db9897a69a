package com.aftersales.returns;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import com.aftersales.unit.ProductLine;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.UUID;

/**
 * One returned unit: its verdict (defect or NTF), cause, supplier share, disposition and re-test. Part of the
 * {@link ReturnOrder} aggregate: only the order's steps change it.
 */
@Entity
@Table(name = "return_unit")
@IdClass(ReturnUnit.Key.class)
public class ReturnUnit {

    @Schema(name = "ReturnVerdict")
    public enum Verdict { DEFECT_CONFIRMED, NTF }

    public enum Cause { DESIGN, MANUFACTURING_PROCESS, PURCHASED_PART, TRANSPORT, MISUSE }

    public enum Disposition { REPAIR, REPLACE, SCRAP, RETURN_TO_CUSTOMER }

    /** Who repairs: the repair group (commercial vehicles), production (passenger cars and others), the trial workshop (projects). */
    public enum RepairGroup {
        REPAIR_GROUP, PRODUCTION, TRIAL_WORKSHOP;

        /** Repairs are routed like cases: projects to the trial workshop, commercial vehicles to the repair group. */
        public static RepairGroup of(String projectCode, ProductLine productLine) {
            return projectCode != null ? TRIAL_WORKSHOP
                    : productLine == ProductLine.COMMERCIAL_VEHICLE ? REPAIR_GROUP
                    : PRODUCTION;
        }
    }

    /** A verdict on one unit as the quality engineer gives it. */
    public record Finding(String serialNo, Verdict verdict, Cause cause, UUID supplierId, BigDecimal supplierShare) {
    }

    /** What becomes of one unit. */
    public record Plan(Disposition disposition, String replacementSerial) {
    }

    public static class Key implements Serializable {
        public UUID returnId;
        public UUID unitId;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(returnId, k.returnId) && Objects.equals(unitId, k.unitId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(returnId, unitId);
        }
    }

    @Id
    @Column(name = "return_id")
    UUID returnId;

    @Id
    @Column(name = "unit_id")
    UUID unitId;

    @Column(name = "serial_no", nullable = false)
    String serialNo;

    @Enumerated(EnumType.STRING)
    private Verdict verdict;

    @Enumerated(EnumType.STRING)
    @Column(name = "cause_category")
    private Cause causeCategory;

    /** The supplier record a purchased-part verdict names. */
    @Column(name = "supplier_id")
    private UUID supplierId;

    @Column(name = "supplier_share", precision = 5, scale = 4)
    private BigDecimal supplierShare;

    @Column(name = "judged_by")
    private String judgedBy;

    @Column(name = "judged_at")
    private OffsetDateTime judgedAt;

    @Enumerated(EnumType.STRING)
    private Disposition disposition;

    @Enumerated(EnumType.STRING)
    @Column(name = "repair_group")
    private RepairGroup repairGroup;

    @Column(name = "replacement_serial")
    private String replacementSerial;

    @Column(name = "retest_passed")
    private Boolean retestPassed;

    @Column(name = "restocked_at")
    private OffsetDateTime restockedAt;

    /** Where the restocked unit went (a warehouse location). */
    @Column(name = "restock_location")
    private String restockLocation;

    protected ReturnUnit() {
    }

    ReturnUnit(UUID returnId, UUID unitId, String serialNo) {
        this.returnId = returnId;
        this.unitId = unitId;
        this.serialNo = serialNo;
    }

    /** A purchased-part cause keeps the supplier and its share; any other verdict names no supplier. */
    void judge(Finding finding, String by, OffsetDateTime at) {
        boolean purchased = finding.cause() == Cause.PURCHASED_PART;
        verdict = finding.verdict();
        causeCategory = finding.cause();
        supplierId = purchased ? finding.supplierId() : null;
        supplierShare = purchased ? finding.supplierShare() : null;
        judgedBy = by;
        judgedAt = at;
    }

    void dispose(Disposition disposition) {
        this.disposition = disposition;
    }

    /** Where a unit disposed for repair is repaired. */
    void routeRepair(RepairGroup group) {
        repairGroup = group;
    }

    /** The serial of the new unit that replaces this one. */
    void replacedBy(String serial) {
        replacementSerial = serial;
    }

    void retested(boolean passed) {
        retestPassed = passed;
    }

    void restocked(OffsetDateTime at, String location) {
        restockedAt = at;
        restockLocation = location;
    }

    boolean awaitsRestock() {
        return disposition == Disposition.REPAIR && restockedAt == null;
    }

    public String serialNo() {
        return serialNo;
    }

    public UUID unitId() {
        return unitId;
    }

    public Verdict verdict() {
        return verdict;
    }

    public Cause causeCategory() {
        return causeCategory;
    }

    public UUID supplierId() {
        return supplierId;
    }

    public BigDecimal supplierShare() {
        return supplierShare;
    }

    public String judgedBy() {
        return judgedBy;
    }

    public Disposition disposition() {
        return disposition;
    }

    public RepairGroup repairGroup() {
        return repairGroup;
    }

    public String replacementSerial() {
        return replacementSerial;
    }

    public Boolean retestPassed() {
        return retestPassed;
    }

    public OffsetDateTime restockedAt() {
        return restockedAt;
    }

    public String restockLocation() {
        return restockLocation;
    }
}
