-- Issue 19: every closing of a case gets its own follow-up round, and a reopened case's open follow-up is cancelled,
-- not escalated. closing_at names the closing a follow-up follows (the case's closed_at then); rounds so far follow the
-- case's current closing, if it is closed.
alter table follow_up drop constraint follow_up_status_check;
alter table follow_up add constraint follow_up_status_check check (status in ('DUE', 'DONE', 'CANCELLED'));
alter table follow_up add column closing_at timestamptz;
update follow_up f set closing_at = c.closed_at from closed_case c where c.id = f.case_id;
