-- Scheduled jobs and the notification outbox. Notices are written in the same transaction as what causes them;
-- a unique dedupe key per (kind, subject, due period) makes every job safe to run twice or concurrently.

alter table notice drop constraint notice_status_check;
alter table notice add constraint notice_status_check check (status in ('PENDING', 'SENT', 'FAILED', 'DEAD'));
alter table notice add column channel text not null default 'INBOX' check (channel in ('INBOX', 'EMAIL', 'WEBHOOK'));
alter table notice add column recipient_role text;
alter table notice add column recipient_subject text;
alter table notice add column attempts integer not null default 0;
alter table notice add column next_attempt_at timestamptz;
alter table notice add column last_error text;
alter table notice add column read_at timestamptz;
create index notice_role_idx on notice (recipient_role, created_at desc) where recipient_role is not null;
create index notice_customer_idx on notice (customer_id, created_at desc) where customer_id is not null;
create index notice_subject_idx on notice (recipient_subject, created_at desc) where recipient_subject is not null;

create table job_run (
    id          bigint generated always as identity primary key,
    job         text        not null,
    trigger     text        not null check (trigger in ('SCHEDULER', 'ADMIN', 'EVENTBRIDGE')),
    actor       text        not null,
    started_at  timestamptz not null,
    finished_at timestamptz,
    found       integer,
    created     integer,
    sent        integer,
    failed      integer,
    outcome     text        not null check (outcome in ('RUNNING', 'OK', 'FAILED')),
    error       text
);
create index job_run_job_idx on job_run (job, id desc);

-- One open alert per part and location while its stock stays below safety stock.
create table stock_alert (
    id          bigint generated always as identity primary key,
    part_id     uuid        not null references spare_part (id),
    location    text        not null,
    opened_at   timestamptz not null default now(),
    closed_at   timestamptz
);
create unique index stock_alert_open_uk on stock_alert (part_id, location) where closed_at is null;
