-- Issue 21 (review): a service station's documents (its invoices and receipts to the company, the evidence of its
-- fees) are internal cost evidence: the case's customer does not list or download them.
alter table attachment add column internal boolean not null default false;
