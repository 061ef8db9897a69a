-- GET /api/v1/units/{serial}/entitlement: the statements the service issues (from the PostgreSQL log), in its one
-- read transaction: the unit by serial, the customer's terms for its product line, the unit's service contracts.
\set n random(1, :units)
BEGIN;
select u1_0.id as unit_id,u1_0.batch_no,u1_0.created_at,u1_0.customer_id,u1_0.delivery_date,u1_0.end_customer,u1_0.first_sale_date,u1_0.product_line,u1_0.product_model,u1_0.production_date,u1_0.project_code,u1_0.serial_no,u1_0.updated_at,u1_0.version,u1_0.vin from unit u1_0 where u1_0.serial_no='BN' || lpad(:n::text, 9, '0') fetch first 1 rows only \gset
select wt1_0.id,wt1_0.created_at,wt1_0.customer_id,wt1_0.effective_from,wt1_0.effective_to,wt1_0.mileage_km,wt1_0.months,wt1_0.notes,wt1_0.operating_hours,wt1_0.product_line,wt1_0.start_basis,wt1_0.updated_at,wt1_0.version from warranty_term wt1_0 where wt1_0.customer_id=:customer_id and wt1_0.product_line=:product_line order by wt1_0.effective_from;
select sc1_0.id,sc1_0.cancel_reason,sc1_0.contract_no,sc1_0.coverage,sc1_0.created_at,sc1_0.end_date,sc1_0.fee_cny,sc1_0.mileage_limit_km,sc1_0.signed_by,sc1_0.signed_on,sc1_0.start_date,sc1_0.status,sc1_0.unit_id,sc1_0.updated_at,sc1_0.version from service_contract sc1_0 where sc1_0.unit_id=:unit_id;
COMMIT;
