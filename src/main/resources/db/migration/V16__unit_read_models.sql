-- Read models the unit area publishes: other areas read units through these views, never the unit table
-- (TableOwnershipTest.READ_MODELS). Plain views, so PostgreSQL inlines them and a reader's query plans as before.

-- A delivered unit's identity, customer, model and dates: recall selection, warranty expiry, NTF rates.
create view unit_record as
select id, serial_no, customer_id, product_line, product_model, production_date, batch_no, delivery_date, first_sale_date
from unit;
