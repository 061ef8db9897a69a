-- The statements CaseSearch and CaseIntake issue, with representative parameters, under EXPLAIN ANALYZE.
\pset pager off
\echo '--- newest cases, no filter'
explain (analyze, buffers, costs off) select c.* from service_case c order by c.created_at desc, c.id desc limit 51;
\echo '--- by status'
explain (analyze, buffers, costs off) select c.* from service_case c where c.status = 'INVESTIGATING' order by c.created_at desc, c.id desc limit 51;
\echo '--- by customer (the customer-account scope)'
explain (analyze, buffers, costs off) select c.* from service_case c where c.customer_id = (select id from customer where code = 'BENCH-0007') order by c.created_at desc, c.id desc limit 51;
\echo '--- Chinese substring (2 characters)'
explain (analyze, buffers, costs off) select c.* from service_case c where c.search_grams @> aftersales_bigrams('渗漏') and lower(c.title || ' ' || c.description) like '%渗漏%' order by c.created_at desc, c.id desc limit 51;
\echo '--- rare Chinese substring'
explain (analyze, buffers, costs off) select c.* from service_case c where c.search_grams @> aftersales_bigrams('客户编号 4242') and lower(c.title || ' ' || c.description) like '%客户编号 4242%' order by c.created_at desc, c.id desc limit 51;
\echo '--- by serial'
explain (analyze, buffers, costs off) select c.* from service_case c where exists (select 1 from case_unit cu where cu.case_id = c.id and cu.serial_no = (select serial_no from case_unit limit 1 offset 500)) order by c.created_at desc, c.id desc limit 51;
\echo '--- overdue'
explain (analyze, buffers, costs off) select c.* from service_case c where c.status not in ('RESOLVED', 'CLOSED', 'REJECTED') and (c.resolution_due < now() or (c.first_responded_at is null and c.first_response_due < now())) order by c.created_at desc, c.id desc limit 51;
\echo '--- owner role + severity'
explain (analyze, buffers, costs off) select c.* from service_case c where c.owner_role = 'AFTER_SALES_MANAGER' and c.severity = 'CRITICAL' order by c.created_at desc, c.id desc limit 51;
\echo '--- intake: possible duplicate on the same unit'
explain (analyze, buffers, costs off) with q as (select aftersales_bigrams('电机高速运行时有异响') as grams)
select c.id, cu.serial_no,
       cardinality(array(select unnest(c.search_grams) intersect select unnest(q.grams)))::float8
       / greatest(cardinality(array(select unnest(c.search_grams) union select unnest(q.grams))), 1) as similarity
from service_case c join case_unit cu on cu.case_id = c.id cross join q
where cu.unit_id = any(array(select unit_id from case_unit limit 1 offset 700))
  and (c.status not in ('CLOSED', 'REJECTED') or coalesce(c.closed_at, c.updated_at) > now() - interval '90 days')
order by similarity desc, c.created_at desc limit 1;
