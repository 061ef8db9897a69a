-- Issue 19 (ifm). A notice's version counts what its reader sees change (read_at, bumped by Inbox.read); a delivery's
-- every change (a dead letter is resent under the version the admin read).
alter table notice add column version bigint not null default 0;
alter table notice_delivery add column version bigint not null default 0;
create trigger notice_delivery_version before update on notice_delivery for each row execute function bump_row_version();
