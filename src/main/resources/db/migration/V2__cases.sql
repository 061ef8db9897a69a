-- Cases (客诉/投诉/抱怨/索赔/退换货/维修) from intake to closure: routing and SLA tables as data, the case with its
-- frozen per-unit entitlement, its timeline, field-service visits, costs and attachments.

-- CJK-friendly substring search: every 2-character gram of the lower-cased text, GIN-indexed; a query's grams
-- must all be present, then LIKE rechecks the exact substring.
create function aftersales_bigrams(t text) returns text[]
    language sql immutable parallel safe as
$$
select coalesce(array_agg(distinct substr(lower(t), i, 2)), '{}')
from generate_series(1, greatest(length(t) - 1, 0)) as i
$$;

-- Who owns a case: by product line and whether the unit is still in a development project. Data, not code.
create table case_routing (
    product_line text    not null check (product_line in ('COMMERCIAL_VEHICLE', 'PASSENGER_CAR', 'MICRO_CAR', 'SYSTEM')),
    in_project   boolean not null,
    owner_role   text    not null,
    version      bigint  not null default 0,
    primary key (product_line, in_project)
);
insert into case_routing (product_line, in_project, owner_role) values
    ('COMMERCIAL_VEHICLE', false, 'AFTER_SALES_MANAGER'),
    ('PASSENGER_CAR', false, 'SALES_MANAGER'),
    ('MICRO_CAR', false, 'SALES_MANAGER'),
    ('SYSTEM', false, 'SALES_MANAGER'),
    ('COMMERCIAL_VEHICLE', true, 'PROJECT_MANAGER'),
    ('PASSENGER_CAR', true, 'PROJECT_MANAGER'),
    ('MICRO_CAR', true, 'PROJECT_MANAGER'),
    ('SYSTEM', true, 'PROJECT_MANAGER');

-- Due times by severity; a row with a customer overrides the default row (customer_id null) for that customer.
create table case_sla (
    id                   uuid primary key,
    severity             text    not null check (severity in ('LOW', 'MEDIUM', 'HIGH', 'CRITICAL')),
    customer_id          uuid references customer (id),
    first_response_hours integer not null check (first_response_hours > 0),
    resolution_hours     integer not null check (resolution_hours > 0),
    version              bigint  not null default 0
);
create unique index case_sla_default_uk on case_sla (severity) where customer_id is null;
create unique index case_sla_customer_uk on case_sla (severity, customer_id) where customer_id is not null;
insert into case_sla (id, severity, customer_id, first_response_hours, resolution_hours) values
    ('5a000000-0000-4000-8000-000000000001', 'CRITICAL', null, 2, 72),
    ('5a000000-0000-4000-8000-000000000002', 'HIGH', null, 8, 168),
    ('5a000000-0000-4000-8000-000000000003', 'MEDIUM', null, 24, 336),
    ('5a000000-0000-4000-8000-000000000004', 'LOW', null, 48, 720);

create sequence case_no_seq;

create table service_case (
    id                   uuid primary key,
    case_no              text        not null,
    type                 text        not null check (type in ('COMPLAINT', 'GRIEVANCE', 'CLAIM', 'RETURN_EXCHANGE', 'REPAIR')),
    status               text        not null check (status in ('NEW', 'ACKNOWLEDGED', 'INVESTIGATING', 'RESOLVING', 'RESOLVED',
                                                                'CLOSED', 'REJECTED', 'REOPENED')),
    severity             text        not null check (severity in ('LOW', 'MEDIUM', 'HIGH', 'CRITICAL')),
    customer_id          uuid        not null references customer (id),
    product_line         text        not null,
    title                text        not null,
    description          text        not null,
    failure_date         date        not null,
    reporter_name        text        not null,
    reporter_phone       text,
    reporter_email       text,
    channel              text        not null,
    owner_role           text        not null,
    owner_person         text,
    major                boolean     not null default false,
    major_reason         text,
    action_plan          text,
    approval_status      text        not null default 'NOT_REQUIRED'
        check (approval_status in ('NOT_REQUIRED', 'PLAN_MISSING', 'PENDING', 'APPROVED', 'REJECTED')),
    first_response_due   timestamptz not null,
    resolution_due       timestamptz not null,
    first_responded_at   timestamptz,
    resolved_at          timestamptz,
    closed_at            timestamptz,
    reopen_count         integer     not null default 0,
    duplicate_of         uuid references service_case (id),
    duplicate_serial     text,
    duplicate_similarity integer,
    created_by           text        not null,
    version              bigint      not null default 0,
    created_at           timestamptz not null default now(),
    updated_at           timestamptz not null default now(),
    search_grams         text[] generated always as (aftersales_bigrams(title || ' ' || description)) stored,
    constraint service_case_no_uk unique (case_no)
);
create index service_case_status_idx on service_case (status, created_at desc, id desc);
create index service_case_customer_idx on service_case (customer_id, created_at desc, id desc);
create index service_case_owner_idx on service_case (owner_role, owner_person, created_at desc);
create index service_case_open_due_idx on service_case (resolution_due) where status not in ('RESOLVED', 'CLOSED', 'REJECTED');
create index service_case_response_due_idx on service_case (first_response_due) where first_responded_at is null;
create index service_case_created_idx on service_case (created_at desc, id desc);
create index service_case_search_idx on service_case using gin (search_grams);

-- Each unit of a case with its entitlement frozen on the failure date and reading.
create table case_unit (
    case_id            uuid    not null references service_case (id),
    unit_id            uuid    not null references unit (id),
    serial_no          text    not null,
    mileage_km         integer check (mileage_km >= 0),
    operating_hours    integer check (operating_hours >= 0),
    regime             text    not null check (regime in ('FREE_WARRANTY', 'SERVICE_CONTRACT', 'CHARGEABLE')),
    valid_until        date,
    decided_by_kind    text,
    decided_by_id      uuid,
    decided_by_ref     text,
    reasons            jsonb   not null default '[]',
    primary key (case_id, unit_id)
);
create index case_unit_unit_idx on case_unit (unit_id);
create index case_unit_serial_idx on case_unit (serial_no);

-- The case's timeline: transitions, comments, notes (internal or visible to the customer), assignments, approvals.
create table case_event (
    id           bigint generated always as identity primary key,
    case_id      uuid        not null references service_case (id),
    occurred_at  timestamptz not null default now(),
    actor        text        not null,
    kind         text        not null,
    from_status  text,
    to_status    text,
    text         text,
    visibility   text        not null check (visibility in ('INTERNAL', 'CUSTOMER'))
);
create index case_event_case_idx on case_event (case_id, id);

-- 技术服务表: a field-service visit.
create table field_visit (
    id               uuid primary key,
    case_id          uuid        not null references service_case (id),
    purpose          text        not null check (purpose in ('ON_SITE_REPAIR', 'COMMISSIONING', 'DELIVERY_SERVICE', 'TRAINING',
                                                             'TECHNICAL_EXCHANGE')),
    planned_date     date        not null,
    site             text        not null,
    technicians      jsonb       not null default '[]',
    travel_required  boolean     not null,
    travel_status    text        not null check (travel_status in ('NOT_REQUIRED', 'REQUESTED', 'APPROVED', 'REJECTED')),
    travel_decided_by text,
    travel_comment   text,
    status           text        not null check (status in ('PLANNED', 'STARTED', 'COMPLETED', 'CANCELLED')),
    started_at       timestamptz,
    completed_at     timestamptz,
    work_done        text,
    result           text,
    parts_used       jsonb       not null default '[]',
    created_by       text        not null,
    version          bigint      not null default 0,
    created_at       timestamptz not null default now(),
    updated_at       timestamptz not null default now()
);
create index field_visit_case_idx on field_visit (case_id, planned_date);

-- 差旅费 / 服务站维修费 and other costs, verified by the after-sales manager (and the GM above a threshold).
create table case_cost (
    id               uuid primary key,
    case_id          uuid           not null references service_case (id),
    visit_id         uuid references field_visit (id),
    serial_no        text,
    category         text           not null check (category in ('TRAVEL', 'SERVICE_STATION_FEE', 'PARTS', 'LABOUR', 'FREIGHT')),
    amount_cny       numeric(14, 2) not null check (amount_cny >= 0),
    description      text           not null,
    incurred_on      date           not null,
    billed_to        text           not null check (billed_to in ('COMPANY', 'SERVICE_CONTRACT', 'CUSTOMER')),
    contract_ref     text,
    status           text           not null check (status in ('SUBMITTED', 'AWAITING_GM', 'VERIFIED', 'REJECTED')),
    submitted_by     text           not null,
    verified_by      text,
    gm_approved_by   text,
    decision_comment text,
    version          bigint         not null default 0,
    created_at       timestamptz    not null default now(),
    updated_at       timestamptz    not null default now()
);
create index case_cost_case_idx on case_cost (case_id, created_at);
create index case_cost_status_idx on case_cost (status) where status in ('SUBMITTED', 'AWAITING_GM');

-- Photos and documents on cases and visits; the bytes live in object storage (S3, or a local folder in dev).
create table attachment (
    id            uuid primary key,
    case_id       uuid        not null references service_case (id),
    visit_id      uuid references field_visit (id),
    file_name     text        not null,
    content_type  text        not null,
    size_bytes    bigint      not null check (size_bytes > 0),
    storage_key   text        not null,
    uploaded      boolean     not null default false,
    uploaded_by   text        not null,
    created_at    timestamptz not null default now()
);
create index attachment_case_idx on attachment (case_id, created_at);
