package com.aftersales.returns;

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

/** One returned unit: its verdict (defect or NTF), cause, supplier share, disposition and re-test. */
@Entity
@Table(name = "return_unit")
@IdClass(ReturnUnit.Key.class)
public class ReturnUnit {

    public enum Verdict { DEFECT_CONFIRMED, NTF }

    public enum Cause { DESIGN, MANUFACTURING_PROCESS, PURCHASED_PART, TRANSPORT, MISUSE }

    public enum Disposition { REPAIR, REPLACE, SCRAP, RETURN_TO_CUSTOMER }

    /** Who repairs: the repair group (commercial vehicles), production (passenger cars and others), the trial workshop (projects). */
    public enum RepairGroup { REPAIR_GROUP, PRODUCTION, TRIAL_WORKSHOP }

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
    public UUID returnId;

    @Id
    @Column(name = "unit_id")
    public UUID unitId;

    @Column(name = "serial_no", nullable = false)
    public String serialNo;

    @Enumerated(EnumType.STRING)
    public Verdict verdict;

    @Enumerated(EnumType.STRING)
    @Column(name = "cause_category")
    public Cause causeCategory;

    public String supplier;

    @Column(name = "supplier_share", precision = 5, scale = 4)
    public BigDecimal supplierShare;

    @Column(name = "judged_by")
    public String judgedBy;

    @Column(name = "judged_at")
    public OffsetDateTime judgedAt;

    @Enumerated(EnumType.STRING)
    public Disposition disposition;

    @Enumerated(EnumType.STRING)
    @Column(name = "repair_group")
    public RepairGroup repairGroup;

    @Column(name = "replacement_serial")
    public String replacementSerial;

    @Column(name = "retest_passed")
    public Boolean retestPassed;

    @Column(name = "restocked_at")
    public OffsetDateTime restockedAt;
}
