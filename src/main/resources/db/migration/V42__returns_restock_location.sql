-- Issue 20. A restocked unit records the warehouse location it went to (§7.2.7: the repair group informs after-sales
-- once the unit is back in stock, and where).
alter table return_unit add column restock_location text;
