package com.aftersales.unit;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

@RegisterForReflection
public record UnitView(String serialNo, String productModel, ProductLine productLine, String projectCode,
                       LocalDate productionDate, String batchNo, UUID customerId, String endCustomer, String vin,
                       LocalDate deliveryDate, LocalDate firstSaleDate, long version, OffsetDateTime createdAt,
                       OffsetDateTime updatedAt,
                       @JsonInclude(JsonInclude.Include.NON_NULL) List<OpenRecall> openRecalls,
                       @JsonInclude(JsonInclude.Include.NON_NULL) List<SoftwareVersion> softwareVersions) {

    /** A recall campaign still open on this unit: whoever handles the unit sees it at once. */
    @RegisterForReflection
    public record OpenRecall(UUID campaignId, String code, String title, String remedyStatus) {
    }

    public static UnitView of(Unit u) {
        return of(u, null, null);
    }

    static UnitView of(Unit u, List<OpenRecall> openRecalls, List<SoftwareVersion> softwareVersions) {
        return new UnitView(u.serialNo, u.productModel, u.productLine, u.projectCode, u.productionDate, u.batchNo,
                u.customerId, u.endCustomer, u.vin, u.deliveryDate, u.firstSaleDate, u.version, u.createdAt, u.updatedAt,
                openRecalls, softwareVersions);
    }
}
