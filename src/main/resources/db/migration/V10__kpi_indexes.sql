-- Period filters of the KPI queries (GET /api/v1/kpis): each KPI reads the rows of its period by these.
create index service_case_failure_date_idx on service_case (failure_date);
create index service_case_closed_idx on service_case (closed_at) where status = 'CLOSED';
create index case_cost_incurred_idx on case_cost (incurred_on) where status = 'VERIFIED' and billed_to = 'COMPANY';
create index return_unit_judged_idx on return_unit (judged_at) where judged_at is not null;
create index follow_up_done_idx on follow_up (done_at) where status = 'DONE';
create index eight_d_report_opened_idx on eight_d_report (opened_on);
create index eight_d_report_closed_idx on eight_d_report (closed_at) where status = 'CLOSED';
create index eight_d_case_recurrence_idx on eight_d_case (linked_at) where recurrence;
