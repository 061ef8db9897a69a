-- A term may give a replacement unit (disposition REPLACE) a free warranty of its own from its delivery instead of the
-- inherited end of the unit it replaced (issue 20: "unless a term says otherwise"). INHERIT is what the procedure
-- does by default: replacing a unit does not restart its free warranty.
alter table warranty_term add column replacement_warranty text not null default 'INHERIT'
    check (replacement_warranty in ('INHERIT', 'OWN'));
