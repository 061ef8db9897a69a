package com.aftersales.kpi;

import com.aftersales.AftersalesConfig;
import com.aftersales.shared.error.ProblemException;
import com.aftersales.shared.persistence.BulkReads;
import com.aftersales.shared.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The departmental KPIs, each one set-based SQL statement over the records, grouped by month, customer, product line or
 * model (or not at all). A customer account gets figures over its own units and cases only, and no spare-parts KPI.
 * Every table carries its definition; {@link KpiCatalog} holds the titles, formulas and columns.
 */
@ApplicationScoped
public class Kpis {

    /** How rows are grouped. */
    public enum GroupBy {
        MONTH("month"), CUSTOMER("customer"), PRODUCT_LINE("productLine"), MODEL("model"),
        /** {@code software:<component>}: the version of that component the unit ran (see KpiCatalog.softwareAt). */
        SOFTWARE("software");

        final String param;

        GroupBy(String param) {
            this.param = param;
        }

        static GroupBy of(String value) {
            if (value == null || value.isBlank()) {
                return null;
            }
            for (GroupBy g : values()) {
                if (g.param.equals(value) && g != SOFTWARE) {
                    return g;
                }
            }
            if (value.startsWith(SOFTWARE.param + ":")) {
                component(value);
                return SOFTWARE;
            }
            throw ProblemException.badParameter("groupBy", "validation.one_of", "month, customer, productLine, model, software:<component>");
        }

        /** The component of {@code software:<component>}, upper-case as units keep it; null for another grouping. */
        static String component(String value) {
            if (value == null || !value.startsWith(SOFTWARE.param + ":")) {
                return null;
            }
            String component = value.substring(SOFTWARE.param.length() + 1).strip().toUpperCase(Locale.ROOT);
            if (!COMPONENT.matcher(component).matches()) {
                throw ProblemException.badParameter("groupBy", "kpi.software_component");
            }
            return component;
        }
    }

    static final java.util.regex.Pattern COMPONENT = java.util.regex.Pattern.compile("[A-Z0-9\\u4e00-\\u9fa5][A-Z0-9\\u4e00-\\u9fa5_./+-]{0,39}");

    /** A query's grouping expressions; the model expression may need a join (so does software, for case figures). */
    record Dims(String month, String customer, String productLine, String model, String modelJoin) {
        String expr(GroupBy g) {
            if (g == null) {
                return "'ALL'";
            }
            return switch (g) {
                case MONTH -> month;
                case CUSTOMER -> customer;
                case PRODUCT_LINE -> productLine;
                case MODEL -> model;
                case SOFTWARE -> "gs.sw";
            };
        }

        String join(GroupBy g) {
            if (g == GroupBy.SOFTWARE) {
                return KpiCatalog.CASE_SOFTWARE_JOIN;
            }
            return g == GroupBy.MODEL && modelJoin != null ? modelJoin : "";
        }
    }

    static final int MAX_DAYS = 3 * 366;

    /** The named parameters a KPI statement may use, each bound only where its statement names it. */
    static final Map<String, java.util.regex.Pattern> PARAMETERS = java.util.stream.Stream.of("from", "to", "fromTs", "toTs",
                    "scope", "asOf", "maxMonths", "zone", "component")
            .collect(java.util.stream.Collectors.toMap(n -> n, n -> java.util.regex.Pattern.compile(":" + n + "(?![A-Za-z0-9_])")));

    static final java.util.regex.Pattern UNSCOPED = java.util.regex.Pattern.compile(
            "\\(cast\\(:scope as uuid\\) is null or \\w+\\.customer_id = cast\\(:scope as uuid\\)\\)");

    @Inject
    EntityManager em;

    @Inject
    Caller caller;

    @Inject
    AftersalesConfig config;

    @Inject
    Clock clock;

    /** One read transaction, set up for whole-table reads (see BulkReads) with aftersales.kpi.work-mem. */
    @Transactional
    public KpiReport report(String fromParam, String toParam, String groupByParam, String kpiParam, String maxMonthsParam,
                            Locale locale) {
        LocalDate from = date("from", fromParam);
        LocalDate to = date("to", toParam);
        if (to.isBefore(from)) {
            throw ProblemException.badParameter("to", "kpi.to_before_from");
        }
        if (to.toEpochDay() - from.toEpochDay() > MAX_DAYS) {
            throw ProblemException.badParameter("to", "kpi.period_too_long", MAX_DAYS);
        }
        GroupBy groupBy = GroupBy.of(groupByParam);
        String component = GroupBy.component(groupByParam);
        if (groupBy == GroupBy.SOFTWARE && kpiParam != null && !kpiParam.isBlank()
                && KpiCatalog.ALL.stream().anyMatch(k -> k.key().equals(kpiParam)) && !KpiCatalog.BY_SOFTWARE.contains(kpiParam)) {
            throw new ProblemException(422, "validation_failed", List.of(ProblemException.Issue.of("groupBy",
                    "kpi.software_group_unsupported", kpiParam, String.join(", ", KpiCatalog.BY_SOFTWARE))));
        }
        int maxMonths = maxMonths(maxMonthsParam);
        Optional<UUID> scope = caller.customerScope();
        List<KpiCatalog.Kpi> wanted = KpiCatalog.ALL.stream()
                .filter(k -> kpiParam == null || kpiParam.isBlank() || k.key().equals(kpiParam))
                .filter(k -> scope.isEmpty() || !k.staffOnly())
                // Grouped by software, only the figures that can place a unit's version at their date answer.
                .filter(k -> groupBy != GroupBy.SOFTWARE || KpiCatalog.BY_SOFTWARE.contains(k.key()))
                .toList();
        if (wanted.isEmpty()) {
            throw ProblemException.badParameter("kpi", "validation.one_of",
                    KpiCatalog.ALL.stream().filter(k -> scope.isEmpty() || !k.staffOnly()).map(KpiCatalog.Kpi::key)
                            .collect(Collectors.joining(", ")));
        }
        ZoneId zone = clock.getZone();
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("from", from);
        params.put("to", to);
        params.put("fromTs", from.atStartOfDay(zone).toOffsetDateTime());
        params.put("toTs", to.plusDays(1).atStartOfDay(zone).toOffsetDateTime());
        params.put("scope", scope.map(UUID::toString).orElse(null));
        params.put("asOf", LocalDate.now(clock));
        params.put("maxMonths", maxMonths);
        params.put("zone", zone.getId());
        params.put("component", component);

        BulkReads.configure(em, config.kpi().workMem(), config.db().statementTimeout().kpi());
        List<KpiReport.Table> tables = new ArrayList<>();
        for (KpiCatalog.Kpi kpi : wanted) {
            String built = kpi.sql().apply(new KpiCatalog.Context(groupBy));
            // Staff see everything: the customer filter is dropped from the text rather than left to the planner,
            // which cannot prune "? is null or …" once the driver has switched to a generic prepared plan.
            String sql = scope.isEmpty() ? UNSCOPED.matcher(built).replaceAll("true") : built;
            Query q = em.createNativeQuery(sql);
            params.forEach((name, value) -> {
                if (PARAMETERS.get(name).matcher(sql).find()) {
                    q.setParameter(name, value);
                }
            });
            @SuppressWarnings("unchecked")
            List<Object[]> rows = q.getResultList();
            List<Map<String, Object>> out = new ArrayList<>();
            for (Object[] r : rows) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 0; i < kpi.columns().size(); i++) {
                    row.put(kpi.columns().get(i).key(), r[i]);
                }
                out.add(row);
            }
            boolean en = "en".equals(locale.getLanguage());
            tables.add(new KpiReport.Table(kpi.key(), en ? kpi.titleEn() : kpi.titleZh(), en ? kpi.formulaEn() : kpi.formulaZh(),
                    kpi.columns().stream().map(c -> new KpiReport.Column(c.key(), en ? c.en() : c.zh())).toList(), out));
        }
        if (groupBy == GroupBy.CUSTOMER) {
            labelCustomers(tables);
        }
        return new KpiReport(from, to, groupBy == null ? null : groupBy == GroupBy.SOFTWARE ? groupBy.param + ":" + component
                : groupBy.param, tables);
    }

    static final java.util.regex.Pattern UUID_TEXT = java.util.regex.Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    /**
     * Customer ids in the group column become "code name" labels: one query for all tables of the report. A KPI that
     * has no customer dimension answers one 'ALL' row (sparePartsFillRate): it stays as it is, not cast to a uuid.
     */
    void labelCustomers(List<KpiReport.Table> tables) {
        String[] ids = tables.stream().flatMap(t -> t.rows().stream()).map(r -> r.get("group"))
                .filter(java.util.Objects::nonNull).map(Object::toString).filter(id -> UUID_TEXT.matcher(id).matches())
                .distinct().toArray(String[]::new);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select cast(id as text), code || ' ' || name from customer "
                + "where id = any(cast(cast(?1 as text[]) as uuid[]))").setParameter(1, ids).getResultList();
        Map<String, String> labels = new java.util.HashMap<>();
        rows.forEach(r -> labels.put((String) r[0], (String) r[1]));
        tables.forEach(t -> t.rows().forEach(r -> r.computeIfPresent("group", (k, id) -> labels.getOrDefault(id.toString(), id.toString()))));
    }

    private static LocalDate date(String name, String value) {
        if (value == null || value.isBlank()) {
            throw ProblemException.badParameter(name, "validation.required");
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (java.time.format.DateTimeParseException e) {
            throw ProblemException.badParameter(name, "validation.date");
        }
    }

    private static int maxMonths(String value) {
        if (value == null || value.isBlank()) {
            return 36;
        }
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= 1 && n <= 120) {
                return n;
            }
        } catch (NumberFormatException e) {
            // falls through to the problem below
        }
        throw ProblemException.badParameter("maxMonths", "validation.range", 1, 120);
    }
}
