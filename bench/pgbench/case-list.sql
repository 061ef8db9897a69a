-- GET /api/v1/cases?status=…&customerId=…&limit=20: the page query and the units of its cases (autocommit, as the
-- service). The customer is looked up inline by code (the service has its id); the units' query takes the page's case
-- ids by subquery (the service binds them), as pgbench cannot carry a result set between statements.
\set s random(1, 6)
\set c random(1, 50)
select c.* from service_case c where c.status = (array['NEW','ACKNOWLEDGED','INVESTIGATING','RESOLVING','RESOLVED','CLOSED'])[:s] and c.customer_id = (select id from customer where code = 'BENCH-' || lpad(:c::text, 4, '0')) order by c.created_at desc, c.id desc limit 21;
select cu1_0.case_id,cu1_0.unit_id,cu1_0.decided_by_id,cu1_0.decided_by_kind,cu1_0.decided_by_ref,cu1_0.mileage_km,cu1_0.operating_hours,cu1_0.reasons,cu1_0.regime,cu1_0.serial_no,cu1_0.valid_until from case_unit cu1_0 where cu1_0.case_id = any(array(select c.id from service_case c where c.status = (array['NEW','ACKNOWLEDGED','INVESTIGATING','RESOLVING','RESOLVED','CLOSED'])[:s] and c.customer_id = (select id from customer where code = 'BENCH-' || lpad(:c::text, 4, '0')) order by c.created_at desc, c.id desc limit 21)) order by cu1_0.serial_no;
