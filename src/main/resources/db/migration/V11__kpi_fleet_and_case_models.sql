-- KPI speed on large fleets (GET /api/v1/kpis), without scanning every unit on every query:
-- 1. unit_fleet: delivered units per (delivery month, customer, product line, model), kept exact by statement-level
--    triggers on unit (set-based: one upsert per statement, however many rows a CSV import inserts).
-- 2. case_unit.product_model: the model of each case's unit, copied at intake (a unit's model does not change), so
--    grouping cases by model reads case_unit only.

create table unit_fleet (
    delivery_month date    not null,
    customer_id    uuid    not null,
    product_line   text    not null,
    product_model  text    not null,
    units          bigint  not null,
    primary key (delivery_month, customer_id, product_line, product_model)
);

insert into unit_fleet (delivery_month, customer_id, product_line, product_model, units)
select date_trunc('month', delivery_date)::date, customer_id, product_line, product_model, count(*)
from unit where delivery_date is not null group by 1, 2, 3, 4;

create function aftersales_fleet_add() returns trigger language plpgsql as $$
begin
    insert into unit_fleet (delivery_month, customer_id, product_line, product_model, units)
    select date_trunc('month', delivery_date)::date, customer_id, product_line, product_model, count(*)
    from new_units where delivery_date is not null group by 1, 2, 3, 4
    on conflict (delivery_month, customer_id, product_line, product_model)
        do update set units = unit_fleet.units + excluded.units;
    return null;
end $$;

create function aftersales_fleet_remove() returns trigger language plpgsql as $$
begin
    insert into unit_fleet (delivery_month, customer_id, product_line, product_model, units)
    select date_trunc('month', delivery_date)::date, customer_id, product_line, product_model, -count(*)
    from old_units where delivery_date is not null group by 1, 2, 3, 4
    on conflict (delivery_month, customer_id, product_line, product_model)
        do update set units = unit_fleet.units + excluded.units;
    return null;
end $$;

create trigger unit_fleet_insert after insert on unit
    referencing new table as new_units for each statement execute function aftersales_fleet_add();
create trigger unit_fleet_delete after delete on unit
    referencing old table as old_units for each statement execute function aftersales_fleet_remove();
create trigger unit_fleet_update_remove after update on unit
    referencing old table as old_units for each statement execute function aftersales_fleet_remove();
create trigger unit_fleet_update_add after update on unit
    referencing new table as new_units for each statement execute function aftersales_fleet_add();

alter table case_unit add column product_model text;
update case_unit cu set product_model = u.product_model from unit u where u.id = cu.unit_id;

create function aftersales_case_unit_model() returns trigger language plpgsql as $$
begin
    if new.product_model is null then
        select product_model into new.product_model from unit where id = new.unit_id;
    end if;
    return new;
end $$;

create trigger case_unit_model before insert on case_unit for each row execute function aftersales_case_unit_model();
alter table case_unit alter column product_model set not null;
