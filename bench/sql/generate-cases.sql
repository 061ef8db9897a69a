-- Set-based test data for query plans and benchmarks: :customers customers, :units units, :cases cases
-- (psql -v customers=50 -v units=200000 -v cases=100000 -f generate-cases.sql). Chinese text where users type.
\set ON_ERROR_STOP on
begin;
insert into customer (id, code, name, type)
select gen_random_uuid(), 'BENCH-' || lpad(i::text, 4, '0'), '测试客户' || i || '号', (array['OEM','FLEET','DEALER','END_USER'])[1 + i % 4]
from generate_series(1, :customers) i;

with c as (select id, row_number() over (order by code) as n from customer where code like 'BENCH-%')
insert into unit (id, serial_no, product_model, product_line, project_code, production_date, batch_no, customer_id, delivery_date)
select gen_random_uuid(), 'BN' || lpad(i::text, 9, '0'),
       (array['TM220','MC80','EM35','PX100'])[1 + i % 4],
       (array['COMMERCIAL_VEHICLE','PASSENGER_CAR','MICRO_CAR','SYSTEM'])[1 + i % 4],
       case when i % 50 = 0 then 'NPD-' || (i % 7) end,
       date '2019-01-01' + (i % 2399), 'B' || (i % 500), c.id, date '2019-01-01' + (i % 2399) + 20
from generate_series(1, :units) i
join c on c.n = 1 + i % :customers;

create temporary table bench_case_unit on commit drop as
select u.id as unit_id, u.serial_no, u.customer_id, u.product_line, u.delivery_date,
       row_number() over () as n
from unit u where u.serial_no like 'BN%' order by random() limit :cases;

insert into service_case (id, case_no, type, status, severity, customer_id, product_line, title, description,
                          failure_date, reporter_name, channel, owner_role, manager_role, first_response_due, resolution_due,
                          first_responded_at, responded_at, created_by, created_at, updated_at)
select gen_random_uuid(), 'KS-BENCH-' || lpad(b.n::text, 7, '0'),
       (array['COMPLAINT','GRIEVANCE','CLAIM','RETURN_EXCHANGE','REPAIR'])[1 + b.n % 5],
       (array['NEW','ACKNOWLEDGED','INVESTIGATING','RESOLVING','RESOLVED','CLOSED','CLOSED','CLOSED','REJECTED','REOPENED'])[1 + b.n % 10],
       (array['LOW','MEDIUM','HIGH','CRITICAL'])[1 + b.n % 4],
       b.customer_id, b.product_line,
       (array['电机异响','控制器报警','冷却液泄漏','绝缘故障','编码器信号丢失','过温保护','高压互锁故障'])[1 + b.n % 7],
       (array['车辆高速行驶时电机有明显异响并伴随抖动','仪表显示控制器故障码 P0A1F，车辆限功率',
              '电机壳体下方发现冷却液渗漏痕迹，需要更换密封圈','绝缘电阻低于标准值，整车报警无法上高压',
              '旋变信号间歇性丢失，车辆偶发动力中断','夏季长时间爬坡后电机过温降功率','高压互锁回路断开，无法启动'])[1 + b.n % 7]
           || '，客户编号 ' || b.n,
       b.delivery_date + 30 + (b.n % 300)::int, '联系人' || (b.n % 97), 'PHONE',
       case when b.product_line = 'COMMERCIAL_VEHICLE' then 'AFTER_SALES_MANAGER' else 'SALES_MANAGER' end,
       case when b.product_line = 'COMMERCIAL_VEHICLE' then 'AFTER_SALES_MANAGER' else 'SALES_MANAGER' end,
       now() - interval '200 days' + (b.n % 400) * interval '12 hours',
       now() - interval '100 days' + (b.n % 400) * interval '1 day',
       case when b.n % 10 > 0 then now() - interval '190 days' end,
       case when b.n % 10 > 0 then now() - interval '190 days' end,
       'bench', now() - (b.n % 700) * interval '1 day' - (b.n % 86400) * interval '1 second', now()
from bench_case_unit b;

insert into case_unit (case_id, unit_id, serial_no, mileage_km, regime, reasons)
select c.id, b.unit_id, b.serial_no, (b.n % 300000)::int,
       (array['FREE_WARRANTY','SERVICE_CONTRACT','CHARGEABLE'])[1 + b.n % 3], '[]'
from bench_case_unit b join service_case c on c.case_no = 'KS-BENCH-' || lpad(b.n::text, 7, '0');
commit;
analyze;
