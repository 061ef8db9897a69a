-- Read models the customer area publishes: other areas read customers through these views, never the customer table
-- (TableOwnershipTest.READ_MODELS).

-- A customer's code and name: recall previews and progress, NTF rates by customer.
create view customer_name as
select id, code, name
from customer;

-- The customer's contacts that have an e-mail address, with the language they asked for (null: none): the notice
-- sender writes to them.
create view customer_email_contact as
select cu.id as customer_id, c ->> 'email' as email, c ->> 'language' as language
from customer cu
cross join lateral jsonb_array_elements(cu.contacts) c
where coalesce(c ->> 'email', '') <> '';
