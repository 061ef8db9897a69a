package com.aftersales.kpi;

import com.aftersales.shared.error.ProblemException;
import com.aftersales.shared.persistence.SqlValues;
import com.aftersales.shared.security.Caller;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * KPIs for dashboards, from the monthly aggregates ({@link KpiAggregates}) instead of the records: whole months, the
 * figures as of the last refresh ({@code asOf}). Ratios and means come from summed parts with the same rounding as the
 * exact report, so for whole months they equal it for the figures served. Not served here (the exact report has them):
 * percentiles (p90 hours), distinct counts that do not add up across months or models (PPM's failed units, the 8D
 * reports behind recurrences), cohort figures (claims by months in service), per-campaign recall completion (a state,
 * not a monthly flow), the spare-parts fill rate (staff only, no customer), and the type/severity and cost-category
 * breakdowns (totals are served).
 */
@ApplicationScoped
public class KpiDashboard {

    /** The longest period, in months. */
    static final int MAX_MONTHS = 36;

    @RegisterForReflection
    public record Dashboard(String from, String to, String groupBy, OffsetDateTime asOf, List<KpiReport.Table> tables) {
    }

    /** A column of the catalog's KPI (by key: the same titles) and its SQL over the summed parts. */
    record Figure(String key, String sql) {
    }

    /** A served KPI: the catalog entry it answers, when a group has a row, and its figures. */
    record Served(String key, String present, List<Figure> figures) {
    }

    static Figure f(String key, String sql) {
        return new Figure(key, sql);
    }

    static String pct(String part, String whole) {
        return "round(100.0 * " + part + " / nullif(" + whole + ", 0), 2)";
    }

    static final String NET = "(cost_cny - round(cost_recovery_cny, 2))";

    static List<Served> served(boolean byMonth) {
        return List.of(
                new Served("cases", "cases > 0", List.of(f("cases", "cases"))),
                new Served("ntfRate", "ntf_judged > 0", List.of(f("judgedUnits", "ntf_judged"),
                        f("ntfUnits", "ntf_units"),
                        f("ntfRatePct", pct("ntf_units", "ntf_judged")))),
                new Served("firstResponse", "fr_cases > 0", List.of(f("cases", "fr_cases"),
                        f("avgHours", "round(fr_hours / nullif(fr_cases, 0), 2)"),
                        f("onTimePct", pct("fr_on_time", "fr_cases")))),
                new Served("containment", "ct_reports > 0", List.of(f("reports", "ct_reports"),
                        f("avgHours", "round(ct_hours / nullif(ct_reports, 0), 2)"))),
                new Served("eightDLeadTime", "lt_reports > 0", List.of(f("closedReports", "lt_reports"),
                        f("avgDays", "round(cast(lt_days as numeric) / nullif(lt_reports, 0), 1)"),
                        f("onTimePct", pct("lt_on_time", "lt_reports")))),
                new Served("recurrences", "recurrences > 0", List.of(f("recurrences", "recurrences"))),
                new Served("followUpWithin7Days", "fu_closed > 0", List.of(f("closedCases", "fu_closed"),
                        f("followedUp", "fu_within_7_days"),
                        f("pct", pct("fu_within_7_days", "fu_closed")))),
                new Served("satisfaction", "sat_follow_ups > 0", List.of(f("followUps", "sat_follow_ups"),
                        f("avgSatisfaction", "round(cast(sat_sum as numeric) / nullif(sat_follow_ups, 0), 2)"),
                        f("satisfiedPct", pct("sat_satisfied", "sat_follow_ups")))),
                new Served("warrantyCost", "cost_lines > 0", List.of(f("costCny", "cost_cny"),
                        f("supplierRecoveryCny", "round(cost_recovery_cny, 2)"),
                        f("netCny", NET))),
                // As the exact report: every month of the period by month, otherwise every group with units or costs.
                new Served("warrantyCostPerUnit", byMonth ? "true" : "(field_units > 0 or cost_lines > 0)",
                        List.of(f("netCny", NET),
                                f("fieldUnits", "field_units"),
                                f("netCnyPerUnit", "round(" + NET + " / nullif(field_units, 0), 2)"))));
    }

    @Inject
    EntityManager em;

    @Inject
    Caller caller;

    @Inject
    Kpis kpis;

    /** One read transaction: the refresh time and the aggregates it wrote are read from the same snapshot. */
    @Transactional
    public Dashboard dashboard(String fromParam, String toParam, String groupByParam, Locale locale) {
        YearMonth from = com.aftersales.shared.web.Params.monthParam("from", fromParam);
        YearMonth to = com.aftersales.shared.web.Params.monthParam("to", toParam);
        if (to.isBefore(from)) {
            throw ProblemException.badParameter("to", "kpi.to_before_from");
        }
        if (ChronoUnit.MONTHS.between(from, to) + 1 > MAX_MONTHS) {
            throw ProblemException.badParameter("to", "kpi.months_too_many", MAX_MONTHS);
        }
        Kpis.GroupBy groupBy = Kpis.GroupBy.of(groupByParam);
        if (groupBy == Kpis.GroupBy.SOFTWARE) {
            // The monthly aggregates have no software dimension: the live report answers it (GET /api/v1/kpis).
            throw new ProblemException(422, "validation_failed", List.of(ProblemException.Issue.of("groupBy",
                    "kpi.software_group_live_only")));
        }
        Optional<UUID> scope = caller.customerScope();
        @SuppressWarnings("unchecked")
        List<Object> refreshed = em.createNativeQuery("select refreshed_at from kpi_month_refresh").getResultList();
        OffsetDateTime asOf = refreshed.isEmpty() ? null : SqlValues.offsetDateTime(refreshed.get(0));

        boolean byMonth = groupBy == Kpis.GroupBy.MONTH;
        // Staff-only figures (the company's costs and supplier recoveries) are left out of a customer account's dashboard.
        List<Served> served = served(byMonth).stream().filter(s -> scope.isEmpty() || !KpiCatalog.ALL.stream()
                .filter(k -> k.key().equals(s.key())).findFirst().orElseThrow().staffOnly()).toList();
        List<String> outputs = new ArrayList<>();
        served.forEach(s -> {
            outputs.add(s.present());
            s.figures().forEach(fig -> outputs.add(fig.sql()));
        });
        Query q = em.createNativeQuery(sql(groupBy, scope.isPresent(), outputs));
        q.setParameter("from", from.atDay(1)).setParameter("to", to.atDay(1)).setParameter("allModels", groupBy != Kpis.GroupBy.MODEL);
        scope.ifPresent(id -> q.setParameter("scope", id));
        @SuppressWarnings("unchecked")
        List<Object[]> rows = q.getResultList();

        boolean en = "en".equals(locale.getLanguage());
        List<KpiReport.Table> tables = new ArrayList<>();
        int column = 1;
        for (Served s : served) {
            KpiCatalog.Kpi kpi = KpiCatalog.ALL.stream().filter(k -> k.key().equals(s.key())).findFirst().orElseThrow();
            List<Map<String, Object>> out = new ArrayList<>();
            for (Object[] r : rows) {
                if (!Boolean.TRUE.equals(r[column])) {
                    continue;
                }
                Map<String, Object> row = new LinkedHashMap<>();
                row.put(KpiCatalog.GROUP.key(), r[0]);
                for (int i = 0; i < s.figures().size(); i++) {
                    row.put(s.figures().get(i).key(), r[column + 1 + i]);
                }
                out.add(row);
            }
            List<KpiCatalog.Col> cols = new ArrayList<>();
            cols.add(KpiCatalog.GROUP);
            s.figures().forEach(fig -> cols.add(kpi.columns().stream().filter(c -> c.key().equals(fig.key())).findFirst()
                    .orElseThrow(() -> new IllegalStateException(kpi.key() + " has no column " + fig.key()))));
            tables.add(new KpiReport.Table(kpi.key(), en ? kpi.titleEn() : kpi.titleZh(), en ? kpi.formulaEn() : kpi.formulaZh(),
                    cols.stream().map(c -> new KpiReport.Column(c.key(), en ? c.en() : c.zh())).toList(), out));
            column += 1 + s.figures().size();
        }
        if (groupBy == Kpis.GroupBy.CUSTOMER) {
            kpis.labelCustomers(tables);
        }
        return new Dashboard(from.toString(), to.toString(), groupBy == null ? null : groupBy.param, asOf, tables);
    }

    /**
     * One statement over kpi_month: the parts summed per group (months of the period; units in the field: every month
     * up to the period's end, for groupBy=month up to each month's end), then each KPI's figures and whether the group
     * has a row for it.
     */
    static String sql(Kpis.GroupBy groupBy, boolean scoped, List<String> outputs) {
        String where = "where k.all_models = :allModels and k.month <= :to" + (scoped ? " and k.customer_id = :scope" : "");
        String sums = KpiAggregates.PARTS.stream().filter(p -> !p.equals("delivered_units"))
                .map(p -> {
                    String sum = "sum(k." + p + ") filter (where k.month >= :from)";
                    return (KpiAggregates.NUMERIC.contains(p) ? sum : "cast(" + sum + " as bigint)") + " as " + p;
                })
                .collect(Collectors.joining(", "));
        String select = "select grp, " + String.join(", ", outputs);
        if (groupBy == Kpis.GroupBy.MONTH) {
            String zeros = KpiAggregates.PARTS.stream().filter(p -> !p.equals("delivered_units"))
                    .map(p -> "coalesce(g." + p + ", 0) as " + p).collect(Collectors.joining(", "));
            return "with g as (select to_char(k.month, 'YYYY-MM') as grp, " + sums + ", sum(k.delivered_units) as delivered "
                    + "from kpi_month k " + where + " group by 1), "
                    + "m as (select to_char(s, 'YYYY-MM') as grp from generate_series(cast(:from as date), cast(:to as date), "
                    + "interval '1 month') s), "
                    + "p as (select m.grp, " + zeros + ", (select coalesce(sum(e.delivered), 0) from g e where e.grp <= m.grp) "
                    + "as field_units from m left join g on g.grp = m.grp) "
                    + select + " from p order by 1";
        }
        String grp = groupBy == null ? "'ALL'" : switch (groupBy) {
            case MONTH -> "to_char(k.month, 'YYYY-MM')";
            case CUSTOMER -> "cast(k.customer_id as text)";
            case PRODUCT_LINE -> "k.product_line";
            case MODEL -> "k.product_model";
            case SOFTWARE -> throw new IllegalArgumentException("no software dimension in kpi_month");
        };
        return "with p as (select " + grp + " as grp, " + sums + ", coalesce(sum(k.delivered_units), 0) as field_units "
                + "from kpi_month k " + where + " group by 1) " + select + " from p order by 1";
    }
}
