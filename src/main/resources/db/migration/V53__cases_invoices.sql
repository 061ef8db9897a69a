-- Chargeable work billing (issue 21): a case's verified cost lines billed to the customer (market-price parts and
-- labour, accepted quotes' sale lines) are invoiced to the customer and the invoice is paid, once and in full.
-- A cost line is on one invoice at most (the primary key of case_invoice_line); the line's amount is kept as invoiced.
create table case_invoice (
    id           uuid primary key,
    case_id      uuid           not null references service_case (id),
    invoice_no   text           not null unique,
    invoiced_on  date           not null,
    total_cny    numeric(14, 2) not null check (total_cny >= 0),
    invoiced_by  text           not null,
    paid_on      date,
    paid_cny     numeric(14, 2),
    payment_ref  text,
    paid_by      text,
    version      bigint         not null default 0,
    created_at   timestamptz    not null default now(),
    updated_at   timestamptz    not null default now(),
    constraint case_invoice_payment_ck check ((paid_on is null) = (paid_cny is null)
        and (paid_on is null) = (payment_ref is null) and (paid_on is null) = (paid_by is null)
        and (paid_on is null or paid_on >= invoiced_on and paid_cny = total_cny))
);
create index case_invoice_case_idx on case_invoice (case_id, invoiced_on);

create table case_invoice_line (
    cost_id     uuid primary key references case_cost (id),
    invoice_id  uuid           not null references case_invoice (id),
    amount_cny  numeric(14, 2) not null check (amount_cny >= 0)
);
create index case_invoice_line_invoice_idx on case_invoice_line (invoice_id);
