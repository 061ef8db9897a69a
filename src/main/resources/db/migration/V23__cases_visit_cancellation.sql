-- Issue 19: a field visit that has not started can be cancelled (CANCELLED, already in the status check), with the
-- reason, who and when; a cancelled visit always says why.
alter table field_visit
    add column cancel_reason text,
    add column cancelled_by  text,
    add column cancelled_at  timestamptz,
    add constraint field_visit_cancel_reason_ck
        check (status <> 'CANCELLED' or (cancel_reason is not null and cancelled_by is not null and cancelled_at is not null));
