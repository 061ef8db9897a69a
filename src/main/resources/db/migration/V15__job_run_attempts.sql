-- How many times a run tried its job: a transient database failure (connection cut, failover, deadlock) is retried
-- in the same run, so "OK after 2 attempts" is visible to operators.
alter table job_run add column attempts smallint not null default 1 check (attempts >= 1);
