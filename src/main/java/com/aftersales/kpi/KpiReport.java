package com.aftersales.kpi;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** KPI tables for a period: each with its definition (formula) and columns, in the caller's language. */
@RegisterForReflection
public record KpiReport(LocalDate from, LocalDate to, String groupBy, List<Table> tables) {

    @RegisterForReflection
    public record Column(String key, String title) {
    }

    /** One KPI: rows are maps from column key to value (group labels, counts, rates, amounts). */
    @RegisterForReflection
    public record Table(String key, String title, String formula, List<Column> columns, List<Map<String, Object>> rows) {
    }
}
