package com.aftersales.warranty;

import com.aftersales.shared.persistence.Versioned;
import com.aftersales.unit.ProductLine;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.LocalDate;
import java.util.UUID;

/** 包修: the free warranty agreed with one customer for one product line, in force over a period. */
@Entity
@Table(name = "warranty_term")
public class WarrantyTerm extends Versioned {

    @Id
    public UUID id;

    @Column(name = "customer_id", nullable = false, updatable = false)
    public UUID customerId;

    @Enumerated(EnumType.STRING)
    @Column(name = "product_line", nullable = false)
    public ProductLine productLine;

    public Integer months;

    @Column(name = "mileage_km")
    public Integer mileageKm;

    @Column(name = "operating_hours")
    public Integer operatingHours;

    @Enumerated(EnumType.STRING)
    @Column(name = "start_basis", nullable = false)
    public StartBasis startBasis;

    @Column(name = "effective_from", nullable = false)
    public LocalDate effectiveFrom;

    @Column(name = "effective_to")
    public LocalDate effectiveTo;

    public String notes;

    @Enumerated(EnumType.STRING)
    @Column(name = "replacement_warranty", nullable = false)
    public ReplacementWarranty replacementWarranty = ReplacementWarranty.INHERIT;

    EntitlementPolicy.Term facts() {
        return new EntitlementPolicy.Term(id, productLine, months, mileageKm, operatingHours, startBasis, effectiveFrom,
                effectiveTo, replacementWarranty);
    }

    boolean overlaps(LocalDate from, LocalDate to) {
        boolean startsBeforeOtherEnds = to == null || !effectiveFrom.isAfter(to);
        boolean endsAfterOtherStarts = effectiveTo == null || !effectiveTo.isBefore(from);
        return startsBeforeOtherEnds && endsAfterOtherStarts;
    }
}
