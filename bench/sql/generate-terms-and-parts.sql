-- Warranty terms, service contracts, spare parts and stock for the bench data (after generate-cases.sql), so that
-- entitlement lookups decide all three regimes and the stock jobs have work: every BENCH customer has a 36-month /
-- 100,000 km term per product line from 2020 on (units delivered earlier are chargeable unless under contract); one
-- unit in twenty has a 2-year service contract; 400 parts with stock at 5 locations, a tenth below safety stock.
\set ON_ERROR_STOP on
begin;
insert into warranty_term (id, customer_id, product_line, months, mileage_km, start_basis, effective_from, notes)
select gen_random_uuid(), c.id, l, 36, 100000, 'DELIVERY', date '2020-01-01', '标准三包条款'
from customer c cross join unnest(array['COMMERCIAL_VEHICLE','PASSENGER_CAR','MICRO_CAR','SYSTEM']) l
where c.code like 'BENCH-%';

insert into service_contract (id, unit_id, customer_id, contract_no, start_date, end_date, mileage_limit_km, fee_cny, coverage,
                              signed_by, signed_on, status)
select gen_random_uuid(), u.id, u.customer_id, 'FW-BENCH-' || substr(u.serial_no, 3), u.delivery_date + 1095, u.delivery_date + 1095 + 730,
       200000, 3800.00, '延保：电机与控制器总成', 'bench', u.delivery_date + 1000, 'ACTIVE'
from unit u where u.serial_no like 'BN%' and right(u.serial_no, 2) in ('05', '55');

insert into spare_part (id, part_no, name, product_models, unit_of_measure, market_price, wear_part)
select gen_random_uuid(), 'SP-BENCH-' || lpad(i::text, 4, '0'),
       (array['电机轴承','旋变传感器','冷却水泵','高压连接器','控制器主板','熔断器','密封圈','编码器'])[1 + i % 8] || ' 型号' || i,
       array[(array['TM220','MC80','EM35','PX100'])[1 + i % 4]], '个', 20 + (i * 37) % 2000, i % 3 = 0
from generate_series(1, 400) i;

insert into stock (part_id, location, quantity, safety_stock, reorder_point)
select p.id, loc, case when abs(hashtext(p.part_no || loc)) % 10 = 0 then 1 else 20 + abs(hashtext(p.part_no || loc)) % 80 end, 5, 10
from spare_part p cross join unnest(array['HQ','BJ','SH','GZ','CD']) loc where p.part_no like 'SP-BENCH-%';
commit;
