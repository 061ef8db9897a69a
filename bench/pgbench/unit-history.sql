-- GET /api/v1/units/{serial}/history?limit=20: the unit by serial, then its history (autocommit, as the service).
\set n random(1, :units)
select u1_0.id as unit_id,u1_0.batch_no,u1_0.created_at,u1_0.customer_id,u1_0.delivery_date,u1_0.end_customer,u1_0.first_sale_date,u1_0.product_line,u1_0.product_model,u1_0.production_date,u1_0.project_code,u1_0.serial_no,u1_0.updated_at,u1_0.version,u1_0.vin from unit u1_0 where u1_0.serial_no='BN' || lpad(:n::text, 9, '0') fetch first 1 rows only \gset
with unit_cases as (
    select c.* , cu.regime from case_unit cu join service_case c on c.id = cu.case_id where cu.unit_id = :unit_id
), entries as (
    select c.created_at as at, 'CASE' as kind, c.id, c.id as case_id, c.case_no, c.status,
           c.type || ' · ' || c.regime || ' · ' || c.title as summary
    from unit_cases c
    union all
    select coalesce(v.completed_at, v.started_at, v.created_at), 'VISIT', v.id, c.id, c.case_no, v.status,
           v.purpose || ' · ' || v.planned_date || ' · ' || v.site || coalesce(' · ' || v.result, '')
    from field_visit v join unit_cases c on c.id = v.case_id
    union all
    select k.created_at, 'COST', k.id, c.id, c.case_no, k.status,
           k.category || ' · ' || to_char(k.amount_cny, 'FM999999999990.00') || ' CNY · ' || k.billed_to
    from case_cost k join unit_cases c on c.id = k.case_id
    where true and (k.serial_no is null or k.serial_no = :serial_no)
    union all
    select r.created_at, 'RETURN', r.id, r.case_id, c.case_no, r.status,
           r.return_no || coalesce(' · ' || ru.verdict, '') || coalesce(' · ' || ru.disposition, '')
           || coalesce(' → ' || ru.replacement_serial, '')
    from return_unit ru join return_order r on r.id = ru.return_id join service_case c on c.id = r.case_id
    where ru.unit_id = :unit_id
    union all
    select coalesce(rc.activated_at, rc.created_at), 'RECALL', rc.id, null, null, rcu.remedy_status,
           rc.code || ' · ' || rc.title || coalesce(' · ' || rcu.remedy_date, '')
    from recall_unit rcu join recall_campaign rc on rc.id = rcu.campaign_id
    where rcu.unit_id = :unit_id
)
select at, kind, id, case_id, case_no, status, summary from entries
order by at, id limit 21;
