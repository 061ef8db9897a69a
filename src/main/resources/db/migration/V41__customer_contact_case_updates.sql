-- Issue 20. A contact may ask for the moves of its customer's cases by e-mail (caseUpdates in the contact); the notice
-- sender reads the flag from this read model. Every other customer notice still goes to every contact with an address.
create or replace view customer_email_contact as
select cu.id as customer_id, c ->> 'email' as email, c ->> 'language' as language,
       coalesce(c ->> 'caseUpdates' = 'true', false) as case_updates
from customer cu
cross join lateral jsonb_array_elements(cu.contacts) c
where coalesce(c ->> 'email', '') <> '';
