package com.aftersales.unit;

import java.time.LocalDate;
import java.util.UUID;

/**
 * A delivered unit as other areas know it (warranty, cases, returns): its identity, customer, model, project and
 * dates, and the date it was replaced and the serial of its replacement (null while in the field). Never the entity, so no other area can change a unit behind this one's rules.
 */
public record UnitRecord(UUID id, String serialNo, String productModel, ProductLine productLine, String projectCode,
                         UUID customerId, String endCustomer, LocalDate deliveryDate, LocalDate firstSaleDate,
                         LocalDate replacedOn, String replacedBy) {

    static UnitRecord of(Unit u) {
        return new UnitRecord(u.id, u.serialNo, u.productModel, u.productLine, u.projectCode, u.customerId, u.endCustomer,
                u.deliveryDate, u.firstSaleDate, u.replacedOn, u.replacedBySerialNo);
    }
}
