-- Issues 20 and 24: the technical service report (技术服务表) of a visit and offline field work.
-- A visit records its engineer, readings, the customer's confirmation (name, time, an optional signature image that is
-- an attachment of the case), and each time the field engineer's device states (occurred) beside the time the service
-- received it. A whole report may arrive in one submission keyed by the client's id: a retry answers the same report.
alter table field_visit
    add column engineer                 text,
    add column started_received_at      timestamptz,
    add column completed_received_at    timestamptz,
    add column readings                 jsonb not null default '[]',
    add column confirmed_by_name        text,
    add column confirmed_at             timestamptz,
    add column confirmation_received_at timestamptz,
    add column signature_attachment_id  uuid references attachment (id),
    add column report_submission_id     uuid,
    add column report_submission_hash   text,
    add column report_submitted_by      text,
    add constraint field_visit_report_submission_uq unique (report_submission_id),
    add constraint field_visit_confirmation_ck
        check ((confirmed_by_name is null) = (confirmed_at is null) and (confirmed_at is null) = (confirmation_received_at is null));

-- Steps taken online so far happened when the service received them.
update field_visit set started_received_at = started_at where started_at is not null;
update field_visit set completed_received_at = completed_at where completed_at is not null;

-- "My visits changed since": a field engineer's visits (named among the technicians) in order of change.
create index field_visit_technicians_idx on field_visit using gin (technicians jsonb_path_ops);
