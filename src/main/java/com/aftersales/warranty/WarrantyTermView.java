package com.aftersales.warranty;

import com.aftersales.unit.ProductLine;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

@RegisterForReflection
public record WarrantyTermView(UUID id, UUID customerId, ProductLine productLine, Integer months, Integer mileageKm,
                               Integer operatingHours, StartBasis startBasis, LocalDate effectiveFrom,
                               LocalDate effectiveTo, String notes, ReplacementWarranty replacementWarranty, long version, OffsetDateTime createdAt,
                               OffsetDateTime updatedAt) {

    static WarrantyTermView of(WarrantyTerm t) {
        return new WarrantyTermView(t.id, t.customerId, t.productLine, t.months, t.mileageKm, t.operatingHours,
                t.startBasis, t.effectiveFrom, t.effectiveTo, t.notes, t.replacementWarranty, t.version, t.createdAt, t.updatedAt);
    }
}
