package com.aftersales.kpi;

import com.aftersales.AftersalesConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Keeps {@code kpi_month}, the monthly aggregates behind the dashboard: for each month (business zone), customer,
 * product line and model, the additive parts of the KPIs that decompose (counts, sums of hours, days, scores and
 * amounts, numerators and denominators). One refresh is two set-based statements in one transaction: delete the months
 * it recomputes, insert them again from the records. It recomputes the last {@code aftersales.kpi.aggregates.recent-months}
 * months, or every month when the table was never filled or the last full recompute is older than
 * {@code aftersales.kpi.aggregates.full-every}; months outside stay as they were, except the units delivered, which are
 * recomputed for every month each time (from the small unit_fleet summary; units are often registered long after
 * their delivery); a ledger import of historical cases since the last refresh makes it recompute every month. Idempotent;
 * concurrent runs queue on
 * a transaction lock, and readers see the previous figures until the refresh commits.
 */
@ApplicationScoped
public class KpiAggregates {

    /** The additive parts, in the column order of {@code kpi_month} after its keys. */
    static final List<String> PARTS = List.of("cases", "fr_cases", "fr_hours", "fr_on_time", "ct_reports", "ct_hours",
            "lt_reports", "lt_days", "lt_on_time", "recurrences", "fu_closed", "fu_within_7_days", "sat_follow_ups", "sat_sum",
            "sat_satisfied", "ntf_judged", "ntf_units", "cost_lines", "cost_cny", "cost_recovery_cny", "delivered_units");

    /** Parts holding sums of hours or amounts (numeric); every other part is a count. */
    static final List<String> NUMERIC = List.of("fr_hours", "ct_hours", "cost_cny", "cost_recovery_cny");

    /**
     * Both grains of a case-level figure: the case once for all models (product_model null), and once per model of its
     * units, as the exact report counts it for groupBy=model.
     */
    static String caseGrain(String caseId) {
        return " cross join lateral (select cast(null as text) as product_model, true as all_models union all "
                + "select distinct cu.product_model, false from case_unit cu where cu.case_id = " + caseId + ") g";
    }

    /** Both grains of a unit-level figure: the same row for all models and for its own model. */
    static String unitGrain(String model) {
        return " cross join lateral (select cast(null as text) as product_model, true as all_models union all select "
                + model + ", false) g";
    }

    static String month(String localTimestampOrDate) {
        return "cast(date_trunc('month', " + localTimestampOrDate + ") as date)";
    }

    /** One source of parts: its month, customer and product line, the rows (with grain g) and the parts it fills. */
    record Source(String month, String customer, String productLine, String from, Map<String, String> parts) {
        String select() {
            String values = PARTS.stream()
                    .map(p -> parts.getOrDefault(p, NUMERIC.contains(p) ? "cast(0 as numeric)" : "0") + " as " + p)
                    .collect(Collectors.joining(", "));
            return "select " + month + " as month, " + customer + " as customer_id, " + productLine
                    + " as product_line, g.product_model, g.all_models, " + parts.containsKey("delivered_units") + " as fleet, "
                    + values + " " + from;
        }
    }

    static final String ONE = "1";

    static String flag(String condition) {
        return "case when " + condition + " then 1 else 0 end";
    }

    /** The same definitions as {@link KpiCatalog}'s statements, restricted to the months from :since. */
    static final List<Source> SOURCES = List.of(
            // cases and first response: complaint cases opened in the month
            new Source(month(KpiCatalog.local("c.created_at")), "c.customer_id", "c.product_line",
                    "from service_case c" + caseGrain("c.id") + " where c.created_at >= :sinceTs and " + KpiCatalog.COMPLAINT,
                    Map.of("cases", ONE, "fr_cases", flag("c.first_responded_at is not null"),
                            "fr_hours", "coalesce(extract(epoch from c.first_responded_at - c.created_at) / 3600, 0)",
                            "fr_on_time", flag("c.first_responded_at <= c.first_response_due"))),
            // containment: 8D reports opened in the month with D3 done, counted for their first case
            new Source(month("r.opened_on"), "fc.customer_id", "fc.product_line",
                    "from eight_d_report r join eight_d_discipline d on d.report_id = r.id and d.discipline = 'D3' "
                            + "and d.status = 'DONE' " + KpiCatalog.FIRST_CASE + caseGrain("fc.id") + " where r.opened_on >= :since",
                    Map.of("ct_reports", ONE, "ct_hours", "extract(epoch from d.completed_at - fc.created_at) / 3600")),
            // 8D lead time: reports closed in the month
            new Source(month(KpiCatalog.local("r.closed_at")), "fc.customer_id", "fc.product_line",
                    "from eight_d_report r join eight_d_discipline d8 on d8.report_id = r.id and d8.discipline = 'D8' "
                            + KpiCatalog.FIRST_CASE + caseGrain("fc.id")
                            + " where r.status = 'CLOSED' and r.closed_at >= :sinceTs",
                    Map.of("lt_reports", ONE, "lt_days", "cast(" + KpiCatalog.local("r.closed_at") + " as date) - r.opened_on",
                            "lt_on_time", flag("cast(" + KpiCatalog.local("r.closed_at") + " as date) <= d8.due_date"))),
            // recurrences linked in the month
            new Source(month(KpiCatalog.local("ec.linked_at")), "c.customer_id", "c.product_line",
                    "from eight_d_case ec join service_case c on c.id = ec.case_id" + caseGrain("c.id")
                            + " where ec.recurrence and ec.linked_at >= :sinceTs",
                    Map.of("recurrences", ONE)),
            // cases closed in the month, and whether a follow-up was done within 7 days of closure
            new Source(month(KpiCatalog.local("c.closed_at")), "c.customer_id", "c.product_line",
                    "from service_case c" + caseGrain("c.id") + " where c.status = 'CLOSED' and c.closed_at >= :sinceTs",
                    Map.of("fu_closed", ONE, "fu_within_7_days", flag("exists (select 1 from follow_up f where f.case_id = c.id "
                            + "and f.status = 'DONE' and f.done_at <= c.closed_at + interval '7 days')"))),
            // satisfaction: follow-ups done in the month with a score
            new Source(month(KpiCatalog.local("f.done_at")), "c.customer_id", "c.product_line",
                    "from follow_up f join service_case c on c.id = f.case_id" + caseGrain("c.id")
                            + " where f.status = 'DONE' and f.satisfaction is not null and f.done_at >= :sinceTs",
                    Map.of("sat_follow_ups", ONE, "sat_sum", "f.satisfaction", "sat_satisfied", flag("f.satisfied"))),
            // NTF: returned units judged in the month, by the model of the returned unit
            new Source(month(KpiCatalog.local("ru.judged_at")), "c.customer_id", "c.product_line",
                    "from return_unit ru join return_order ro on ro.id = ru.return_id join service_case c on c.id = ro.case_id "
                            + "join unit u on u.id = ru.unit_id" + unitGrain("u.product_model") + " where ru.judged_at >= :sinceTs",
                    Map.of("ntf_judged", ONE, "ntf_units", flag("ru.verdict = 'NTF'"))),
            // verified company-borne costs of complaint cases incurred in the month, with the supplier share unrounded (rounded per group on read)
            new Source(month("cc.incurred_on"), "c.customer_id", "c.product_line",
                    "from case_cost cc join service_case c on c.id = cc.case_id "
                            + "left join (select ro.case_id, avg(coalesce(ru.supplier_share, 0)) as share from return_order ro "
                            + "join return_unit ru on ru.return_id = ro.id group by 1) s on s.case_id = cc.case_id"
                            + unitGrain("cc.product_model") + " where cc.status = 'VERIFIED' and cc.billed_to = 'COMPANY' "
                            + "and cc.incurred_on >= :since and " + KpiCatalog.COMPLAINT,
                    Map.of("cost_lines", ONE, "cost_cny", "cc.amount_cny", "cost_recovery_cny", "cc.amount_cny * coalesce(s.share, 0)")),
            // units delivered in the month (units in the field by a month's end are the sum up to it), every month on
            // every refresh: units are registered or corrected long after their delivery, and unit_fleet is small
            new Source(month("f.delivery_date"), "f.customer_id", "f.product_line",
                    "from unit_fleet f" + unitGrain("f.product_model") + " where f.units <> 0",
                    Map.of("delivered_units", "f.units")));

    static final String INSERT = "insert into kpi_month (month, customer_id, product_line, product_model, all_models, fleet, "
            + String.join(", ", PARTS) + ") select month, customer_id, product_line, product_model, all_models, fleet, "
            + PARTS.stream().map(p -> "sum(" + p + ")").collect(Collectors.joining(", ")) + " from ("
            + SOURCES.stream().map(Source::select).collect(Collectors.joining(" union all ")) + ") x group by 1, 2, 3, 4, 5, 6";

    /** What a refresh did: the first month recomputed (null: all), the rows written, the time the figures are as of. */
    public record Refresh(LocalDate since, int rows, OffsetDateTime asOf) {
    }

    @Inject
    EntityManager em;

    @Inject
    AftersalesConfig config;

    /** Recomputes the recent months (or all), as of {@code now}, in the caller's transaction (or its own). */
    @Transactional
    public Refresh refresh(OffsetDateTime now, ZoneId zone) {
        // One refresh at a time: a second run waits and then recomputes again, which changes nothing.
        em.createNativeQuery("select pg_advisory_xact_lock(hashtext('kpi_month'))").getSingleResult();
        @SuppressWarnings("unchecked")
        List<Object[]> last = em.createNativeQuery("select full_at, refreshed_at from kpi_month_refresh").getResultList();
        // A ledger import since the last refresh wrote cases of any past month: recompute them all.
        boolean full = last.isEmpty() || com.aftersales.shared.persistence.SqlValues.offsetDateTime(last.get(0)[0])
                .isBefore(now.minus(config.kpi().aggregates().fullEvery()))
                || (Boolean) em.createNativeQuery("select exists (select 1 from service_case where imported_at >= ?1)")
                .setParameter(1, com.aftersales.shared.persistence.SqlValues.offsetDateTime(last.get(0)[1])).getSingleResult();
        LocalDate since = full ? LocalDate.of(1900, 1, 1)
                : YearMonth.from(now.atZoneSameInstant(zone)).minusMonths(config.kpi().aggregates().recentMonths() - 1L).atDay(1);
        em.createNativeQuery("delete from kpi_month where month >= :since or fleet").setParameter("since", since).executeUpdate();
        int rows = em.createNativeQuery(INSERT).setParameter("since", since)
                .setParameter("sinceTs", since.atStartOfDay(zone).toOffsetDateTime()).setParameter("zone", zone.getId())
                .executeUpdate();
        em.createNativeQuery("insert into kpi_month_refresh (id, refreshed_at, since_month, full_at) values (1, :now, "
                        + "case when :full then null else cast(:since as date) end, :now) "
                        + "on conflict (id) do update set refreshed_at = excluded.refreshed_at, since_month = excluded.since_month, "
                        + "full_at = case when :full then excluded.full_at else kpi_month_refresh.full_at end")
                .setParameter("now", now).setParameter("since", since).setParameter("full", full)
                .executeUpdate();
        return new Refresh(full ? null : since, rows, now);
    }
}
