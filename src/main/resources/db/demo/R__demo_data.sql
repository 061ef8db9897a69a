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

insert into service_contract (id, unit_id, customer_id, contract_no, start_date, end_date, mileage_limit_km, fee_cny, coverage, signed_by, signed_on, status) values
 ('3b6f1c1e-0000-4000-8000-000000000001', '2b6f1c1e-0000-4000-8000-000000000003', '0b6f1c1e-0000-4000-8000-000000000002', 'BX-2023-0042', '2023-06-18', '2026-12-31', null, 12800.00, '电机控制器整机保修，含上门服务，不含易损件', 'dev-sales', '2023-06-01', 'ACTIVE')
on conflict (id) do nothing;

-- A closed claim on the TM220 motor of 郑州公交, answered by a closed 8D report (export it as Excel, see README).
insert into service_case (id, case_no, type, status, severity, customer_id, product_line, title, description, failure_date,
                          reporter_name, reporter_phone, channel, owner_role, manager_role, first_response_due, resolution_due,
                          first_responded_at, responded_at, resolved_at, closed_at, created_by, created_at, updated_at) values
 ('4b6f1c1e-0000-4000-8000-000000000001', 'KS-2026-000001', 'CLAIM', 'CLOSED', 'HIGH', '0b6f1c1e-0000-4000-8000-000000000001',
  'COMMERCIAL_VEHICLE', '驱动电机高速异响', '郑州公交 16 路车辆在 60 km/h 以上时电机有明显异响并伴随抖动，客户要求索赔。', '2026-03-02',
  '张伟', '+86 371 6666 0001', 'PHONE', 'AFTER_SALES_MANAGER', 'AFTER_SALES_MANAGER', '2026-03-03 10:00+08', '2026-03-10 10:00+08',
  '2026-03-03 09:00+08', '2026-03-03 09:00+08', '2026-04-20 17:00+08', '2026-04-28 17:00+08', 'dev-sales', '2026-03-03 08:30+08', '2026-04-28 17:00+08')
on conflict (id) do nothing;

insert into case_unit (case_id, unit_id, serial_no, mileage_km, regime, valid_until, decided_by_kind, decided_by_id, decided_by_ref, reasons) values
 ('4b6f1c1e-0000-4000-8000-000000000001', '2b6f1c1e-0000-4000-8000-000000000001', 'TM220-2023-000101', 86000, 'FREE_WARRANTY',
  '2026-04-14', 'WARRANTY_TERM', '1b6f1c1e-0000-4000-8000-000000000001', '36M/200000KM DELIVERY',
  '[{"code":"in_warranty","args":["2023-04-15","2026-04-14"]}]')
on conflict do nothing;

insert into case_event (case_id, actor, kind, to_status, visibility)
select '4b6f1c1e-0000-4000-8000-000000000001', 'dev-sales', 'OPENED', 'NEW', 'CUSTOMER'
where not exists (select 1 from case_event where case_id = '4b6f1c1e-0000-4000-8000-000000000001');

insert into eight_d_report (id, report_no, title, customer_id, status, opened_on, champion, team, d2, d4_occurrence, d4_escape,
                            d6_verification, d6_verified_on, d7, summary, closed_at, closed_by, created_by) values
 ('6b6f1c1e-0000-4000-8000-000000000001', '8D-2026-00001', 'TM220 驱动电机轴承早期失效', '0b6f1c1e-0000-4000-8000-000000000001',
  'CLOSED', '2026-03-03', '质量部 刘洋',
  '[{"name":"刘洋","role":"组长","department":"质量"},{"name":"陈工","role":"设计","department":"技术"},{"name":"赵工","role":"工艺","department":"工艺"},{"name":"王工","role":"采购","department":"采购"},{"name":"周工","role":"返修","department":"返修组"}]',
  '{"what":"电机高速异响并抖动","where":"郑州公交 16 路","when":"2026-03，运行约 8.6 万公里","who":"驾驶员反馈","why":"影响乘坐舒适并可能导致轴承卡滞","how":"60 km/h 以上出现","howMany":"同批次 3 台","isNot":"其他批次、其他线路车辆无此现象"}',
  '轴承游隙超出图纸要求（供应商热处理批次异常）', '来料检验未测量轴承游隙，出厂测试转速未覆盖最高转速',
  '更换 3 台电机轴承后跟踪 30 天无再发；后续 5 批次来料游隙全部合格', '2026-04-18',
  '{"documents":[{"type":"PFMEA","reference":"PFMEA-TM220-07","change":"增加轴承游隙失效模式"},{"type":"CONTROL_PLAN","reference":"CP-TM220-02","change":"来料游隙全检"}],"lessons":"关键尺寸必须纳入来料全检，出厂测试覆盖最高转速"}',
  '轴承供应商热处理批次异常导致游隙超差。已更换故障电机轴承，供应商完成整改，来料游隙改为全检，出厂测试增加最高转速工况。客户已确认满意。',
  '2026-04-28 17:00+08', 'dev-quality', 'dev-quality')
on conflict (id) do nothing;

insert into eight_d_case (report_id, case_id) values ('6b6f1c1e-0000-4000-8000-000000000001', '4b6f1c1e-0000-4000-8000-000000000001')
on conflict do nothing;

insert into eight_d_discipline (report_id, discipline, due_date, status, owner, content, completed_at)
select '6b6f1c1e-0000-4000-8000-000000000001', d, due, 'DONE', owner, content, '2026-04-28 17:00+08'
from (values ('D0', date '2026-03-04', '周工', '隔离同批次库存电机 42 台，通知客户暂停该批次装车'),
             ('D1', date '2026-03-04', '刘洋', '成立 5 人小组'),
             ('D2', date '2026-03-05', '刘洋', '见 5W2H'),
             ('D3', date '2026-03-04', '周工', '库存电机抽检游隙，不合格品返修'),
             ('D4', date '2026-03-17', '陈工', '轴承拆解测量，供应商热处理记录追溯'),
             ('D5', date '2026-03-24', '王工', '供应商整改，来料游隙全检'),
             ('D6', date '2026-04-14', '刘洋', '整改后跟踪验证'),
             ('D7', date '2026-04-28', '赵工', '更新 PFMEA 与控制计划'),
             ('D8', date '2026-05-06', 'dev-quality', '结案，感谢小组'))
     as v(d, due, owner, content)
on conflict do nothing;

insert into eight_d_action (id, report_id, kind, description, owner, due_date, status, effectiveness, completed_on) values
 ('7b6f1c1e-0000-4000-8000-000000000001', '6b6f1c1e-0000-4000-8000-000000000001', 'CONTAINMENT', '隔离同批次库存电机 42 台并抽检游隙', '周工', '2026-03-05', 'VERIFIED', '不合格 3 台已返修', '2026-03-05'),
 ('7b6f1c1e-0000-4000-8000-000000000002', '6b6f1c1e-0000-4000-8000-000000000001', 'CORRECTIVE', '轴承供应商热处理工艺整改，来料游隙全检', '王工', '2026-03-31', 'VERIFIED', '5 批次来料全部合格', '2026-03-29'),
 ('7b6f1c1e-0000-4000-8000-000000000003', '6b6f1c1e-0000-4000-8000-000000000001', 'PREVENTIVE', '出厂测试增加最高转速工况', '赵工', '2026-04-20', 'DONE', null, '2026-04-16')
on conflict (id) do nothing;

select setval('case_no_seq', greatest((select last_value from case_no_seq), 1));
select setval('eight_d_no_seq', greatest((select last_value from eight_d_no_seq), 1));
