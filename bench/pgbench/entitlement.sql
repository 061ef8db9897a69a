-- GET /api/v1/units/{serial}/entitlement: the statements the service issues (from the PostgreSQL log), in its one
-- read transaction: one statement for the unit (read model unit_record), its customer's terms for its product line
-- and its service contracts, aggregated as JSON (Entitlements.FACTS).
\set n random(1, :units)
BEGIN;
select u.id, u.serial_no, u.customer_id, u.product_line, u.delivery_date, u.first_sale_date, (select cast(json_agg(json_build_array(t.id, t.product_line, t.months, t.mileage_km, t.operating_hours, t.start_basis, t.effective_from, t.effective_to) order by t.effective_from) as text) from warranty_term t where t.customer_id = u.customer_id and t.product_line = u.product_line) as terms, (select cast(json_agg(json_build_array(c.id, c.contract_no, c.start_date, c.end_date, c.mileage_limit_km, c.status) order by c.start_date, c.contract_no) as text) from service_contract c where c.unit_id = u.id) as contracts from unit_record u where u.serial_no = any(array['BN' || lpad(:n::text, 9, '0')]);
COMMIT;
