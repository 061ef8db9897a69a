-- Claims (索赔, issue 21): on a CLAIM case, what the customer claims by category with its documents, what is agreed
-- after review (who, when, why a line differs) and how it was settled (credit note or payment). One claim per case.
-- Amounts are exact yuan (numeric(14, 2)); a settled claim is never changed again (enforced by the service).
create table case_claim (
    id                  uuid primary key,
    case_id             uuid           not null unique references service_case (id),
    status              text           not null check (status in ('CLAIMED', 'UNDER_REVIEW', 'AGREED', 'PARTLY_AGREED',
                                                                  'REJECTED', 'SETTLED')),
    claimed_by          text           not null,
    reviewed_by         text,
    reviewed_at         timestamptz,
    settlement_kind     text check (settlement_kind in ('CREDIT_NOTE', 'PAYMENT')),
    settlement_ref      text,
    settled_on          date,
    settled_cny         numeric(14, 2) check (settled_cny >= 0),
    settled_by          text,
    version             bigint         not null default 0,
    created_at          timestamptz    not null default now(),
    updated_at          timestamptz    not null default now(),
    constraint case_claim_settled_ck check ((status = 'SETTLED') = (settled_on is not null)
        and (settled_on is null) = (settled_cny is null) and (settled_on is null) = (settlement_kind is null))
);
-- The monthly statement reads the claims settled in a month.
create index case_claim_settled_idx on case_claim (settled_on) where settled_on is not null;

create table case_claim_line (
    id           uuid primary key,
    claim_id     uuid           not null references case_claim (id) on delete cascade,
    position     int            not null,
    category     text           not null check (category in ('PARTS', 'LABOUR', 'TRAVEL', 'CONSEQUENTIAL_DAMAGE', 'FREIGHT')),
    claimed_cny  numeric(14, 2) not null check (claimed_cny > 0),
    description  text           not null,
    documents    jsonb          not null default '[]',
    agreed_cny   numeric(14, 2) check (agreed_cny >= 0 and agreed_cny <= claimed_cny),
    reason       text,
    unique (claim_id, position)
);
