-- Issue 20. The weekly problem digest per department: a problem names the product lines it concerns (those of its
-- cases, and any given by hand), and each department subscribes its digest to product lines, models and failure-mode
-- keywords. A digest holds only the problems that match its department's scope (an empty list matches everything; a
-- department without a scope gets every problem), and no digest is issued when nothing matches. Entries made before
-- this migration carry no product line until edited (no environment holds library entries yet).
alter table problem add column product_lines text[] not null default '{}'
    check (product_lines <@ array['COMMERCIAL_VEHICLE', 'PASSENGER_CAR', 'MICRO_CAR', 'SYSTEM']);

create table digest_scope (
    department      text        primary key check (department in ('ENGINEERING', 'PROCESS', 'PRODUCTION', 'QUALITY')),
    product_lines   text[]      not null default '{}'
        check (product_lines <@ array['COMMERCIAL_VEHICLE', 'PASSENGER_CAR', 'MICRO_CAR', 'SYSTEM']),
    product_models  text[]      not null default '{}',
    failure_modes   text[]      not null default '{}',
    updated_by      text        not null,
    version         bigint      not null default 0,
    updated_at      timestamptz not null
);
create trigger digest_scope_version before update on digest_scope
    for each row execute function bump_row_version();
