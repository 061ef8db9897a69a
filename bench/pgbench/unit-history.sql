-- GET /api/v1/units/{serial}/history?limit=20 by a staff account: the statement the service issues (UnitHistory.of,
-- from the PostgreSQL log), one in autocommit: the unit by serial and its archive (cases, visits, costs, returns and
-- recalls through their areas' views), 21 rows at most (one more than the page, for the next cursor).
\set n random(1, :units)
with u as (
    select id, serial_no, customer_id, replaced_at, replaced_by_unit_id, replaces_unit_id from unit_record
    where serial_no = 'BN' || lpad(:n::text, 9, '0')
), unit_cases as (
    select c.* , cu.regime from u join case_unit cu on cu.unit_id = u.id join service_case c on c.id = cu.case_id
    where true
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
    from case_cost k join unit_cases c on c.id = k.case_id, u
    where (k.serial_no is null or k.serial_no = u.serial_no) and true
    union all
    select r.at, 'RETURN', r.return_id, r.case_id, c.case_no, r.status, r.summary
    from u join return_unit_history r on r.unit_id = u.id join service_case c on c.id = r.case_id
    where true
    union all
    select r.at, 'RECALL', r.campaign_id, null, null, r.remedy_status, r.summary
    from u join recall_unit_history r on r.unit_id = u.id
    union all
    select u.replaced_at, 'REPLACED_BY', n.id, null, null, 'REPLACED', '→ ' || n.serial_no
    from u join unit_record n on n.id = u.replaced_by_unit_id
    union all
    select p.replaced_at, 'REPLACES', p.id, null, null, 'REPLACED', '← ' || p.serial_no
    from u join unit_record p on p.id = u.replaces_unit_id
)
select u.id, u.customer_id, e.at, e.kind, e.id, e.case_id, e.case_no, e.status, e.summary
from u left join (
    select * from entries
    order by at, id limit 21
) e on true
order by e.at, e.id;
