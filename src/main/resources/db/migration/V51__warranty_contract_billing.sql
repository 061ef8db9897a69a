-- Contract fees (issue 21): a service contract's fee is invoiced once and paid once, in full (no partial payments:
-- a contract fee is one amount on one invoice). The activation rule in force when the contract was signed is kept on
-- the contract, so changing AFTERSALES_WARRANTY_CONTRACT_ACTIVATION later never flips contracts already signed:
-- SIGNING covers the contract's dates at once; PAYMENT covers them only from the day the fee was paid.
-- Contracts signed before this migration (and rows written without the column: demo, bench) were signed under the
-- signing rule.
alter table service_contract
    add column activation_rule text not null default 'SIGNING' check (activation_rule in ('SIGNING', 'PAYMENT')),
    add column invoice_no      text,
    add column invoiced_on     date,
    add column paid_on         date,
    add column paid_cny        numeric(14, 2) check (paid_cny >= 0),
    add column payment_ref     text,
    add constraint service_contract_invoice_ck check ((invoice_no is null) = (invoiced_on is null)),
    add constraint service_contract_payment_ck check ((paid_on is null) = (paid_cny is null)
        and (paid_on is null) = (payment_ref is null)
        and (paid_on is null or invoiced_on is not null and paid_on >= invoiced_on));
create unique index service_contract_invoice_no_uk on service_contract (invoice_no) where invoice_no is not null;
