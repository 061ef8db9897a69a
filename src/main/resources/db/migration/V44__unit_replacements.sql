-- Replacement units (issue 20): a unit replaced on a return (disposition REPLACE) leaves the live fleet from the
-- replacement date; its replacement records which unit it replaces and the first unit of the chain, whose free
-- warranty it inherits (a replacement of a replacement inherits the original's end).

alter table unit
    add column replaces_unit_id        uuid references unit (id),
    add column warranty_origin_unit_id uuid references unit (id),
    add column replaced_by_unit_id     uuid references unit (id),
    add column replaced_on             date,
    add column replaced_at             timestamptz,
    -- the return (returns area) the unit was replaced on; no foreign key into a downstream area
    add column replaced_return_id      uuid,
    add constraint unit_replaced_ck check ((replaced_on is null) = (replaced_by_unit_id is null)
                                           and (replaced_on is null) = (replaced_at is null)),
    add constraint unit_replaces_ck check ((replaces_unit_id is null) = (warranty_origin_unit_id is null));

-- A unit is replaced at most once.
create unique index unit_replaces_idx on unit (replaces_unit_id) where replaces_unit_id is not null;

-- The read model gains the replacement facts (columns appended: create or replace keeps the view's readers).
create or replace view unit_record as
select id, serial_no, customer_id, product_line, product_model, production_date, batch_no, delivery_date, first_sale_date,
       replaced_on, replaced_at, replaced_by_unit_id, replaces_unit_id, warranty_origin_unit_id
from unit;

-- unit_fleet: a unit counts +1 from its delivery date and -1 from its replacement date, so units in the field by a date
-- drop it from that date on and the days before stay as they were. Still one upsert per statement; the union is summed
-- first (ON CONFLICT may not touch one row twice).
create or replace function aftersales_fleet_add() returns trigger language plpgsql as $$
begin
    insert into unit_fleet (delivery_date, customer_id, product_line, product_model, units)
    select day, customer_id, product_line, product_model, sum(n) from (
        select delivery_date as day, customer_id, product_line, product_model, 1 as n
        from new_units where delivery_date is not null
        union all
        select replaced_on, customer_id, product_line, product_model, -1
        from new_units where delivery_date is not null and replaced_on is not null
    ) f group by 1, 2, 3, 4
    on conflict (delivery_date, customer_id, product_line, product_model)
        do update set units = unit_fleet.units + excluded.units;
    return null;
end $$;

create or replace function aftersales_fleet_remove() returns trigger language plpgsql as $$
begin
    insert into unit_fleet (delivery_date, customer_id, product_line, product_model, units)
    select day, customer_id, product_line, product_model, sum(n) from (
        select delivery_date as day, customer_id, product_line, product_model, -1 as n
        from old_units where delivery_date is not null
        union all
        select replaced_on, customer_id, product_line, product_model, 1
        from old_units where delivery_date is not null and replaced_on is not null
    ) f group by 1, 2, 3, 4
    on conflict (delivery_date, customer_id, product_line, product_model)
        do update set units = unit_fleet.units + excluded.units;
    return null;
end $$;
