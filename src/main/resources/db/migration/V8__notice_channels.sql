-- Notices are rendered from Qute templates (zh-CN or en) per recipient, so a notice keeps only its kind and payload.
-- A notice fans out into deliveries, one per channel and address (e-mail address, webhook endpoint); retries,
-- backoff and dead letters are per delivery. The in-app inbox reads the notice itself.
alter table notice drop column subject;
alter table notice drop column body;
alter table notice drop column channel;
alter table notice drop column attempts;
alter table notice drop column next_attempt_at;
alter table notice drop column last_error;
alter table notice drop constraint notice_status_check;
update notice set status = 'DISPATCHED' where status <> 'PENDING';
alter table notice add constraint notice_status_check check (status in ('PENDING', 'DISPATCHED'));
alter table notice add column dispatched_at timestamptz;

-- Per-user channel preferences (the token's subject). Roles are those of the last save, so a notice to a role
-- reaches the users of that role who asked for e-mail; a customer account gets its customer's notices.
create table notification_preference (
    subject        text primary key,
    roles          text[]      not null,
    customer_id    uuid references customer (id),
    language       text        not null default 'zh-CN' check (language in ('zh-CN', 'en')),
    email          text,
    email_enabled  boolean     not null default false,
    muted_kinds    text[]      not null default '{}',
    version        bigint      not null default 0,
    updated_at     timestamptz not null default now(),
    constraint notification_preference_email_ck check (not email_enabled or email is not null)
);
create index notification_preference_roles_idx on notification_preference using gin (roles) where email_enabled;
create index notification_preference_customer_idx on notification_preference (customer_id) where email_enabled;

-- Enterprise messaging robots (WeCom, DingTalk, Feishu) or any HTTPS receiver, signed with a shared secret.
create table webhook_endpoint (
    id          uuid primary key,
    name        text        not null,
    url         text        not null,
    format      text        not null check (format in ('GENERIC', 'WECOM', 'DINGTALK', 'FEISHU')),
    secret      text,
    language    text        not null default 'zh-CN' check (language in ('zh-CN', 'en')),
    roles       text[]      not null default '{}',
    kinds       text[]      not null default '{}',
    active      boolean     not null default true,
    version     bigint      not null default 0,
    created_by  text        not null,
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now()
);
create unique index webhook_endpoint_name_uk on webhook_endpoint (name) where active;

create table notice_delivery (
    id               uuid primary key,
    notice_id        uuid        not null references notice (id),
    channel          text        not null check (channel in ('EMAIL', 'WEBHOOK')),
    address          text        not null,
    language         text        not null check (language in ('zh-CN', 'en')),
    status           text        not null default 'PENDING' check (status in ('PENDING', 'SENT', 'DEAD')),
    attempts         integer     not null default 0,
    next_attempt_at  timestamptz,
    last_error       text,
    created_at       timestamptz not null default now(),
    sent_at          timestamptz,
    constraint notice_delivery_uk unique (notice_id, channel, address)
);
create index notice_delivery_pending_idx on notice_delivery (created_at) where status = 'PENDING';
create index notice_delivery_dead_idx on notice_delivery (created_at desc) where status = 'DEAD';
