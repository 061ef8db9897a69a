-- Returned goods (RMA) with tests, verdicts (defect or NTF) and dispositions; spare parts, stock per location,
-- movements, safety stock, transfer orders (调拨单), spare-parts plans and quotes for chargeable cases.

create sequence return_no_seq;

create table return_order (
    id            uuid primary key,
    return_no     text        not null,
    case_id       uuid        not null references service_case (id),
    reason        text        not null,
    status        text        not null check (status in ('AUTHORISED', 'RECEIVED', 'TESTING', 'JUDGED', 'DISPOSED', 'CLOSED')),
    authorised_by text        not null,
    received_at   timestamptz,
    received_by   text,
    closed_at     timestamptz,
    version       bigint      not null default 0,
    created_at    timestamptz not null default now(),
    updated_at    timestamptz not null default now(),
    constraint return_order_no_uk unique (return_no)
);
create index return_order_case_idx on return_order (case_id);
create index return_order_status_idx on return_order (status, created_at desc);

create table return_unit (
    return_id          uuid          not null references return_order (id),
    unit_id            uuid          not null references unit (id),
    serial_no          text          not null,
    verdict            text check (verdict in ('DEFECT_CONFIRMED', 'NTF')),
    cause_category     text check (cause_category in ('DESIGN', 'MANUFACTURING_PROCESS', 'PURCHASED_PART', 'TRANSPORT', 'MISUSE')),
    supplier           text,
    supplier_share     numeric(5, 4) check (supplier_share between 0 and 1),
    judged_by          text,
    judged_at          timestamptz,
    disposition        text check (disposition in ('REPAIR', 'REPLACE', 'SCRAP', 'RETURN_TO_CUSTOMER')),
    repair_group       text check (repair_group in ('REPAIR_GROUP', 'PRODUCTION', 'TRIAL_WORKSHOP')),
    replacement_serial text,
    retest_passed      boolean,
    restocked_at       timestamptz,
    primary key (return_id, unit_id)
);
create index return_unit_unit_idx on return_unit (unit_id);

create table return_test (
    id           uuid primary key,
    return_id    uuid        not null references return_order (id),
    serial_no    text        not null,
    test_name    text        not null,
    conditions   text,
    measured     text,
    reproduced   boolean     not null,
    retest       boolean     not null default false,
    passed       boolean,
    tested_by    text        not null,
    tested_at    timestamptz not null default now()
);
create index return_test_return_idx on return_test (return_id, tested_at);

create table spare_part (
    id             uuid primary key,
    part_no        text           not null,
    name           text           not null,
    product_models text[]         not null default '{}',
    unit_of_measure text          not null,
    market_price   numeric(14, 2) not null check (market_price >= 0),
    wear_part      boolean        not null default false,
    version        bigint         not null default 0,
    created_at     timestamptz    not null default now(),
    updated_at     timestamptz    not null default now(),
    constraint spare_part_no_uk unique (part_no)
);
create index spare_part_models_idx on spare_part using gin (product_models);

create table stock (
    part_id        uuid    not null references spare_part (id),
    location       text    not null,
    quantity       integer not null default 0 check (quantity >= 0),
    safety_stock   integer not null default 0 check (safety_stock >= 0),
    reorder_point  integer not null default 0 check (reorder_point >= 0),
    primary key (part_id, location)
);
create index stock_below_idx on stock (part_id) where quantity < safety_stock;

create table stock_movement (
    id           bigint generated always as identity primary key,
    part_id      uuid        not null references spare_part (id),
    location     text        not null,
    quantity     integer     not null check (quantity <> 0),
    kind         text        not null check (kind in ('RECEIPT', 'ISSUE', 'TRANSFER_OUT', 'TRANSFER_IN', 'ADJUSTMENT', 'RESTOCK')),
    case_id      uuid references service_case (id),
    transfer_id  uuid,
    reason       text,
    moved_by     text        not null,
    moved_at     timestamptz not null default now()
);
create index stock_movement_part_idx on stock_movement (part_id, moved_at);
create index stock_movement_issue_idx on stock_movement (moved_at) where kind = 'ISSUE';

create sequence transfer_no_seq;

create table transfer_order (
    id            uuid primary key,
    transfer_no   text        not null,
    from_location text        not null,
    to_location   text        not null,
    case_id       uuid references service_case (id),
    status        text        not null check (status in ('REQUESTED', 'APPROVED', 'REJECTED', 'SHIPPED', 'RECEIVED')),
    lines         jsonb       not null,
    requested_by  text        not null,
    decided_by    text,
    decision_comment text,
    carrier       text,
    tracking_no   text,
    shipped_on    date,
    received_at   timestamptz,
    version       bigint      not null default 0,
    created_at    timestamptz not null default now(),
    updated_at    timestamptz not null default now(),
    constraint transfer_no_uk unique (transfer_no),
    constraint transfer_locations_ck check (from_location <> to_location)
);
create index transfer_order_status_idx on transfer_order (status, created_at desc);

create table spare_plan (
    id            uuid primary key,
    period_from   date        not null,
    period_to     date        not null,
    months_basis  integer     not null,
    location      text        not null,
    status        text        not null check (status in ('DRAFT', 'ACCEPTED')),
    lines         jsonb       not null,
    created_by    text        not null,
    accepted_by   text,
    version       bigint      not null default 0,
    created_at    timestamptz not null default now(),
    updated_at    timestamptz not null default now()
);

create table quote (
    id            uuid primary key,
    case_id       uuid           not null references service_case (id),
    lines         jsonb          not null,
    labour_hours  numeric(8, 2)  not null check (labour_hours >= 0),
    labour_rate   numeric(14, 2) not null check (labour_rate >= 0),
    total_cny     numeric(14, 2) not null,
    status        text           not null check (status in ('ISSUED', 'ACCEPTED', 'DECLINED')),
    issued_by     text           not null,
    decided_at    timestamptz,
    version       bigint         not null default 0,
    created_at    timestamptz    not null default now(),
    updated_at    timestamptz    not null default now()
);
create index quote_case_idx on quote (case_id);
