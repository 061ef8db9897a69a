-- Issue 19 (ifm). Digest subscriptions are created with If-None-Match: *, changed and removed under If-Match.
alter table department_subscriber add column version bigint not null default 0;
create trigger department_subscriber_version before update on department_subscriber
    for each row execute function bump_row_version();
