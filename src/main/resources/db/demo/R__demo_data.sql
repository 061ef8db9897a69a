-- Demo data for dev mode only (quarkus.flyway.locations in %dev). Safe to re-run.
insert into customer (id, code, name, type, contacts) values
 ('0b6f1c1e-0000-4000-8000-000000000001', 'YT-BUS', '宇通客车股份有限公司', 'OEM',
  '[{"name":"张伟","position":"售后质量经理","phone":"+86 371 6666 0001","email":"zhang.wei@example.cn"}]'),
 ('0b6f1c1e-0000-4000-8000-000000000002', 'SZ-FLEET', '深圳巴士集团新能源车队', 'FLEET',
  '[{"name":"李娜","position":"车队技术主管","phone":"+86 755 8888 0002","email":"li.na@example.cn"}]'),
 ('0b6f1c1e-0000-4000-8000-000000000003', 'WL-MICRO', '五菱微型车售后中心', 'OEM',
  '[{"name":"王强","position":"质量工程师","phone":"+86 772 2222 0003"}]')
on conflict (id) do nothing;

insert into warranty_term (id, customer_id, product_line, months, mileage_km, operating_hours, start_basis, effective_from, effective_to, notes) values
 ('1b6f1c1e-0000-4000-8000-000000000001', '0b6f1c1e-0000-4000-8000-000000000001', 'COMMERCIAL_VEHICLE', 36, 200000, null, 'DELIVERY', '2022-01-01', '2024-12-31', '2022 年框架协议：三年或二十万公里'),
 ('1b6f1c1e-0000-4000-8000-000000000002', '0b6f1c1e-0000-4000-8000-000000000001', 'COMMERCIAL_VEHICLE', 60, 300000, null, 'DELIVERY', '2025-01-01', null, '2025 年起：五年或三十万公里'),
 ('1b6f1c1e-0000-4000-8000-000000000003', '0b6f1c1e-0000-4000-8000-000000000002', 'COMMERCIAL_VEHICLE', 24, null, 10000, 'DELIVERY', '2020-01-01', null, '车队：两年或一万工作小时'),
 ('1b6f1c1e-0000-4000-8000-000000000004', '0b6f1c1e-0000-4000-8000-000000000003', 'MICRO_CAR', 24, 60000, null, 'FIRST_SALE', '2020-01-01', null, '自首次销售起两年或六万公里')
on conflict (id) do nothing;

insert into unit (id, serial_no, product_model, product_line, project_code, production_date, batch_no, customer_id, end_customer, vin, delivery_date, first_sale_date) values
 ('2b6f1c1e-0000-4000-8000-000000000001', 'TM220-2023-000101', 'TM220 驱动电机', 'COMMERCIAL_VEHICLE', null, '2023-03-02', 'B2303A', '0b6f1c1e-0000-4000-8000-000000000001', '郑州公交', 'LZYTBGCB8P1000101', '2023-04-15', null),
 ('2b6f1c1e-0000-4000-8000-000000000002', 'TM220-2025-000207', 'TM220 驱动电机', 'COMMERCIAL_VEHICLE', null, '2025-02-10', 'B2502C', '0b6f1c1e-0000-4000-8000-000000000001', '洛阳公交', null, '2025-03-01', null),
 ('2b6f1c1e-0000-4000-8000-000000000003', 'MC80-2021-003301', 'MC80 电机控制器', 'COMMERCIAL_VEHICLE', null, '2021-05-20', 'C2105B', '0b6f1c1e-0000-4000-8000-000000000002', '深圳巴士 3 路', null, '2021-06-18', null),
 ('2b6f1c1e-0000-4000-8000-000000000004', 'EM35-2024-010001', 'EM35 微车电驱总成', 'MICRO_CAR', null, '2024-06-01', 'M2406A', '0b6f1c1e-0000-4000-8000-000000000003', null, null, '2024-06-20', '2024-09-05'),
 ('2b6f1c1e-0000-4000-8000-000000000005', 'PX-DEV-0007', 'PX 样机（开发中）', 'SYSTEM', 'NPD-2026-PX', '2026-08-15', 'P2608', '0b6f1c1e-0000-4000-8000-000000000001', null, null, '2026-09-01', null)
on conflict (id) do nothing;

insert into service_contract (id, unit_id, contract_no, start_date, end_date, mileage_limit_km, fee_cny, coverage, signed_by, signed_on, status) values
 ('3b6f1c1e-0000-4000-8000-000000000001', '2b6f1c1e-0000-4000-8000-000000000003', 'BX-2023-0042', '2023-06-18', '2026-12-31', null, 12800.00, '电机控制器整机保修，含上门服务，不含易损件', 'dev-sales', '2023-06-01', 'ACTIVE')
on conflict (id) do nothing;
