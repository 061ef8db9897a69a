package com.aftersales.cases;

import com.aftersales.unit.UnitRecord;
import com.aftersales.warranty.EntitlementPolicy;
import com.aftersales.warranty.Regime;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** One unit of a case, with its entitlement frozen at intake: later changes of terms do not change who pays. */
@Entity
@Table(name = "case_unit")
@IdClass(CaseUnit.Key.class)
public class CaseUnit {

    public static class Key implements Serializable {
        public UUID caseId;
        public UUID unitId;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(caseId, k.caseId) && Objects.equals(unitId, k.unitId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(caseId, unitId);
        }
    }

    @Id
    @Column(name = "case_id")
    public UUID caseId;

    @Id
    @Column(name = "unit_id")
    public UUID unitId;

    @Column(name = "serial_no", nullable = false)
    public String serialNo;

    @Column(name = "mileage_km")
    public Integer mileageKm;

    @Column(name = "operating_hours")
    public Integer operatingHours;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Regime regime;

    @Column(name = "valid_until")
    public LocalDate validUntil;

    @Column(name = "decided_by_kind")
    public String decidedByKind;

    @Column(name = "decided_by_id")
    public UUID decidedById;

    @Column(name = "decided_by_ref")
    public String decidedByRef;

    /** The decision's reasons as message codes and arguments (rendered when read, in the reader's language). */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public List<FrozenReason> reasons;

    @io.quarkus.runtime.annotations.RegisterForReflection
    public record FrozenReason(String code, List<String> args) {
    }

    /** The unit of a case with its entitlement decision frozen as it was on the failure date and reading. */
    static CaseUnit frozen(UUID caseId, UnitRecord unit, EntitlementPolicy.Decision d,
                           Integer mileageKm, Integer operatingHours) {
        CaseUnit cu = new CaseUnit();
        cu.caseId = caseId;
        cu.unitId = unit.id();
        cu.serialNo = unit.serialNo();
        cu.mileageKm = mileageKm;
        cu.operatingHours = operatingHours;
        cu.regime = d.regime();
        cu.validUntil = d.validUntil();
        if (d.decidedBy() != null) {
            cu.decidedByKind = d.decidedBy().kind().name();
            cu.decidedById = d.decidedBy().id();
            cu.decidedByRef = d.decidedBy().reference();
        }
        cu.reasons = d.reasons().stream()
                .map(r -> new FrozenReason(r.code(), r.args().stream().map(String::valueOf).toList()))
                .toList();
        return cu;
    }
}
