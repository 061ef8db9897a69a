-- Historical cases imported from the quality center's ledgers (客诉台帐 and the returns ledger): when the import wrote
-- them, and the 8D report number the ledger gives (that report is not in the system). Imported history counts in the
-- KPIs and shows in unit histories. It is kept out of follow-ups (closed_case below), SLA breaches and notices (it is
-- written closed, without workflow events) and the closure gates (it never transitions).
alter table service_case add column imported_at timestamptz;
alter table service_case add column ledger_eight_d_no text;
create index service_case_imported_idx on service_case (imported_at) where imported_at is not null;

create or replace view closed_case as
select id, closed_at
from service_case
where status = 'CLOSED' and closed_at is not null and imported_at is null;
