-- Suppliers and supplier recovery (责任追溯, issue 21). The returns area owns them: a purchased-part verdict names a
-- supplier record, and a confirmed defect of a purchased part raises one debit note against that supplier.

-- Suppliers as records of their own (code, name, contacts); a verdict names an active one.
create table supplier (
    id          uuid primary key,
    code        text        not null unique,
    name        text        not null,
    contacts    jsonb       not null default '[]',
    active      boolean     not null default true,
    version     bigint      not null default 0,
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now()
);

alter table return_unit add column supplier_id uuid references supplier (id);

-- The free texts verdicts stored so far become suppliers LEGACY-<n> named by the text, so nothing is lost; the
-- text column then goes: the supplier record is the one way a verdict names a supplier.
insert into supplier (id, code, name)
select gen_random_uuid(), 'LEGACY-' || row_number() over (order by name), name
from (select distinct btrim(supplier) as name from return_unit where supplier is not null and btrim(supplier) <> '') s;

update return_unit ru set supplier_id = s.id
from supplier s
where s.code like 'LEGACY-%' and s.name = btrim(ru.supplier);

alter table return_unit drop column supplier;

create sequence debit_note_no_seq;

-- One debit note (扣款通知单) per returned unit judged a purchased-part defect: the amount is frozen when it is raised
-- (that unit's part of the case's verified costs × the supplier's share, exact to the fen); costs verified later do
-- not change it. RAISED → ACCEPTED / DISPUTED → RECOVERED / WRITTEN_OFF; RECOVERED and WRITTEN_OFF are final.
create table supplier_recovery (
    id                  uuid primary key,
    debit_note_no       text           not null unique,
    supplier_id         uuid           not null references supplier (id),
    return_id           uuid           not null references return_order (id),
    unit_id             uuid           not null,
    serial_no           text           not null,
    case_id             uuid           not null,
    status              text           not null check (status in ('RAISED', 'ACCEPTED', 'DISPUTED', 'RECOVERED', 'WRITTEN_OFF')),
    share               numeric(5, 4)  not null check (share > 0 and share <= 1),
    verified_costs_cny  numeric(14, 2) not null check (verified_costs_cny > 0),
    units_in_return     int            not null check (units_in_return > 0),
    amount_cny          numeric(14, 2) not null check (amount_cny > 0),
    test_records        jsonb          not null default '[]',
    eight_d_report_id   uuid,
    attachments         jsonb          not null default '[]',
    raised_by           text           not null,
    accepted_cny        numeric(14, 2) check (accepted_cny > 0 and accepted_cny <= amount_cny),
    dispute_reason      text,
    answered_by         text,
    answered_at         timestamptz,
    recovered_cny       numeric(14, 2) check (recovered_cny > 0 and recovered_cny <= accepted_cny),
    recovered_on        date,
    recovery_kind       text check (recovery_kind in ('CREDIT_NOTE', 'PAYMENT', 'INVOICE_OFFSET')),
    recovery_ref        text,
    recovered_by        text,
    write_off_reason    text,
    written_off_by      text,
    written_off_at      timestamptz,
    version             bigint         not null default 0,
    created_at          timestamptz    not null default now(),
    updated_at          timestamptz    not null default now(),
    unique (return_id, unit_id),
    foreign key (return_id, unit_id) references return_unit (return_id, unit_id),
    constraint supplier_recovery_recovered_ck check ((status = 'RECOVERED') = (recovered_on is not null)
        and (recovered_on is null) = (recovered_cny is null) and (recovered_on is null) = (recovery_kind is null)),
    constraint supplier_recovery_written_off_ck check ((status = 'WRITTEN_OFF') = (written_off_at is not null))
);
create index supplier_recovery_supplier_idx on supplier_recovery (supplier_id, debit_note_no);
create index supplier_recovery_created_idx on supplier_recovery (created_at);
