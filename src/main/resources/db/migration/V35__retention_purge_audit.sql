-- Issue 22 (purge). The retention purge also redacts the audit trail's copies of what it removes, in the transaction
-- that removes it. The application role may only append to and read audit_log (DatabaseRoles): this function, owned by
-- the schema owner (Flyway runs as it) and run with its rights, is the one way to change an entry. It redacts only
-- entries about records that are already anonymised (the cases given whose anonymised_at is set, the units given whose
-- anonymised_at is set, and their visits, costs, attachments, follow-ups, returns, and the 8D reports all of whose
-- cases are anonymised), never the ANONYMISE entries themselves (they hold only numbers and dates), so a caller cannot
-- use it to rewrite the trail of a live record. The search path is pinned to this schema (no object of another schema,
-- nor a temporary one, can stand in for a table here).
do $$
begin
    execute format($f$
        create function aftersales_redact_audit(case_ids uuid[], serials text[]) returns integer
            language sql volatile security definer set search_path = %I, pg_catalog, pg_temp as $body$
            with cases as (
                select c.id, cast(c.id as text) as t from service_case c
                where c.id = any(case_ids) and c.anonymised_at is not null
            ), units as (
                select u.serial_no from unit u where u.serial_no = any(serials) and u.anonymised_at is not null
            ), reports as (
                select distinct e.report_id from eight_d_case e join cases c on c.id = e.case_id
                where not exists (select 1 from eight_d_case e2 join service_case s on s.id = e2.case_id
                                  where e2.report_id = e.report_id and s.anonymised_at is null)
            ), ids as (
                select t from cases
                union all select serial_no from units
                union all select cast(v.id as text) from field_visit v join cases c on c.id = v.case_id
                union all select cast(k.id as text) from case_cost k join cases c on c.id = k.case_id
                union all select cast(a.id as text) from attachment a join cases c on c.id = a.case_id
                union all select cast(f.id as text) from follow_up f join cases c on c.id = f.case_id
                union all select cast(r.id as text) from return_order r join cases c on c.id = r.case_id
                union all select cast(report_id as text) from reports
                union all select cast(x.id as text) from eight_d_action x join reports r on r.report_id = x.report_id
            ), redacted as (
                update audit_log a
                set before_state = case when a.before_state is null then null else '{"redacted": "retention"}'::jsonb end,
                    after_state = case when a.after_state is null then null else '{"redacted": "retention"}'::jsonb end
                where a.action <> 'ANONYMISE'
                  and (a.entity_id in (select t from ids)
                       or a.before_state ->> 'caseId' in (select t from cases)
                       or a.after_state ->> 'caseId' in (select t from cases))
                  and (a.before_state is distinct from '{"redacted": "retention"}'::jsonb and a.before_state is not null
                       or a.after_state is distinct from '{"redacted": "retention"}'::jsonb and a.after_state is not null)
                returning 1
            )
            select cast(count(*) as integer) from redacted
        $body$
    $f$, current_schema());
end $$;
