-- 回访: follow-ups after a case closes, again and again until the customer is satisfied.
create table follow_up (
    id            uuid primary key,
    case_id       uuid        not null references service_case (id),
    round         integer     not null check (round >= 1),
    due_date      date        not null,
    status        text        not null check (status in ('DUE', 'DONE')),
    contacted     boolean,
    satisfaction  integer check (satisfaction between 1 and 5),
    satisfied     boolean,
    comments      text,
    done_by       text,
    done_at       timestamptz,
    version       bigint      not null default 0,
    created_at    timestamptz not null default now(),
    updated_at    timestamptz not null default now(),
    constraint follow_up_round_uk unique (case_id, round)
);
create index follow_up_due_idx on follow_up (due_date) where status = 'DUE';
