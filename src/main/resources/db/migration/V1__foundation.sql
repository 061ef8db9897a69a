-- Foundation: cross-cutting tables (audit, idempotency) and the first business area
-- (customers, free-warranty terms, units = 产品履历表, paid service contracts).

create table audit_log (
    id             bigint generated always as identity primary key,
    occurred_at    timestamptz not null default now(),
    actor          text        not null,
    action         text        not null,
    entity_type    text        not null,
    entity_id      text        not null,
    before_state   jsonb,
    after_state    jsonb,
    correlation_id text
);
create index audit_log_entity_idx on audit_log (entity_type, entity_id, id desc);

-- One row per (caller, key): the stored outcome of a creating POST, written in the same transaction as its effect.
create table idempotency_key (
    caller        text        not null,
    idem_key      text        not null,
    request_hash  text        not null,
    status        integer,
    response_body text,
    location      text,
    etag          text,
    created_at    timestamptz not null default now(),
    primary key (caller, idem_key)
);
create index idempotency_key_created_idx on idempotency_key (created_at);

create table customer (
    id          uuid primary key,
    code        text        not null,
    name        text        not null,
    type        text        not null check (type in ('OEM', 'FLEET', 'DEALER', 'END_USER', 'SERVICE_STATION')),
    contacts    jsonb       not null default '[]',
    version     bigint      not null default 0,
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now(),
    constraint customer_code_uk unique (code)
);

-- 包修: the free warranty agreed with a customer for one product line.
create table warranty_term (
    id               uuid primary key,
    customer_id      uuid        not null references customer (id),
    product_line     text        not null check (product_line in ('COMMERCIAL_VEHICLE', 'PASSENGER_CAR', 'MICRO_CAR', 'SYSTEM')),
    months           integer check (months between 1 and 600),
    mileage_km       integer check (mileage_km > 0),
    operating_hours  integer check (operating_hours > 0),
    start_basis      text        not null check (start_basis in ('DELIVERY', 'FIRST_SALE')),
    effective_from   date        not null,
    effective_to     date,
    notes            text,
    version          bigint      not null default 0,
    created_at       timestamptz not null default now(),
    updated_at       timestamptz not null default now(),
    constraint warranty_term_limit_ck check (months is not null or mileage_km is not null or operating_hours is not null),
    constraint warranty_term_dates_ck check (effective_to is null or effective_to >= effective_from)
);
create index warranty_term_lookup_idx on warranty_term (customer_id, product_line, effective_from);

-- 产品履历表: one delivered unit, keyed by its steel-stamp number.
create table unit (
    id                uuid primary key,
    serial_no         text        not null,
    product_model     text        not null,
    product_line      text        not null check (product_line in ('COMMERCIAL_VEHICLE', 'PASSENGER_CAR', 'MICRO_CAR', 'SYSTEM')),
    project_code      text,
    production_date   date,
    batch_no          text,
    customer_id       uuid        not null references customer (id),
    end_customer      text,
    vin               text,
    delivery_date     date,
    first_sale_date   date,
    version           bigint      not null default 0,
    created_at        timestamptz not null default now(),
    updated_at        timestamptz not null default now(),
    constraint unit_serial_uk unique (serial_no)
);
create index unit_customer_idx on unit (customer_id, serial_no);
create index unit_model_idx on unit (product_model);
create index unit_delivery_idx on unit (delivery_date);

-- 保修协议: a paid service contract signed after the free warranty.
create table service_contract (
    id                 uuid primary key,
    unit_id            uuid          not null references unit (id),
    contract_no        text          not null,
    start_date         date          not null,
    end_date           date          not null,
    mileage_limit_km   integer check (mileage_limit_km > 0),
    fee_cny            numeric(14, 2) not null check (fee_cny >= 0),
    coverage           text          not null,
    signed_by          text          not null,
    signed_on          date          not null,
    status             text          not null check (status in ('ACTIVE', 'CANCELLED')),
    cancel_reason      text,
    version            bigint        not null default 0,
    created_at         timestamptz   not null default now(),
    updated_at         timestamptz   not null default now(),
    constraint service_contract_no_uk unique (contract_no),
    constraint service_contract_dates_ck check (end_date >= start_date)
);
create index service_contract_unit_idx on service_contract (unit_id, start_date);
