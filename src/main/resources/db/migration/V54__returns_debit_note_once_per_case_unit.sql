-- Issue 21 (review): a unit's debit note is raised once per case, whichever of the case's returns it came back on; the
-- service checks it first, this holds it when two raises from two returns of one case race.
create unique index supplier_recovery_case_unit_uk on supplier_recovery (case_id, unit_id);
