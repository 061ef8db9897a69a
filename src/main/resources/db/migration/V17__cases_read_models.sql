-- Read models the cases area publishes: other areas read cases through these views, never service_case
-- (TableOwnershipTest.READ_MODELS). Plain views, so PostgreSQL inlines them and a reader's query plans as before.

-- A case as other areas refer to it: its number, customer and owner role (customer-scoped 8D and return lists,
-- follow-ups).
create view case_reference as
select id, case_no, customer_id, owner_role
from service_case;

-- Closed cases and when they closed: the follow-up job opens the first follow-up (回访) of each.
create view closed_case as
select id, closed_at
from service_case
where status = 'CLOSED' and closed_at is not null;
