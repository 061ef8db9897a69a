-- The rest of the after-sales record on top of generate-cases.sql, for the KPI queries: closure times, follow-ups,
-- verified costs, judged returns (some NTF, some purchased parts with a supplier share), 8D reports with D3 and D8,
-- recurrences, and a recall over a tenth of the units. Set-based; deterministic (hashes of the case numbers).
-- psql -f bench/sql/generate-kpi-data.sql (after generate-cases.sql)
\set ON_ERROR_STOP on
begin;
create temporary table bench_case on commit drop as
select c.id, c.case_no, c.title, c.customer_id, c.status, c.created_at, abs(hashtext(c.case_no)) as h
from service_case c where c.case_no like 'KS-BENCH-%';

update service_case c set closed_at = b.created_at + (b.h % 60) * interval '1 day' + interval '1 hour'
from bench_case b where c.id = b.id and b.status = 'CLOSED';

insert into follow_up (id, case_id, round, due_date, status, contacted, satisfaction, satisfied, done_by, done_at)
select gen_random_uuid(), c.id, 1, cast(c.closed_at as date) + 7, 'DONE', true, 1 + b.h % 5, b.h % 5 >= 2, 'bench',
       c.closed_at + (b.h % 10) * interval '1 day'
from bench_case b join service_case c on c.id = b.id where b.status = 'CLOSED' and b.h % 10 <> 0;

insert into case_cost (id, case_id, serial_no, category, amount_cny, description, incurred_on, billed_to, status, submitted_by)
select gen_random_uuid(), b.id, cu.serial_no, (array['TRAVEL','SERVICE_STATION_FEE','PARTS','LABOUR','FREIGHT'])[1 + (b.h + k) % 5],
       50 + (b.h::bigint + k * 7919) % 5000, '差旅及备件费用', cast(b.created_at as date) + 3, 'COMPANY', 'VERIFIED', 'bench'
from bench_case b join case_unit cu on cu.case_id = b.id cross join generate_series(1, 2) k where b.h % 5 < 2;

insert into return_order (id, return_no, case_id, reason, status, authorised_by, received_at, received_by, created_at)
select gen_random_uuid(), 'TH-BENCH-' || substr(b.case_no, 10), b.id, '退回检测', 'JUDGED', 'bench',
       b.created_at + interval '5 days', 'bench', b.created_at + interval '2 days'
from bench_case b where b.h % 10 = 3;

insert into supplier (id, code, name) values (gen_random_uuid(), 'BENCH-BEARING', '某轴承供应商') on conflict (code) do nothing;

insert into return_unit (return_id, unit_id, serial_no, verdict, cause_category, supplier_id, supplier_share, judged_by, judged_at)
select r.id, cu.unit_id, cu.serial_no,
       case when abs(hashtext(cu.serial_no)) % 10 < 3 then 'NTF' else 'DEFECT_CONFIRMED' end,
       case when abs(hashtext(cu.serial_no)) % 10 < 3 then null when abs(hashtext(cu.serial_no)) % 10 < 6 then 'PURCHASED_PART' else 'DESIGN' end,
       case when abs(hashtext(cu.serial_no)) % 10 between 3 and 5 then (select id from supplier where code = 'BENCH-BEARING') end,
       case when abs(hashtext(cu.serial_no)) % 10 between 3 and 5 then 0.5 end,
       'bench', r.created_at + interval '10 days'
from return_order r join case_unit cu on cu.case_id = r.case_id where r.return_no like 'TH-BENCH-%';

create temporary table bench_report on commit drop as
select gen_random_uuid() as id, b.id as case_id, '8D-BENCH-' || substr(b.case_no, 10) as report_no, b.title, b.customer_id,
       cast(b.created_at as date) + 1 as opened_on, b.created_at, b.h
from bench_case b where b.h % 50 = 7;

insert into eight_d_report (id, report_no, title, customer_id, status, opened_on, created_by, closed_at, closed_by, created_at)
select id, report_no, title, customer_id, case when h % 3 = 0 then 'OPEN' else 'CLOSED' end, opened_on, 'bench',
       case when h % 3 <> 0 then created_at + (20 + h % 40) * interval '1 day' end,
       case when h % 3 <> 0 then 'bench' end, created_at
from bench_report;

insert into eight_d_case (report_id, case_id, recurrence, linked_at)
select id, case_id, false, created_at from bench_report;

-- A recurrence for every seventh report: another case of the same customer linked later.
insert into eight_d_case (report_id, case_id, recurrence, linked_at)
select r.id, o.id, true, r.created_at + interval '60 days'
from bench_report r
join lateral (select b.id from bench_case b where b.customer_id = r.customer_id and b.id <> r.case_id limit 1) o on true
where r.h % 7 = 0;

insert into eight_d_discipline (report_id, discipline, due_date, status, owner, completed_at)
select r.id, d, r.opened_on + (case d when 'D3' then 3 when 'D8' then 60 else 30 end),
       case when d = 'D3' or r.h % 3 <> 0 then 'DONE' else 'OPEN' end, 'bench',
       case when d = 'D3' or r.h % 3 <> 0 then r.created_at + (1 + r.h % 96) * interval '1 hour' end
from bench_report r cross join unnest(array['D0','D1','D2','D3','D4','D5','D6','D7','D8']) d;

insert into recall_campaign (id, code, title, defect_description, safety_risk, remedy, criteria, status, activated_at,
                             hold_until, created_by, affected_count)
values ('00000000-0000-4000-8000-00000000beef', 'ZH-BENCH-1', '控制器熔断器召回', '熔断器规格不足', '过热起火', '更换熔断器',
        '{}', 'ACTIVE', now() - interval '90 days', current_date + 3650, 'bench', 0)
on conflict do nothing;

insert into recall_unit (campaign_id, unit_id, serial_no, customer_id, product_model, remedy_status, remedy_date)
select '00000000-0000-4000-8000-00000000beef', u.id, u.serial_no, u.customer_id, u.product_model,
       (array['REMEDIED','REMEDIED','REMEDIED','NOTIFIED','SCHEDULED','EXEMPT'])[1 + abs(hashtext(u.serial_no)) % 6],
       current_date - 30
from unit u where u.serial_no like 'BN%' and right(u.serial_no, 1) = '7'
on conflict do nothing;
commit;
-- The steady state autovacuum reaches in production (visibility map set: index-only scans possible).
vacuum analyze;
