package com.aftersales.kpi;

import java.util.List;
import java.util.function.Function;

/**
 * Every KPI: its key, titles and formula in zh-CN and en, columns, and its SQL for a grouping. The definitions here are
 * what the API documents. Conventions: periods are calendar days in the service's zone, both ends included; a
 * <em>complaint case</em> is a case of any type but SERVICE (a service request: delivery, training, technical exchange,
 * commissioning), with or without units; a <em>failure case</em> is a complaint case but a GRIEVANCE that was not
 * REJECTED (per-unit figures count its units, so a case without units adds to no per-unit figure); warranty cost leaves
 * service requests out; follow-ups and satisfaction count every case; <em>units in the field</em> are
 * units delivered on or before the end of the period (of the month, for groupBy=month); percentages have 2 decimals.
 */
final class KpiCatalog {

    record Col(String key, String zh, String en) {
    }

    record Context(Kpis.GroupBy groupBy) {
    }

    record Kpi(String key, String titleZh, String titleEn, String formulaZh, String formulaEn, boolean staffOnly,
               List<Col> columns, Function<Context, String> sql) {
    }

    private KpiCatalog() {
    }

    static final Col GROUP = new Col("group", "分组", "group");

    /**
     * The KPIs that answer groupBy=software:&lt;component&gt; (live, from the units' update history; the monthly aggregates
     * of the dashboard have no software dimension): each counts a unit under the version it ran on the case's failure
     * date, and ppm's units in the field under the version they ran at the end of the period.
     */
    static final java.util.Set<String> BY_SOFTWARE = new java.util.TreeSet<>(java.util.Set.of("cases", "ppm"));

    /**
     * The version of the :component a unit ran on a date: the last update on or before that day (business zone); before
     * its first update, the version it was registered or imported with; "–" when it had none of that component.
     */
    static String softwareAt(String unitId, String date) {
        return "coalesce((select h.to_version from unit_software_history h where h.unit_id = " + unitId
                + " and h.component = :component and cast(" + local("h.updated_at") + " as date) <= " + date
                + " order by h.updated_at desc limit 1), (select case when h.source in ('FACTORY', 'IMPORT') and h.from_version is null "
                + "then h.to_version else h.from_version end from unit_software_history h where h.unit_id = " + unitId
                + " and h.component = :component order by h.updated_at limit 1), '–')";
    }

    /** One row per case and software version of its units (on the case's failure date), as a case counts once per model. */
    static final String CASE_SOFTWARE_JOIN = " join lateral (select distinct " + softwareAt("cu.unit_id", "c.failure_date")
            + " as sw from case_unit cu where cu.case_id = c.id) gs on true";
    static final String COMPLAINT = "c.type <> 'SERVICE'";
    static final String FAILURE = "c.type not in ('GRIEVANCE', 'SERVICE') and c.status <> 'REJECTED'";
    /** A customer account's filter on the table aliased {@code alias}; Kpis drops it from the text for staff. */
    static String scope(String alias) {
        return "(cast(:scope as uuid) is null or " + alias + ".customer_id = cast(:scope as uuid))";
    }

    static final String CASE_SCOPE = scope("c");
    static final String UNIT_SCOPE = scope("u");
    /**
     * One row per case and model of its units, so a case counts once per model. The distinct pairs are one hash
     * aggregate over case_unit (three-year first response by model: 476 → 346 ms, EXPLAIN ANALYZE on the bench data),
     * where a self anti-join per unit cost a second pass.
     */
    static final String CASE_MODEL_JOIN = " join (select distinct case_id, product_model from case_unit) gm on gm.case_id = c.id";

    static Kpis.Dims caseDims(String monthOf) {
        return new Kpis.Dims("to_char(" + monthOf + ", 'YYYY-MM')", "cast(c.customer_id as text)", "c.product_line",
                "gm.product_model", CASE_MODEL_JOIN);
    }

    /** A timestamp as local time of the business zone (the :zone parameter, aftersales.zone). */
    static String local(String timestamp) {
        return "(" + timestamp + " at time zone cast(:zone as text))";
    }

    static final Kpis.Dims UNIT_DIMS = new Kpis.Dims(null, "cast(u.customer_id as text)", "u.product_line", "u.product_model", null);
    static final Kpis.Dims FLEET_DIMS = new Kpis.Dims(null, "cast(f.customer_id as text)", "f.product_line", "f.product_model", null);
    static final String RECALL_SCOPE = scope("ru");
    static final String FLEET_SCOPE = scope("f");

    /**
     * A per-unit figure: the numerator CTE {@code num(grp, …)} over groups, divided by the units in the field of the
     * group. For groupBy=month the field grows month by month (units delivered by each month's end).
     */
    static String perFieldUnit(Context ctx, String numeratorCte, String select) {
        // Units in the field come from unit_fleet (delivered units per day, customer, line, model), not from unit.
        if (ctx.groupBy() == Kpis.GroupBy.SOFTWARE) {
            // No software dimension in unit_fleet: the units delivered by the end, under the version they ran then.
            return "with " + numeratorCte + ", fleet as (select " + softwareAt("u.id", "cast(:to as date)") + " as grp, count(*) as n "
                    + "from unit u where u.delivery_date <= :to and " + UNIT_SCOPE + " group by 1) "
                    + select + " from fleet f full join num x on x.grp = f.grp order by 1";
        }
        if (ctx.groupBy() == Kpis.GroupBy.MONTH) {
            return "with " + numeratorCte + """
                    , deliv as materialized (
                        select date_trunc('month', f.delivery_date)::date as mon, sum(f.units) as n from unit_fleet f
                        where f.delivery_date <= :to and %s group by 1
                    ), months as (
                        select m::date as mon from generate_series(date_trunc('month', cast(:from as date)), cast(:to as date), interval '1 month') m
                    ), fleet as (
                        select to_char(m.mon, 'YYYY-MM') as grp, (select coalesce(sum(d.n), 0) from deliv d where d.mon <= m.mon) as n
                        from months m
                    )
                    """.formatted(FLEET_SCOPE) + select + " from fleet f left join num x on x.grp = f.grp order by 1";
        }
        return "with " + numeratorCte + ", fleet as (select " + FLEET_DIMS.expr(ctx.groupBy()) + " as grp, sum(f.units) as n "
                + "from unit_fleet f where f.delivery_date <= :to and " + FLEET_SCOPE + " group by 1) "
                + select + " from fleet f full join num x on x.grp = f.grp order by 1";
    }

    /** The first case of a report (by opening time) stands for its customer, product line and models. */
    static final String FIRST_CASE = "join lateral (select c.* from eight_d_case ec join service_case c on c.id = ec.case_id "
            + "where ec.report_id = r.id order by c.created_at, c.id limit 1) fc on true";

    /** A cost belongs to the model of the unit it was billed to (case_cost.product_model, see V13). */
    static final Kpis.Dims COST_DIMS = new Kpis.Dims("to_char(cc.month, 'YYYY-MM')", "cast(c.customer_id as text)",
            "c.product_line", "cc.product_model", null);

    /**
     * Verified company-borne cost lines of complaint cases in the period with the mean supplier share of their case's
     * returned units. The shares are aggregated once for all cases (a hash join, not a lookup per line). The case is
     * left-joined (its foreign key makes that the same as an inner join) for its type, customer and product line.
     */
    static String costs() {
        return "from (select case_id, product_model, category, cast(date_trunc('month', incurred_on) as date) as month, "
                + "amount_cny from case_cost where status = 'VERIFIED' and billed_to = 'COMPANY' "
                + "and incurred_on between :from and :to) cc "
                + "left join service_case c on c.id = cc.case_id "
                + "left join (select ro.case_id, avg(coalesce(ru.supplier_share, 0)) as share from return_order ro "
                + "join return_unit ru on ru.return_id = ro.id group by 1) s on s.case_id = cc.case_id where " + COMPLAINT + " and "
                + CASE_SCOPE;
    }

    /** Claims with their claimed and agreed totals (a line not yet agreed counts 0 agreed), aliased {@code cl}. */
    static final String CLAIM_TOTALS = "(select k.*, (select sum(l.claimed_cny) from case_claim_line l where l.claim_id = k.id) as claimed, "
            + "(select coalesce(sum(l.agreed_cny), 0) from case_claim_line l where l.claim_id = k.id) as agreed from case_claim k) cl";
    /** A paid contract fee belongs to the month it was paid and to its unit's customer, product line and model. */
    static final Kpis.Dims FEE_DIMS = new Kpis.Dims("to_char(sc.paid_on, 'YYYY-MM')", "cast(sc.customer_id as text)",
            "u.product_line", "u.product_model", null);

    /**
     * Verified cost lines of every case incurred in the period by who bears them (the regime frozen on the case's unit:
     * COMPANY for the free warranty and cases without units, SERVICE_CONTRACT, CUSTOMER for chargeable work), and beside
     * them the service-contract fees paid in the period: one row per source, summed per group by {@link #ALL}.
     */
    static String costsAndFees(Context ctx) {
        return "select " + COST_DIMS.expr(ctx.groupBy()) + " as grp, cc.billed_to, cc.amount_cny as amount, 0 as fee "
                + "from (select case_id, product_model, billed_to, cast(date_trunc('month', incurred_on) as date) as month, "
                + "amount_cny from case_cost where status = 'VERIFIED' and incurred_on between :from and :to) cc "
                + "join service_case c on c.id = cc.case_id where " + CASE_SCOPE
                + " union all select " + FEE_DIMS.expr(ctx.groupBy()) + ", null, 0, sc.paid_cny from service_contract sc "
                + "join unit_record u on u.id = sc.unit_id where sc.paid_on between :from and :to and " + scope("sc");
    }

    static final List<Kpi> ALL = List.of(
            new Kpi("cases", "客诉数量（按类型、严重度）", "Cases by type and severity",
                    "期间内登记的客诉单数（不含服务单），按类型与严重度", "complaint cases (not service requests) opened in the period, by type and severity", false,
                    List.of(GROUP, new Col("type", "类型", "type"), new Col("severity", "严重度", "severity"),
                            new Col("cases", "数量", "cases")),
                    ctx -> {
                        Kpis.Dims d = caseDims(local("c.created_at"));
                        return "select " + d.expr(ctx.groupBy()) + " as grp, c.type, c.severity, count(*) "
                                + "from service_case c" + d.join(ctx.groupBy())
                                + " where c.created_at >= :fromTs and c.created_at < :toTs and " + COMPLAINT + " and " + CASE_SCOPE
                                + " group by 1, 2, 3 order by 1, 2, 3";
                    }),
            new Kpi("ppm", "PPM（百万分之故障率）", "PPM",
                    "期间内失效日期的故障单涉及的产品数 ÷ 期末在用产品数 × 10⁶",
                    "distinct units in failure cases with a failure date in the period ÷ units in the field × 10⁶", false,
                    List.of(GROUP, new Col("failedUnits", "故障产品数", "failed units"),
                            new Col("fieldUnits", "在用产品数", "units in the field"), new Col("ppm", "PPM", "PPM")),
                    ctx -> {
                        String grp = ctx.groupBy() == Kpis.GroupBy.MONTH ? "to_char(c.failure_date, 'YYYY-MM')"
                                : ctx.groupBy() == Kpis.GroupBy.SOFTWARE ? softwareAt("u.id", "c.failure_date")
                                : UNIT_DIMS.expr(ctx.groupBy());
                        return perFieldUnit(ctx, "num as (select " + grp + " as grp, count(distinct u.id) as n "
                                        + "from service_case c join case_unit cu on cu.case_id = c.id join unit u on u.id = cu.unit_id "
                                        + "where c.failure_date between :from and :to and " + FAILURE + " and " + UNIT_SCOPE
                                        + " group by 1)",
                                "select coalesce(f.grp, x.grp), coalesce(x.n, 0), coalesce(f.n, 0), "
                                        + "round(coalesce(x.n, 0) * 1000000.0 / nullif(f.n, 0), 1)");
                    }),
            new Kpi("claimsPer1000ByMonthsInService", "千台故障数（按使用月数，IPTV）", "Claims per 1,000 units by months in service (IPTV)",
                    "期间内交付的产品（按分组），使用第 k 个月发生的故障单数 ÷ 已使用满 k 个月的产品数 × 1000",
                    "for units delivered in the period: failure cases in the k-th month in service ÷ units in service for at least k months × 1,000",
                    false,
                    List.of(GROUP, new Col("monthsInService", "使用月数", "months in service"), new Col("claims", "故障数", "claims"),
                            new Col("unitsExposed", "满期产品数", "units exposed"), new Col("per1000", "千台故障数", "per 1,000")),
                    ctx -> {
                        String grp = ctx.groupBy() == Kpis.GroupBy.MONTH ? "to_char(u.delivery_date, 'YYYY-MM')"
                                : UNIT_DIMS.expr(ctx.groupBy());
                        String fleetGrp = ctx.groupBy() == Kpis.GroupBy.MONTH ? "to_char(f.delivery_date, 'YYYY-MM')"
                                : FLEET_DIMS.expr(ctx.groupBy());
                        // Exposure from unit_fleet (delivered units per day); claims from the failure cases of the
                        // cohort's units. Months in service are whole months from delivery (age()).
                        return """
                                with counts as (
                                    select %1$s as grp,
                                           least((extract(year from age(cast(:asOf as date), f.delivery_date)) * 12
                                                  + extract(month from age(cast(:asOf as date), f.delivery_date)))::int, :maxMonths) as k,
                                           sum(f.units) as n
                                    from unit_fleet f where f.delivery_date between :from and :to and f.delivery_date <= :asOf
                                      and f.units > 0 and %2$s
                                    group by 1, 2
                                ), exposure as (
                                    select g.grp, k.k, sum(c.n) as exposed
                                    from (select distinct grp from counts) g cross join generate_series(0, :maxMonths) as k(k)
                                    join counts c on c.grp = g.grp and c.k >= k.k
                                    group by 1, 2
                                ), claims as (
                                    select %3$s as grp, (extract(year from age(c.failure_date, u.delivery_date)) * 12
                                                    + extract(month from age(c.failure_date, u.delivery_date)))::int as k, count(*) as n
                                    from service_case c join case_unit cu on cu.case_id = c.id join unit u on u.id = cu.unit_id
                                    where %4$s and u.delivery_date between :from and :to and c.failure_date >= u.delivery_date
                                      and %5$s
                                    group by 1, 2
                                )
                                select e.grp, e.k, coalesce(cl.n, 0), e.exposed, round(coalesce(cl.n, 0) * 1000.0 / e.exposed, 2)
                                from exposure e left join claims cl on cl.grp = e.grp and cl.k = e.k
                                where e.exposed > 0
                                order by 1, 2""".formatted(fleetGrp, FLEET_SCOPE, grp, FAILURE, UNIT_SCOPE);
                    }),
            new Kpi("ntfRate", "NTF 率（未发现故障）", "NTF rate",
                    "期间内判定的退货产品中判定为 NTF 的数量 ÷ 判定数量 × 100%",
                    "returned units judged NTF in the period ÷ returned units judged in the period × 100%", false,
                    List.of(GROUP, new Col("judgedUnits", "判定数", "judged units"), new Col("ntfUnits", "NTF 数", "NTF units"),
                            new Col("ntfRatePct", "NTF 率 %", "NTF rate %")),
                    ctx -> {
                        Kpis.Dims d = new Kpis.Dims("to_char(" + local("ru.judged_at") + ", 'YYYY-MM')",
                                "cast(c.customer_id as text)", "c.product_line", "u.product_model", null);
                        return "select " + d.expr(ctx.groupBy()) + ", count(*), count(*) filter (where ru.verdict = 'NTF'), "
                                + "round(100.0 * count(*) filter (where ru.verdict = 'NTF') / count(*), 2) "
                                + "from return_unit ru join return_order ro on ro.id = ru.return_id "
                                + "join service_case c on c.id = ro.case_id join unit u on u.id = ru.unit_id "
                                + "where ru.judged_at >= :fromTs and ru.judged_at < :toTs and " + CASE_SCOPE
                                + " group by 1 order by 1";
                    }),
            new Kpi("firstResponse", "首次响应时间", "Time to first response",
                    "期间内登记且已响应的客诉单（不含服务单）：首次响应时间 − 登记时间（小时），平均值与 90 分位；按时响应占比",
                    "complaint cases (not service requests) opened in the period and answered: first response − opened, in hours, mean and 90th percentile; share on time",
                    false,
                    List.of(GROUP, new Col("cases", "客诉单数", "cases"), new Col("avgHours", "平均小时", "mean hours"),
                            new Col("p90Hours", "90分位小时", "p90 hours"), new Col("onTimePct", "按时响应 %", "on time %")),
                    ctx -> {
                        Kpis.Dims d = caseDims(local("c.created_at"));
                        return "select " + d.expr(ctx.groupBy()) + ", count(*), round(avg(c.h), 2), "
                                + "round(cast(percentile_cont(0.9) within group (order by c.h) as numeric), 2), "
                                + "round(100.0 * count(*) filter (where c.on_time) / count(*), 2) "
                                + "from (select c.*, extract(epoch from c.first_responded_at - c.created_at) / 3600 as h, "
                                + "c.first_responded_at <= c.first_response_due as on_time from service_case c "
                                + "where c.created_at >= :fromTs and c.created_at < :toTs and c.first_responded_at is not null and "
                                + COMPLAINT + " and " + CASE_SCOPE + ") c" + d.join(ctx.groupBy()) + " group by 1 order by 1";
                    }),
            new Kpi("containment", "临时措施（D3）时间", "Time to containment (8D D3)",
                    "期间内开立且 D3 已完成的 8D 报告：D3 完成时间 − 首个客诉单登记时间（小时），平均值与 90 分位",
                    "8D reports opened in the period with D3 done: D3 done − first case opened, in hours, mean and 90th percentile",
                    false,
                    List.of(GROUP, new Col("reports", "8D 报告数", "reports"), new Col("avgHours", "平均小时", "mean hours"),
                            new Col("p90Hours", "90分位小时", "p90 hours")),
                    ctx -> {
                        Kpis.Dims d = caseDims("c.opened_on");
                        return "select " + d.expr(ctx.groupBy()) + ", count(*), round(avg(c.h), 2), "
                                + "round(cast(percentile_cont(0.9) within group (order by c.h) as numeric), 2) "
                                + "from (select fc.id, fc.customer_id, fc.product_line, r.opened_on, "
                                + "extract(epoch from d.completed_at - fc.created_at) / 3600 as h "
                                + "from eight_d_report r join eight_d_discipline d on d.report_id = r.id and d.discipline = 'D3' "
                                + "and d.status = 'DONE' " + FIRST_CASE + " where r.opened_on between :from and :to) c"
                                + d.join(ctx.groupBy()) + " where " + CASE_SCOPE + " group by 1 order by 1";
                    }),
            new Kpi("eightDLeadTime", "8D 周期与按时结案率", "8D lead time and on-time closure",
                    "期间内结案的 8D 报告：结案日期 − 开立日期（天）的平均值；结案日期不晚于 D8 计划日期的占比",
                    "8D reports closed in the period: closed − opened, in days, mean; share closed on or before the D8 due date",
                    false,
                    List.of(GROUP, new Col("closedReports", "结案数", "closed reports"), new Col("avgDays", "平均天数", "mean days"),
                            new Col("onTimePct", "按时结案 %", "on time %")),
                    ctx -> {
                        Kpis.Dims d = caseDims(local("c.closed_at"));
                        return "select " + d.expr(ctx.groupBy()) + ", count(*), round(avg(c.days), 1), "
                                + "round(100.0 * count(*) filter (where c.on_time) / count(*), 2) "
                                + "from (select fc.id, fc.customer_id, fc.product_line, r.closed_at, "
                                + local("r.closed_at") + "::date - r.opened_on as days, "
                                + local("r.closed_at") + "::date <= d8.due_date as on_time "
                                + "from eight_d_report r join eight_d_discipline d8 on d8.report_id = r.id and d8.discipline = 'D8' "
                                + FIRST_CASE + " where r.status = 'CLOSED' and r.closed_at >= :fromTs and r.closed_at < :toTs) c"
                                + d.join(ctx.groupBy()) + " where " + CASE_SCOPE + " group by 1 order by 1";
                    }),
            new Kpi("recurrences", "问题再发", "Recurrences",
                    "期间内作为再发关联到已结案 8D 的客诉单数，及涉及的 8D 报告数",
                    "cases linked in the period to a closed 8D report as a recurrence, and the reports concerned", false,
                    List.of(GROUP, new Col("recurrences", "再发次数", "recurrences"), new Col("reports", "8D 报告数", "reports")),
                    ctx -> {
                        Kpis.Dims d = caseDims(local("ec.linked_at"));
                        return "select " + d.expr(ctx.groupBy()) + ", count(*), count(distinct ec.report_id) "
                                + "from eight_d_case ec join service_case c on c.id = ec.case_id" + d.join(ctx.groupBy())
                                + " where ec.recurrence and ec.linked_at >= :fromTs and ec.linked_at < :toTs and " + CASE_SCOPE
                                + " group by 1 order by 1";
                    }),
            new Kpi("followUpWithin7Days", "7 日内回访率", "Follow-ups within 7 days of closure",
                    "期间内关闭的客诉单中，关闭后 7 天内完成回访的占比",
                    "cases closed in the period with a follow-up done within 7 days of closure ÷ cases closed in the period", false,
                    List.of(GROUP, new Col("closedCases", "关闭客诉单数", "closed cases"),
                            new Col("followedUp", "7 日内回访数", "followed up within 7 days"), new Col("pct", "回访率 %", "share %")),
                    ctx -> {
                        Kpis.Dims d = caseDims(local("c.closed_at"));
                        return "select " + d.expr(ctx.groupBy()) + ", count(*), count(*) filter (where c.fu), "
                                + "round(100.0 * count(*) filter (where c.fu) / count(*), 2) "
                                + "from (select c.*, exists (select 1 from follow_up f where f.case_id = c.id and f.status = 'DONE' "
                                + "and f.done_at <= c.closed_at + interval '7 days') as fu from service_case c "
                                + "where c.status = 'CLOSED' and c.closed_at >= :fromTs and c.closed_at < :toTs and " + CASE_SCOPE
                                + ") c" + d.join(ctx.groupBy()) + " group by 1 order by 1";
                    }),
            new Kpi("satisfaction", "客户满意度", "Customer satisfaction",
                    "期间内完成且有评分的回访：满意度（1–5）平均值；表示满意的占比",
                    "follow-ups done in the period with a score: mean satisfaction (1–5); share satisfied", false,
                    List.of(GROUP, new Col("followUps", "回访数", "follow-ups"), new Col("avgSatisfaction", "平均满意度", "mean score"),
                            new Col("satisfiedPct", "满意 %", "satisfied %")),
                    ctx -> {
                        Kpis.Dims d = caseDims(local("f.done_at"));
                        return "select " + d.expr(ctx.groupBy()) + ", count(*), round(avg(f.satisfaction), 2), "
                                + "round(100.0 * count(*) filter (where f.satisfied) / count(*), 2) "
                                + "from follow_up f join service_case c on c.id = f.case_id" + d.join(ctx.groupBy())
                                + " where f.status = 'DONE' and f.satisfaction is not null and f.done_at >= :fromTs "
                                + "and f.done_at < :toTs and " + CASE_SCOPE + " group by 1 order by 1";
                    }),
            new Kpi("warrantyCost", "三包费用（按费用类别）", "Warranty cost by category",
                    "期间内发生、已核实、由公司承担的客诉单费用（不含服务单）；供应商索赔 = 费用 × 该客诉单退货产品供应商分摊比例的平均值；净额 = 费用 − 索赔",
                    "verified costs of complaint cases (not service requests) borne by the company, incurred in the period; supplier recovery = cost × mean supplier share of the case's returned units; net = cost − recovery",
                    true,
                    List.of(GROUP, new Col("category", "费用类别", "category"), new Col("costCny", "费用（元）", "cost CNY"),
                            new Col("supplierRecoveryCny", "供应商索赔（元）", "supplier recovery CNY"),
                            new Col("netCny", "净额（元）", "net CNY")),
                    ctx -> "select " + COST_DIMS.expr(ctx.groupBy()) + ", cc.category, sum(cc.amount_cny), "
                            + "round(sum(cc.amount_cny * coalesce(s.share, 0)), 2), "
                            + "sum(cc.amount_cny) - round(sum(cc.amount_cny * coalesce(s.share, 0)), 2) " + costs()
                            + " group by 1, 2 order by 1, 2"),
            new Kpi("warrantyCostPerUnit", "单台三包费用", "Warranty cost per unit",
                    "（期间内公司承担的已核实费用 − 供应商索赔）÷ 期末在用产品数",
                    "(verified company-borne cost incurred in the period − supplier recovery) ÷ units in the field", true,
                    List.of(GROUP, new Col("netCny", "净费用（元）", "net cost CNY"), new Col("fieldUnits", "在用产品数", "units in the field"),
                            new Col("netCnyPerUnit", "单台净费用（元）", "net CNY per unit")),
                    ctx -> perFieldUnit(ctx, "num as (select " + COST_DIMS.expr(ctx.groupBy()) + " as grp, "
                                    + "sum(cc.amount_cny) - round(sum(cc.amount_cny * coalesce(s.share, 0)), 2) as n " + costs() + " group by 1)",
                            "select coalesce(f.grp, x.grp), coalesce(x.n, 0), coalesce(f.n, 0), round(coalesce(x.n, 0) / nullif(f.n, 0), 2)")),
            new Kpi("claimAgreement", "索赔认可率", "Claims agreed ÷ claimed",
                    "期间内审核完成的索赔：认可金额 ÷ 索赔金额 × 100%（拒赔计为 0）",
                    "claims whose review was completed in the period: agreed amount ÷ claimed amount × 100% (a rejected claim agrees 0)",
                    false,
                    List.of(GROUP, new Col("claims", "索赔数", "claims"), new Col("claimedCny", "索赔金额（元）", "claimed CNY"),
                            new Col("agreedCny", "认可金额（元）", "agreed CNY"), new Col("agreedPct", "认可率 %", "agreed %")),
                    ctx -> {
                        Kpis.Dims d = caseDims(local("cl.reviewed_at"));
                        return "select " + d.expr(ctx.groupBy()) + ", count(*), sum(cl.claimed), sum(cl.agreed), "
                                + "round(100.0 * sum(cl.agreed) / nullif(sum(cl.claimed), 0), 2) from " + CLAIM_TOTALS
                                + " join service_case c on c.id = cl.case_id" + d.join(ctx.groupBy())
                                + " where cl.status in ('AGREED', 'PARTLY_AGREED', 'REJECTED', 'SETTLED') "
                                + "and cl.reviewed_at >= :fromTs and cl.reviewed_at < :toTs and " + CASE_SCOPE
                                + " group by 1 order by 1";
                    }),
            new Kpi("claimSettlement", "索赔结算周期", "Claim settlement lead time",
                    "期间内结算的索赔：结算金额；从登记索赔到结算的天数（平均、最长）",
                    "claims settled in the period: amount settled; days from the claim's recording to its settlement (mean, longest)",
                    false,
                    List.of(GROUP, new Col("settledClaims", "结算索赔数", "claims settled"),
                            new Col("settledCny", "结算金额（元）", "settled CNY"),
                            new Col("avgLeadDays", "平均结算天数", "mean days to settle"),
                            new Col("maxLeadDays", "最长结算天数", "longest days to settle")),
                    ctx -> {
                        Kpis.Dims d = caseDims("cl.settled_on");
                        String days = "(cl.settled_on - cast(" + local("cl.created_at") + " as date))";
                        return "select " + d.expr(ctx.groupBy()) + ", count(*), sum(cl.settled_cny), round(avg(" + days + "), 1), "
                                + "max(" + days + ") from " + CLAIM_TOTALS + " join service_case c on c.id = cl.case_id"
                                + d.join(ctx.groupBy()) + " where cl.status = 'SETTLED' and cl.settled_on between :from and :to and "
                                + CASE_SCOPE + " group by 1 order by 1";
                    }),
            new Kpi("supplierRecovery", "供应商追偿率（责任追溯）", "Supplier recovery rate",
                    "期间内开具的扣款通知单：已追回金额 ÷ 开具金额（按开具时冻结的金额）× 100%；另列接受与核销金额（供应商未开单的可追偿缺陷见 /api/v1/supplier-recoveries/attributable）",
                    "debit notes raised in the period: recovered ÷ raised (the amounts frozen at raising, i.e. what was attributable) × 100%; with the amounts accepted and written off (defects not yet raised: /api/v1/supplier-recoveries/attributable)",
                    true,
                    List.of(GROUP, new Col("debitNotes", "扣款通知单数", "debit notes"), new Col("raisedCny", "开具金额（元）", "raised CNY"),
                            new Col("acceptedCny", "接受金额（元）", "accepted CNY"), new Col("recoveredCny", "追回金额（元）", "recovered CNY"),
                            new Col("writtenOffCny", "核销金额（元）", "written off CNY"),
                            new Col("recoveryRatePct", "追偿率 %", "recovery rate %")),
                    ctx -> {
                        Kpis.Dims d = new Kpis.Dims("to_char(" + local("sr.created_at") + ", 'YYYY-MM')",
                                "cast(c.customer_id as text)", "c.product_line", "u.product_model", null);
                        return "select " + d.expr(ctx.groupBy()) + ", count(*), sum(sr.amount_cny), "
                                + "coalesce(sum(sr.accepted_cny), 0), coalesce(sum(sr.recovered_cny), 0), "
                                + "coalesce(sum(sr.amount_cny) filter (where sr.status = 'WRITTEN_OFF'), 0), "
                                + "round(100.0 * coalesce(sum(sr.recovered_cny), 0) / sum(sr.amount_cny), 2) "
                                + "from supplier_recovery sr join service_case c on c.id = sr.case_id join unit u on u.id = sr.unit_id "
                                + "where sr.created_at >= :fromTs and sr.created_at < :toTs and " + CASE_SCOPE
                                + " group by 1 order by 1";
                    }),
            new Kpi("costPerUnitByRegime", "单台服务费用（按保修类型）", "Service cost per unit by regime",
                    "期间内发生的已核实费用按承担方分列——三包（公司承担，含无产品的客诉单）、保修协议、收费服务（客户承担）——各 ÷ 期末在用产品数；另列期间内收讫的保修协议费用",
                    "verified costs incurred in the period by who bears them — free warranty (the company, cases without units included), service contract, chargeable (the customer) — each ÷ units in the field; beside them the service-contract fees paid in the period",
                    true,
                    List.of(GROUP, new Col("fieldUnits", "在用产品数", "units in the field"),
                            new Col("freeWarrantyCny", "三包费用（元）", "free warranty CNY"),
                            new Col("serviceContractCny", "保修协议费用（元）", "service contract CNY"),
                            new Col("chargeableCny", "收费服务费用（元）", "chargeable CNY"),
                            new Col("freeWarrantyCnyPerUnit", "单台三包费用（元）", "free warranty CNY per unit"),
                            new Col("serviceContractCnyPerUnit", "单台保修协议费用（元）", "service contract CNY per unit"),
                            new Col("chargeableCnyPerUnit", "单台收费服务费用（元）", "chargeable CNY per unit"),
                            new Col("contractFeesPaidCny", "保修协议收款（元）", "contract fees paid CNY")),
                    // Amounts as numeric(14, 2) even when a regime has no line in a group: "0.00", not "0".
                    ctx -> perFieldUnit(ctx, "num as (select grp, "
                                    + "sum(amount) filter (where billed_to = 'COMPANY') as fw, "
                                    + "sum(amount) filter (where billed_to = 'SERVICE_CONTRACT') as sc, "
                                    + "sum(amount) filter (where billed_to = 'CUSTOMER') as ch, sum(fee) as fees "
                                    + "from (" + costsAndFees(ctx) + ") t group by 1)",
                            "select coalesce(f.grp, x.grp), coalesce(f.n, 0), round(coalesce(x.fw, 0), 2), round(coalesce(x.sc, 0), 2), "
                                    + "round(coalesce(x.ch, 0), 2), round(coalesce(x.fw, 0) / nullif(f.n, 0), 2), "
                                    + "round(coalesce(x.sc, 0) / nullif(f.n, 0), 2), round(coalesce(x.ch, 0) / nullif(f.n, 0), 2), "
                                    + "round(coalesce(x.fees, 0), 2)")),
            new Kpi("recallCompletion", "召回完成率", "Recall completion",
                    "期末前已启动的召回活动：已补救产品数 ÷（涉及产品数 − 豁免数）× 100%",
                    "recall campaigns activated by the end of the period: remedied units ÷ (affected − exempt units) × 100%", false,
                    List.of(GROUP, new Col("campaign", "召回编号", "campaign"), new Col("affected", "涉及产品数", "affected"),
                            new Col("remedied", "已补救", "remedied"), new Col("exempt", "豁免", "exempt"),
                            new Col("completionPct", "完成率 %", "completion %")),
                    ctx -> {
                        Kpis.Dims d = new Kpis.Dims("to_char(" + local("rc.activated_at") + ", 'YYYY-MM')",
                                "cast(ru.customer_id as text)", "ru.product_line", "ru.product_model", null);
                        return "select " + d.expr(ctx.groupBy()) + ", rc.code, count(*), "
                                + "count(*) filter (where ru.remedy_status = 'REMEDIED'), count(*) filter (where ru.remedy_status = 'EXEMPT'), "
                                + "round(100.0 * count(*) filter (where ru.remedy_status = 'REMEDIED') "
                                + "/ nullif(count(*) - count(*) filter (where ru.remedy_status = 'EXEMPT'), 0), 2) "
                                + "from recall_unit ru join recall_campaign rc on rc.id = ru.campaign_id "
                                + "where rc.activated_at < :toTs and " + RECALL_SCOPE + " group by 1, 2 order by 1, 2";
                    }),
            new Kpi("sparePartsFillRate", "备件满足率", "Spare-parts fill rate",
                    "期间内为客诉单的备件需求中，直接从库存出库满足的占比：出库次数 ÷（出库次数 + 为客诉单申请的调拨单数）× 100%（按月或合计）",
                    "demand for parts on cases in the period met from stock at once: issues ÷ (issues + transfer orders raised for a case) × 100% (by month or in total)",
                    true,
                    List.of(GROUP, new Col("issues", "库存出库", "issued from stock"), new Col("transfers", "调拨申请", "transfer orders"),
                            new Col("fillRatePct", "满足率 %", "fill rate %")),
                    ctx -> {
                        String grp = ctx.groupBy() == Kpis.GroupBy.MONTH ? "to_char(" + local("at") + ", 'YYYY-MM')" : "'ALL'";
                        return "select " + grp + ", count(*) filter (where kind = 'ISSUE'), count(*) filter (where kind = 'TRANSFER'), "
                                + "round(100.0 * count(*) filter (where kind = 'ISSUE') / count(*), 2) from ("
                                + "select 'ISSUE' as kind, m.moved_at as at from stock_movement m where m.kind = 'ISSUE' "
                                + "and m.case_id is not null and m.moved_at >= :fromTs and m.moved_at < :toTs "
                                + "union all select 'TRANSFER', t.created_at from transfer_order t where t.case_id is not null "
                                + "and t.created_at >= :fromTs and t.created_at < :toTs) d group by 1 order by 1";
                    }));
}
