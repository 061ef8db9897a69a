-- Issue 19 (ifm). A stock row is changed by level changes (If-Match), movements, transfers and restocks.
alter table stock add column version bigint not null default 0;
create trigger stock_version before update on stock for each row execute function bump_row_version();
