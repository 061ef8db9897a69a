-- Issue 19 (ifm). Calendar days are created with If-None-Match: * and changed under If-Match.
alter table work_calendar add column version bigint not null default 0;
create trigger work_calendar_version before update on work_calendar for each row execute function bump_row_version();
