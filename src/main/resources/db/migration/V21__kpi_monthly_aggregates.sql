-- Monthly KPI aggregates for dashboards (GET /api/v1/kpis/dashboard), kept by the kpi-aggregates job. One row per
-- month (business zone) × customer × product line × model holding the additive parts of the KPIs that decompose:
-- counts, sums and numerators/denominators. Ratios and means are computed from summed parts at read time, so every
-- grouping and a customer's scope come from this one table. Two grains: all_models rows count a case once (any
-- model, product_model null), the other rows count it once per model of its units, as the exact report does for
-- groupBy=model. Unit-level parts (returns, costs, deliveries) are the same in both grains. Rows are not unique per
-- key: deliveries have rows of their own (fleet), recomputed for every month on each refresh since units are often
-- registered long after their delivery; readers sum.
create table kpi_month (
    month             date     not null,
    customer_id       uuid     not null,
    product_line      text,
    product_model     text,
    all_models        boolean  not null,
    fleet             boolean  not null default false,
    cases             bigint   not null default 0,
    fr_cases          bigint   not null default 0,
    fr_hours          numeric  not null default 0,
    fr_on_time        bigint   not null default 0,
    ct_reports        bigint   not null default 0,
    ct_hours          numeric  not null default 0,
    lt_reports        bigint   not null default 0,
    lt_days           bigint   not null default 0,
    lt_on_time        bigint   not null default 0,
    recurrences       bigint   not null default 0,
    fu_closed         bigint   not null default 0,
    fu_within_7_days  bigint   not null default 0,
    sat_follow_ups    bigint   not null default 0,
    sat_sum           bigint   not null default 0,
    sat_satisfied     bigint   not null default 0,
    ntf_judged        bigint   not null default 0,
    ntf_units         bigint   not null default 0,
    cost_lines        bigint   not null default 0,
    cost_cny          numeric  not null default 0,
    cost_recovery_cny numeric  not null default 0,
    delivered_units   bigint   not null default 0,
    check (not all_models or product_model is null),
    check (fleet or delivered_units = 0)
);

create index kpi_month_grain on kpi_month (all_models, month);
create index kpi_month_customer on kpi_month (customer_id, all_models, month);

-- The one row saying what the aggregates are as of: the time of the last refresh, the first month it recomputed and
-- when all months were last recomputed.
create table kpi_month_refresh (
    id             smallint    primary key default 1 check (id = 1),
    refreshed_at   timestamptz not null,
    since_month    date,
    full_at        timestamptz not null
);
