package com.aftersales.unit;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * What sales registers for a delivered unit. {@code softwareVersions}: the versions it left the factory with; on a
 * correction (PUT) they may be left out or must equal the current ones (a new version is recorded as an update).
 */
public record UnitRequest(
        @NotBlank @Size(max = 60) String serialNo,
        @NotBlank @Size(max = 100) String productModel,
        @NotNull ProductLine productLine,
        @Size(max = 60) String projectCode,
        LocalDate productionDate,
        @Size(max = 60) String batchNo,
        @NotNull UUID customerId,
        @Size(max = 200) String endCustomer,
        @Pattern(regexp = "[A-HJ-NPR-Z0-9]{17}", message = "{aftersales.vin}") String vin,
        LocalDate deliveryDate,
        LocalDate firstSaleDate,
        @Size(max = 20) List<SoftwareVersion.@Valid @NotNull Entry> softwareVersions) {
}
