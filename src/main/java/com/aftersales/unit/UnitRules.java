package com.aftersales.unit;

import com.aftersales.shared.error.ProblemException.Issue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** The rules every unit record obeys, whether it arrives alone or in a CSV import. */
final class UnitRules {

    private UnitRules() {
    }

    /** Issues with the record; {@code line} is the CSV line, or null for a JSON request. */
    static List<Issue> check(Integer line, SerialNo serialNo, LocalDate productionDate, LocalDate deliveryDate,
                             LocalDate firstSaleDate, LocalDate today) {
        List<Issue> issues = new ArrayList<>();
        if (!serialNo.isValid()) {
            issues.add(new Issue("serialNo", "unit.serial_format", new Object[]{serialNo.value()}, line));
        }
        if (productionDate != null && productionDate.isAfter(today)) {
            issues.add(new Issue("productionDate", "unit.production_in_future", new Object[0], line));
        }
        if (productionDate != null && deliveryDate != null && deliveryDate.isBefore(productionDate)) {
            issues.add(new Issue("deliveryDate", "unit.delivery_before_production", new Object[0], line));
        }
        if (firstSaleDate != null && deliveryDate == null) {
            issues.add(new Issue("firstSaleDate", "unit.first_sale_without_delivery", new Object[0], line));
        }
        if (firstSaleDate != null && deliveryDate != null && firstSaleDate.isBefore(deliveryDate)) {
            issues.add(new Issue("firstSaleDate", "unit.first_sale_before_delivery", new Object[0], line));
        }
        return issues;
    }
}
