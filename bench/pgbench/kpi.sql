-- GET /api/v1/kpis?kpi=ppm&groupBy=month over the last year (-D from=… -D to=…): the statement the service issues.
with num as (select to_char(c.failure_date, 'YYYY-MM') as grp, count(distinct u.id) as n from service_case c join case_unit cu on cu.case_id = c.id join unit u on u.id = cu.unit_id where c.failure_date between cast(:from as date) and cast(:to as date) and c.type <> 'GRIEVANCE' and c.status <> 'REJECTED' and true group by 1), deliv as materialized (
    select date_trunc('month', f.delivery_date)::date as mon, sum(f.units) as n from unit_fleet f
    where f.delivery_date <= cast(:to as date) and true group by 1
), months as (
    select m::date as mon from generate_series(date_trunc('month', cast(:from as date)), cast(:to as date), interval '1 month') m
), fleet as (
    select to_char(m.mon, 'YYYY-MM') as grp, (select coalesce(sum(d.n), 0) from deliv d where d.mon <= m.mon) as n
    from months m
)
select coalesce(f.grp, x.grp), coalesce(x.n, 0), coalesce(f.n, 0), round(coalesce(x.n, 0) * 1000000.0 / nullif(f.n, 0), 1) from fleet f left join num x on x.grp = f.grp order by 1;
