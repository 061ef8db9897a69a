-- recall_unit is the frozen list of a campaign's units: it carries the unit's product line beside its customer and
-- model (all fixed at activation), so recall completion by product line reads recall_unit alone instead of joining
-- a million-row unit table (699 ms on 400,000 recalled units, bench/run.sh). Inserts that leave it out get it from
-- the unit, as case_unit's model does (V11).
alter table recall_unit add column product_line text;
update recall_unit ru set product_line = u.product_line from unit u where u.id = ru.unit_id;

create function aftersales_recall_unit_line() returns trigger language plpgsql as $$
begin
    if new.product_line is null then
        select product_line into new.product_line from unit where id = new.unit_id;
    end if;
    return new;
end $$;

create trigger recall_unit_line before insert on recall_unit for each row execute function aftersales_recall_unit_line();
alter table recall_unit alter column product_line set not null;
