-- Recall campaigns (召回): criteria, frozen affected units with their remedy status, notices to customers
-- (recorded here; the scheduled-functions issue sends them), legal hold.

create table recall_campaign (
    id                  uuid primary key,
    code                text        not null,
    title               text        not null,
    defect_description  text        not null,
    safety_risk         text        not null,
    remedy              text        not null,
    filing_reference    text,
    criteria            jsonb       not null,
    status              text        not null check (status in ('DRAFT', 'FILED', 'ACTIVE', 'COMPLETED', 'CLOSED')),
    filing_approved_by  text,
    filed_at            timestamptz,
    activated_at        timestamptz,
    completed_at        timestamptz,
    closed_at           timestamptz,
    hold_until          date,
    affected_count      integer,
    created_by          text        not null,
    version             bigint      not null default 0,
    created_at          timestamptz not null default now(),
    updated_at          timestamptz not null default now(),
    constraint recall_campaign_code_uk unique (code)
);

create table recall_unit (
    campaign_id     uuid        not null references recall_campaign (id),
    unit_id         uuid        not null references unit (id),
    serial_no       text        not null,
    customer_id     uuid        not null,
    product_model   text        not null,
    remedy_status   text        not null check (remedy_status in ('NOTIFIED', 'SCHEDULED', 'REMEDIED', 'UNREACHABLE', 'EXEMPT')),
    remedy_date     date,
    remedy_where    text,
    remedy_case_id  uuid references service_case (id),
    exempt_reason   text,
    updated_at      timestamptz not null default now(),
    primary key (campaign_id, unit_id)
);
create unique index recall_unit_serial_uk on recall_unit (campaign_id, serial_no);
create index recall_unit_customer_idx on recall_unit (campaign_id, customer_id);
create index recall_unit_unit_idx on recall_unit (unit_id);

-- Notices to send (mail, SMS, portal); one per recipient and purpose (dedupe_key), sent by the notification job.
create table notice (
    id            uuid primary key,
    kind          text        not null,
    customer_id   uuid references customer (id),
    subject       text        not null,
    body          text        not null,
    payload       jsonb       not null default '{}',
    dedupe_key    text        not null,
    status        text        not null default 'PENDING' check (status in ('PENDING', 'SENT', 'FAILED')),
    created_at    timestamptz not null default now(),
    sent_at       timestamptz,
    constraint notice_dedupe_uk unique (dedupe_key)
);
create index notice_pending_idx on notice (created_at) where status = 'PENDING';

-- Criteria lookups during activation.
create index unit_batch_idx on unit (batch_no);
create index unit_production_idx on unit (production_date);
