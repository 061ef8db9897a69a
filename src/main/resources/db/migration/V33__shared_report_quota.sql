-- Issue 22: the per-caller limit on expensive reports (KPI reports, exports), shared by every function instance.
-- One row per caller (token subject) and fixed window; shared.ratelimit.ReportQuota counts up in one statement and
-- deletes windows that have ended. No personal data besides the subject, gone one window after the caller's last report.
create table report_quota (
    caller       text        not null,
    window_start timestamptz not null,
    used         integer     not null,
    primary key (caller, window_start)
);
