-- Issue 21. Parts issued from stock to a case become a PARTS cost line of the case. The company's own cost of a part
-- (标准成本) values a line the company or a service contract bears; a chargeable unit's line is at the market price.
-- Optional: a part without one is valued at its market price, and the line says so.
alter table spare_part add column standard_cost numeric(14, 2) check (standard_cost >= 0);
