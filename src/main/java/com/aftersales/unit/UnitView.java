package com.aftersales.unit;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

@RegisterForReflection
public record UnitView(String serialNo, String productModel, ProductLine productLine, String projectCode,
                       LocalDate productionDate, String batchNo, UUID customerId, String endCustomer, String vin,
                       LocalDate deliveryDate, LocalDate firstSaleDate, long version, OffsetDateTime createdAt,
                       OffsetDateTime updatedAt) {

    public static UnitView of(Unit u) {
        return new UnitView(u.serialNo, u.productModel, u.productLine, u.projectCode, u.productionDate, u.batchNo,
                u.customerId, u.endCustomer, u.vin, u.deliveryDate, u.firstSaleDate, u.version, u.createdAt, u.updatedAt);
    }
}
