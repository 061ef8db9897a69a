-- Issue 19 (ifm).

-- The retention job audited a unit's anonymisation under the unit's internal id; every other audit entry of a unit is
-- under its serial number (what GET /api/v1/audit?entity=unit&id=<serial> looks up). Earlier entries move to the serial.
update audit_log a set entity_id = u.serial_no
from unit u
where a.entity_type = 'unit' and a.action = 'ANONYMISE' and a.entity_id = cast(u.id as text);

-- Every readable mutable record has a version (its ETag), so two people changing it cannot overwrite each other.
-- Recall units are changed by the remedy PUT and the CSV import, stock rows by level changes, movements, transfers
-- and restocks: a trigger counts every update, whichever statement makes it.
create function bump_row_version() returns trigger language plpgsql as $$
begin
    new.version := old.version + 1;
    return new;
end $$;

alter table recall_unit add column version bigint not null default 0;
create trigger recall_unit_version before update on recall_unit for each row execute function bump_row_version();

alter table stock add column version bigint not null default 0;
create trigger stock_version before update on stock for each row execute function bump_row_version();

-- Digest subscribers and calendar days are changed by PUT (If-Match) and created with If-None-Match: *.
alter table department_subscriber add column version bigint not null default 0;
create trigger department_subscriber_version before update on department_subscriber
    for each row execute function bump_row_version();
alter table work_calendar add column version bigint not null default 0;
create trigger work_calendar_version before update on work_calendar for each row execute function bump_row_version();

-- A notice's version counts what its reader sees change (read_at); a delivery's every change (a dead letter is
-- resent under the version the admin read).
alter table notice add column version bigint not null default 0;
alter table notice_delivery add column version bigint not null default 0;
create trigger notice_delivery_version before update on notice_delivery for each row execute function bump_row_version();
