-- 8D reports answering cases, their disciplines and actions; the complaint problem library (客诉问题库) with its
-- department digests and read acknowledgements.

-- Days that differ from the Monday–Friday rule: public holidays (working = false) and the weekend days worked
-- in exchange (调休, working = true).
create table work_calendar (
    day     date primary key,
    working boolean not null,
    note    text
);

-- Working days from the report's opening to each discipline's due date; a customer's rows override the default.
create table eight_d_deadline (
    id           uuid primary key,
    customer_id  uuid references customer (id),
    discipline   text    not null check (discipline in ('D0','D1','D2','D3','D4','D5','D6','D7','D8')),
    working_days integer not null check (working_days between 0 and 365),
    version      bigint  not null default 0
);
create unique index eight_d_deadline_default_uk on eight_d_deadline (discipline) where customer_id is null;
create unique index eight_d_deadline_customer_uk on eight_d_deadline (customer_id, discipline) where customer_id is not null;
insert into eight_d_deadline (id, customer_id, discipline, working_days) values
    ('8d000000-0000-4000-8000-000000000000', null, 'D0', 1),
    ('8d000000-0000-4000-8000-000000000001', null, 'D1', 1),
    ('8d000000-0000-4000-8000-000000000002', null, 'D2', 2),
    ('8d000000-0000-4000-8000-000000000003', null, 'D3', 1),
    ('8d000000-0000-4000-8000-000000000004', null, 'D4', 10),
    ('8d000000-0000-4000-8000-000000000005', null, 'D5', 15),
    ('8d000000-0000-4000-8000-000000000006', null, 'D6', 30),
    ('8d000000-0000-4000-8000-000000000007', null, 'D7', 40),
    ('8d000000-0000-4000-8000-000000000008', null, 'D8', 45);

create sequence eight_d_no_seq;

create table eight_d_report (
    id                uuid primary key,
    report_no         text        not null,
    title             text        not null,
    customer_id       uuid        references customer (id),
    status            text        not null check (status in ('OPEN', 'CLOSED')),
    opened_on         date        not null,
    champion          text,
    team              jsonb       not null default '[]',
    d2                jsonb,
    d4_occurrence     text,
    d4_escape         text,
    d6_verification   text,
    d6_verified_on    date,
    d7                jsonb,
    summary           text,
    recurrence_count  integer     not null default 0,
    closed_at         timestamptz,
    closed_by         text,
    created_by        text        not null,
    version           bigint      not null default 0,
    created_at        timestamptz not null default now(),
    updated_at        timestamptz not null default now(),
    constraint eight_d_report_no_uk unique (report_no)
);
create index eight_d_report_status_idx on eight_d_report (status, created_at desc, id desc);
create index eight_d_report_created_idx on eight_d_report (created_at desc, id desc);

create table eight_d_case (
    report_id   uuid        not null references eight_d_report (id),
    case_id     uuid        not null references service_case (id),
    recurrence  boolean     not null default false,
    linked_at   timestamptz not null default now(),
    primary key (report_id, case_id)
);
create index eight_d_case_case_idx on eight_d_case (case_id);

create table eight_d_discipline (
    report_id    uuid    not null references eight_d_report (id),
    discipline   text    not null check (discipline in ('D0','D1','D2','D3','D4','D5','D6','D7','D8')),
    due_date     date    not null,
    status       text    not null check (status in ('OPEN', 'DONE')),
    owner        text,
    content      text,
    evidence     jsonb   not null default '[]',
    completed_at timestamptz,
    primary key (report_id, discipline)
);
create index eight_d_discipline_due_idx on eight_d_discipline (due_date) where status = 'OPEN';

create table eight_d_action (
    id            uuid primary key,
    report_id     uuid        not null references eight_d_report (id),
    kind          text        not null check (kind in ('CONTAINMENT', 'CORRECTIVE', 'PREVENTIVE')),
    description   text        not null,
    owner         text        not null,
    due_date      date        not null,
    status        text        not null check (status in ('OPEN', 'IN_PROGRESS', 'DONE', 'VERIFIED', 'CANCELLED')),
    effectiveness text,
    evidence      jsonb       not null default '[]',
    completed_on  date,
    version       bigint      not null default 0,
    created_at    timestamptz not null default now(),
    updated_at    timestamptz not null default now()
);
create index eight_d_action_report_idx on eight_d_action (report_id, due_date);
create index eight_d_action_open_due_idx on eight_d_action (due_date, id) where status in ('OPEN', 'IN_PROGRESS');

create sequence problem_no_seq;

create table problem (
    id                uuid primary key,
    problem_no        text        not null,
    failure_mode      text        not null,
    product_models    text[]      not null default '{}',
    root_cause        text        not null,
    countermeasure    text        not null,
    detection_method  text,
    severity          text        not null check (severity in ('LOW', 'MEDIUM', 'HIGH', 'CRITICAL')),
    status            text        not null check (status in ('OPEN', 'COUNTERMEASURE_EFFECTIVE', 'CLOSED')),
    fmea_links        jsonb       not null default '[]',
    source_report_id  uuid references eight_d_report (id),
    created_by        text        not null,
    version           bigint      not null default 0,
    created_at        timestamptz not null default now(),
    updated_at        timestamptz not null default now(),
    search_grams      text[] generated always as (aftersales_bigrams(failure_mode || ' ' || root_cause || ' ' || countermeasure)) stored,
    constraint problem_no_uk unique (problem_no)
);
create unique index problem_source_report_uk on problem (source_report_id) where source_report_id is not null;
create index problem_search_idx on problem using gin (search_grams);
create index problem_models_idx on problem using gin (product_models);
create index problem_updated_idx on problem (updated_at, id);

create table problem_link (
    problem_id  uuid not null references problem (id),
    kind        text not null check (kind in ('REPORT', 'CASE')),
    target_id   uuid not null,
    primary key (problem_id, kind, target_id)
);

-- Who in engineering, process, production and quality receives the problem-library digest.
create table department_subscriber (
    department  text not null check (department in ('ENGINEERING', 'PROCESS', 'PRODUCTION', 'QUALITY')),
    subscriber  text not null,
    name        text not null,
    email       text,
    primary key (department, subscriber)
);

create table problem_digest (
    id           uuid primary key,
    department   text        not null,
    period_from  timestamptz not null,
    period_to    timestamptz not null,
    problem_ids  uuid[]      not null,
    created_by   text        not null,
    created_at   timestamptz not null default now(),
    constraint problem_digest_period_uk unique (department, period_from, period_to)
);

create table digest_acknowledgement (
    digest_id       uuid        not null references problem_digest (id),
    subscriber      text        not null,
    acknowledged_at timestamptz not null default now(),
    primary key (digest_id, subscriber)
);
