package com.aftersales.warranty;

import com.aftersales.unit.ProductLine;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;

/**
 * A free-warranty term: months and/or a mileage or operating-hours limit (whichever comes first ends it),
 * counted from delivery or first sale, in force from {@code effectiveFrom} to {@code effectiveTo} (inclusive, open if null);
 * a replacement unit inherits the warranty of the unit it replaced unless {@code replacementWarranty} is OWN (default
 * INHERIT).
 */
public record WarrantyTermRequest(
        @NotNull ProductLine productLine,
        @Min(1) @Max(600) Integer months,
        @Positive @Max(10_000_000) Integer mileageKm,
        @Positive @Max(1_000_000) Integer operatingHours,
        StartBasis startBasis,
        @NotNull LocalDate effectiveFrom,
        LocalDate effectiveTo,
        @Size(max = 2000) String notes,
        ReplacementWarranty replacementWarranty) {
}
