-- Issue 22: a service contract belongs to the customer who signed it, not only to the unit. A unit resold or repaired
-- for another customer keeps its contracts on record, but the new customer sees (and is covered by) only its own.
-- Contracts signed before this migration are given the unit's customer of today (the only customer known for them).
alter table service_contract add column customer_id uuid references customer (id);

update service_contract c set customer_id = u.customer_id
from unit_record u
where u.id = c.unit_id;

alter table service_contract alter column customer_id set not null;

create index service_contract_customer_idx on service_contract (customer_id, unit_id);
