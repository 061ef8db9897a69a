-- Issue 19 clarification: the general manager delegates approvals to a named deputy (a user subject) for a period
-- [valid_from, valid_to), with a reason. While a delegation is in force (not revoked, now inside its period) the deputy
-- may do what only the general manager may do; each such act names the delegator it was done on behalf of.
create table gm_delegation (
    id            uuid        primary key,
    delegator     text        not null,
    deputy        text        not null,
    valid_from    timestamptz not null,
    valid_to      timestamptz not null,
    reason        text        not null,
    revoked_at    timestamptz,
    revoked_by    text,
    revoke_reason text,
    version       bigint      not null default 0,
    created_at    timestamptz not null,
    updated_at    timestamptz not null,
    constraint gm_delegation_period check (valid_to > valid_from),
    constraint gm_delegation_not_self check (deputy <> delegator)
);
create index gm_delegation_deputy_idx on gm_delegation (deputy, valid_to) where revoked_at is null;

-- Who decided a major case's action plan, and on whose behalf when a deputy did (null: in their own right).
alter table service_case add column approval_decided_by text;
alter table service_case add column approval_on_behalf_of text;

-- A cost line approved above the threshold by a deputy: the general manager it was approved on behalf of.
alter table case_cost add column gm_on_behalf_of text;

-- A note another area writes on a case's timeline as a message key and its arguments: read back in the reader's
-- language (text keeps its zh-CN rendering, the working language, for everything that reads the column as it is).
alter table case_event add column text_key text;
alter table case_event add column text_args jsonb;
