-- Read models the returns area publishes (TableOwnershipTest.READ_MODELS). A plain view: PostgreSQL inlines it, so
-- the reader's condition on unit_id still uses return_unit_unit_idx.

-- A unit's returns as its after-sales archive lists them (cases/UnitHistory): one row per returned unit.
create view return_unit_history as
select ru.unit_id, r.created_at as at, r.id as return_id, r.case_id, r.status,
       r.return_no || coalesce(' · ' || ru.verdict, '') || coalesce(' · ' || ru.disposition, '')
       || coalesce(' → ' || ru.replacement_serial, '') as summary
from return_unit ru
join return_order r on r.id = ru.return_id;
