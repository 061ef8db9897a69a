-- POST /api/v1/cases (one unit): the statements the service issues in its one transaction (from the PostgreSQL log):
-- idempotency claim, customer and SLA, unit, entitlement facts (unit, terms, contracts), routing with the case number
-- and the duplicate check, the case, its unit, its first event, the routing notice, the audit entry and the stored
-- response. The service reads the customer and SLA first (the customer id comes in the request); here the unit comes
-- first because the script learns the customer from it. Ids the service makes in Java come from gen_random_uuid()
-- here; the case insert returns its id to the later statements (the service knows it already), and the JSON
-- documents have the size the service writes.
\set n random(1, :units)
\set m random(0, 199999)
BEGIN;
set local lock_timeout = '5000ms';
insert into idempotency_key (caller, idem_key, request_hash) values ('bench-pgbench', gen_random_uuid()::text, md5(:n::text) || md5(:m::text)) on conflict do nothing returning idem_key \gset
set local lock_timeout to default;
select u1_0.id as unit_id,u1_0.batch_no,u1_0.created_at,u1_0.customer_id,u1_0.delivery_date,u1_0.end_customer,u1_0.first_sale_date,u1_0.product_line,u1_0.product_model,u1_0.production_date,u1_0.project_code,u1_0.serial_no,u1_0.updated_at,u1_0.version,u1_0.vin from unit u1_0 where u1_0.serial_no in ('BN' || lpad(:n::text, 9, '0')) \gset
select exists (select 1 from customer_name n where n.id = :customer_id) as customer_exists,
s.first_response_hours, s.resolution_hours
from (select 1) one
left join lateral (select first_response_hours, resolution_hours from case_sla
where severity = 'MEDIUM' and (customer_id = :customer_id or customer_id is null)
order by customer_id nulls last limit 1) s on true;
select u.id, u.serial_no, u.customer_id, u.product_line, u.delivery_date, u.first_sale_date, (select cast(json_agg(json_build_array(t.id, t.product_line, t.months, t.mileage_km, t.operating_hours, t.start_basis, t.effective_from, t.effective_to) order by t.effective_from) as text) from warranty_term t where t.customer_id = u.customer_id and t.product_line = u.product_line) as terms, (select cast(json_agg(json_build_array(c.id, c.contract_no, c.start_date, c.end_date, c.mileage_limit_km, c.status) order by c.start_date, c.contract_no) as text) from service_contract c where c.unit_id = u.id) as contracts from unit_record u where u.serial_no = any(array['BN' || lpad(:n::text, 9, '0')]);
with q as (select aftersales_bigrams('过温保护 客户反馈过温保护，车辆编号 ' || :n || '，请尽快安排技术人员联系') as grams),
candidate as (
    select c.id, c.case_no, cu.serial_no,
           cardinality(array(select unnest(c.search_grams) intersect select unnest(q.grams)))::float8
           / greatest(cardinality(array(select unnest(c.search_grams) union select unnest(q.grams))), 1)
           as similarity
    from service_case c
    join case_unit cu on cu.case_id = c.id
    cross join q
    where cu.unit_id = any(array[:unit_id]::uuid[])
      and (c.status not in ('CLOSED', 'REJECTED') or coalesce(c.closed_at, c.updated_at) > now() - interval '90 days')
    order by similarity desc, c.created_at desc
    limit 1)
select (select r.owner_role from case_routing r where r.product_line = :product_line and r.in_project = false),
       nextval('case_no_seq') as seq, d.id as dup_id, d.case_no as dup_case_no, d.serial_no as dup_serial,
       d.similarity as dup_similarity
from (select 1) one
left join candidate d on true \gset
insert into service_case (action_plan,approval_decided_by,approval_on_behalf_of,approval_status,case_no,channel,closed_at,created_at,created_by,customer_id,description,duplicate_of,duplicate_serial,duplicate_similarity,failure_date,first_responded_at,first_response_due,major,major_reason,manager_role,owner_person,owner_role,product_line,reopen_count,reporter_email,reporter_name,reporter_phone,resolution_due,resolved_at,responded_at,severity,status,title,type,updated_at,version,id) values (null,null,null,'NOT_REQUIRED','KS-PGB-' || lpad(:seq::text, 9, '0'),'PHONE',null,now(),'bench-pgbench',:customer_id,'客户反馈过温保护，车辆编号 ' || :n || '，请尽快安排技术人员联系',null,null,null,current_date - 3,null,now() + interval '1 day',false,null,'SALES_MANAGER',null,'SALES_MANAGER',:product_line,0,null,'王工','138 0000 2952',now() + interval '14 days',null,null,'MEDIUM','NEW','过温保护','COMPLAINT',now(),0,gen_random_uuid()) returning id as case_id \gset
insert into case_unit (decided_by_id,decided_by_kind,decided_by_ref,mileage_km,operating_hours,reasons,regime,serial_no,valid_until,case_id,unit_id) values (null,'WARRANTY_TERM','36M/100000KM DELIVERY',:m,null,'[{"args": ["2024-05-13", "2027-05-12"], "code": "in_warranty"}]','FREE_WARRANTY','BN' || lpad(:n::text, 9, '0'),current_date + 500,:case_id,:unit_id);
insert into case_event (actor,case_id,from_status,kind,text,to_status,visibility) values ('bench-pgbench',:case_id,null,'OPENED',null,'NEW','CUSTOMER') RETURNING *;
insert into notice (id, kind, recipient_role, recipient_subject, customer_id, payload, dedupe_key)
values (gen_random_uuid(), 'CASE_ROUTED', 'SALES_MANAGER', null, null, cast('{"caseId": "' || cast(:case_id as text) || '","caseNo": "KS-2026-000504","title": "过温保护","severity": "MEDIUM","ownerRole": "SALES_MANAGER","ownerPerson": null,"firstResponseDue": "2026-12-01 09:59"}' as jsonb), 'case-routed:' || cast(:case_id as text) || ':0')
on conflict (dedupe_key) do nothing;
insert into audit_log (action,actor,after_state,before_state,correlation_id,entity_id,entity_type) values ('CREATE','bench-pgbench',cast('{"id": "' || cast(:case_id as text) || '", "type": "COMPLAINT", "major": false, "title": "过温保护", "units": [{"reason": "在包修期内（2024-05-13 至 2027-05-12）", "regime": "FREE_WARRANTY", "serialNo": "BN000148278", "mileageKm": 94904, "validUntil": "2027-05-12", "decidedById": "2e769ce8-7b4d-409b-b522-6c5e2b966113", "decidedByRef": "36M/100000KM DELIVERY", "decidedByKind": "WARRANTY_TERM", "operatingHours": null}], "caseNo": "KS-2026-000504", "status": "NEW", "channel": "PHONE", "overdue": false, "version": 0, "reporter": {"name": "王工", "email": null, "phone": "138 0000 2952"}, "severity": "MEDIUM", "closedAt": null, "createdAt": "2026-11-30T01:59:56.555336Z", "createdBy": "bench-sales", "ownerRole": "SALES_MANAGER", "updatedAt": "2026-11-30T01:59:56.555346Z", "actionPlan": null, "customerId": "ababdd39-9358-4a2c-afb6-ff609d4c6bf6", "resolvedAt": null, "description": "客户反馈过温保护，车辆编号 148278，请尽快安排技术人员联系", "failureDate": "2026-11-19", "majorReason": null, "ownerPerson": null, "productLine": "MICRO_CAR", "reopenCount": 0, "resolutionDue": "2026-12-14T01:59:56.551055114Z", "approvalStatus": "NOT_REQUIRED", "firstResponseDue": "2026-12-01T01:59:56.551055114Z", "firstRespondedAt": null, "possibleDuplicate": null, "allowedTransitions": ["ACKNOWLEDGED", "REJECTED"]}' as jsonb),null,null,:case_id,'ServiceCase') RETURNING *;
update idempotency_key set status = 201, response_body = '{"id": "' || cast(:case_id as text) || '","caseNo": "KS-2026-000504","type": "RETURN_EXCHANGE","status": "NEW","allowedTransitions": ["ACKNOWLEDGED","REJECTED"],"severity": "MEDIUM","customerId": "ababdd39-9358-4a2c-afb6-ff609d4c6bf6","productLine": "MICRO_CAR","title": "过温保护","description": "客户反馈过温保护，车辆编号 148278，请尽快安排技术人员联系","failureDate": "2026-11-19","reporter": {"name": "王工","phone": "138 0000 2952","email": null},"channel": "PHONE","ownerRole": "SALES_MANAGER","ownerPerson": null,"major": false,"majorReason": null,"actionPlan": null,"approvalStatus": "NOT_REQUIRED","firstResponseDue": "2026-12-01T01:59:56.551055114Z","resolutionDue": "2026-12-14T01:59:56.551055114Z","firstRespondedAt": null,"resolvedAt": null,"closedAt": null,"overdue": false,"reopenCount": 0,"possibleDuplicate": null,"units": [{"serialNo": "BN000148278","mileageKm": 94904,"operatingHours": null,"regime": "FREE_WARRANTY","validUntil": "2027-05-12","decidedByKind": "WARRANTY_TERM","decidedById": "2e769ce8-7b4d-409b-b522-6c5e2b966113","decidedByRef": "36M/100000KM DELIVERY","reason": "在包修期内（2024-05-13 至 2027-05-12）"}],"createdBy": "bench-sales","version": 0,"createdAt": "2026-11-30T01:59:56.555336Z","updatedAt": "2026-11-30T01:59:56.555346Z"}', location = 'http://localhost:8080/api/v1/cases/' || cast(:case_id as text), etag = '"0"' where caller = 'bench-pgbench' and idem_key = cast(:idem_key as text);
COMMIT;
