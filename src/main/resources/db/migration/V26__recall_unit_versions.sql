-- Issue 19 (ifm). Recall units are changed by the remedy PUT (If-Match) and the CSV import.
alter table recall_unit add column version bigint not null default 0;
create trigger recall_unit_version before update on recall_unit for each row execute function bump_row_version();
