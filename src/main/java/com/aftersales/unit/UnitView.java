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
                       UnitStatus status,
                       @JsonInclude(JsonInclude.Include.NON_NULL) Replacement replacedBy,
                       @JsonInclude(JsonInclude.Include.NON_NULL) String replaces,
                       @JsonInclude(JsonInclude.Include.NON_NULL) List<SoftwareVersion> softwareVersions) {

    /** The unit that replaced this one, when (business date) and on which return. */
    @RegisterForReflection
    public record Replacement(String serialNo, LocalDate on, UUID returnId) {
    }

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
                openRecalls, u.status(), u.replacedOn == null ? null
                        : new Replacement(u.replacedBySerialNo, u.replacedOn, u.replacedReturnId), u.replacesSerialNo, softwareVersions);
    }
}
