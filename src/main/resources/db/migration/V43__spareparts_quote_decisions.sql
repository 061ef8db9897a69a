-- Issue 20. An accepted quote issues its parts from a stock location (named on the quote, the configured default
-- otherwise) and books its amount on the case; a declined one keeps the customer's reason; both who decided.
alter table quote add column location text not null default 'HQ';
alter table quote alter column location drop default;
alter table quote add column decided_by text;
alter table quote add column decline_reason text;
