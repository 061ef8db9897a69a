-- unit_fleet by delivery day instead of month: "units in the field by a date" and the months in service of a cohort
-- (IPTV exposure) then come from the summary alone, exactly, without reading the unit table.
drop trigger unit_fleet_insert on unit;
drop trigger unit_fleet_delete on unit;
drop trigger unit_fleet_update_remove on unit;
drop trigger unit_fleet_update_add on unit;
drop function aftersales_fleet_add();
drop function aftersales_fleet_remove();
drop table unit_fleet;

create table unit_fleet (
    delivery_date  date    not null,
    customer_id    uuid    not null,
    product_line   text    not null,
    product_model  text    not null,
    units          bigint  not null,
    primary key (delivery_date, customer_id, product_line, product_model)
);

insert into unit_fleet (delivery_date, customer_id, product_line, product_model, units)
select delivery_date, customer_id, product_line, product_model, count(*)
from unit where delivery_date is not null group by 1, 2, 3, 4;

create function aftersales_fleet_add() returns trigger language plpgsql as $$
begin
    insert into unit_fleet (delivery_date, customer_id, product_line, product_model, units)
    select delivery_date, customer_id, product_line, product_model, count(*)
    from new_units where delivery_date is not null group by 1, 2, 3, 4
    on conflict (delivery_date, customer_id, product_line, product_model)
        do update set units = unit_fleet.units + excluded.units;
    return null;
end $$;

create function aftersales_fleet_remove() returns trigger language plpgsql as $$
begin
    insert into unit_fleet (delivery_date, customer_id, product_line, product_model, units)
    select delivery_date, customer_id, product_line, product_model, -count(*)
    from old_units where delivery_date is not null group by 1, 2, 3, 4
    on conflict (delivery_date, customer_id, product_line, product_model)
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
