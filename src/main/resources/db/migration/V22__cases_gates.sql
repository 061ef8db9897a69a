-- The procedure enforced (issue 19): closing gates and who may act on a case.

-- A linked 8D report that a QUALITY_ENGINEER waived for one case, with the reason (the timeline records it too): the
-- closing gate then no longer waits for that report to close. The report stays the 8D area's.
create table case_gate_waiver (
    case_id    uuid        not null references service_case (id),
    report_id  uuid        not null references eight_d_report (id),
    reason     text        not null,
    waived_by  text        not null,
    waived_at  timestamptz not null,
    primary key (case_id, report_id)
);

-- The manager role of the routing row that routed the case (owner_role may be handed over later; this stays): that
-- role may act on the case. Cases opened before this migration: their owner role when it was never handed over, else
-- the routing row of their product line outside projects (whether the unit is in a project is the unit area's and not
-- in its read model).
alter table service_case add column manager_role text;
update service_case c set manager_role = coalesce(
    case when not exists (select 1 from case_event e where e.case_id = c.id and e.kind = 'ASSIGNMENT') then c.owner_role end,
    (select r.owner_role from case_routing r where r.product_line = c.product_line and r.in_project = false));
alter table service_case alter column manager_role set not null;

-- The response clock: first_responded_at stays the case's first response (the KPIs measure it); responded_at answers
-- the current clock, which a reopening restarts with new due times. Cases so far: their first response.
alter table service_case add column responded_at timestamptz;
update service_case set responded_at = first_responded_at;
drop index service_case_response_due_idx;
create index service_case_response_due_idx on service_case (first_response_due) where responded_at is null;
