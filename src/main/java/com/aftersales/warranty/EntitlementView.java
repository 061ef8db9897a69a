package com.aftersales.warranty;

import com.aftersales.unit.SoftwareVersion;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.LocalDate;
import java.util.List;

/**
 * The regime of one unit on one date, with the date it lasts until (null: no end known), the remaining
 * mileage or hours where a limit applies, what decided it and why (in the caller's language), and the software versions
 * the unit runs now (a service or a recall remedy may depend on them).
 */
@RegisterForReflection
public record EntitlementView(String serialNo, LocalDate date, Integer mileageKm, Integer operatingHours, Regime regime,
                              LocalDate validUntil, Integer remainingMileageKm, Integer remainingOperatingHours,
                              EntitlementPolicy.DecidedBy decidedBy, LocalDate warrantyStart, LocalDate warrantyEnd,
                              String reason, List<ReasonView> reasons,
                              @JsonInclude(JsonInclude.Include.NON_NULL) List<SoftwareVersion> softwareVersions) {

    @RegisterForReflection
    public record ReasonView(String code, String text) {
    }
}
