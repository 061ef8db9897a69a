-- Service stations (服务站, issue 21): a visit can be assigned to a station (a customer of type SERVICE_STATION,
-- checked by the service through the customer area's Java API), whose accounts see it and submit their fees for it.
alter table field_visit add column station_id uuid;
-- A station's visits list.
create index field_visit_station_idx on field_visit (station_id, id) where station_id is not null;

-- A station's fee line: which station submitted it, the quantities its rate card prices (labour hours, travel km and
-- days), the documents (attachments of the case) and the card's figure at submission (null: no card in force).
alter table case_cost
    add column station_id    uuid,
    add column labour_hours  numeric(8, 2) check (labour_hours >= 0),
    add column travel_km     numeric(10, 1) check (travel_km >= 0),
    add column travel_days   numeric(6, 1) check (travel_days >= 0),
    add column documents     jsonb not null default '[]',
    add column rate_card_cny numeric(14, 2) check (rate_card_cny >= 0),
    add constraint case_cost_station_ck check (station_id is not null or rate_card_cny is null);
-- The station's own lines of a visit; the after-sales manager's lines above their card.
create index case_cost_station_idx on case_cost (station_id, visit_id) where station_id is not null;
create index case_cost_above_card_idx on case_cost (case_id) where amount_cny > rate_card_cny;

-- A station's rate card (结算标准): one header per station (its version is the card's ETag) and the rates by the day
-- they apply from; a line is priced by the rates in force on the day it was incurred.
create table station_rate_card (
    station_id uuid primary key,
    version    bigint      not null default 0,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
);

create table station_rate (
    station_id          uuid           not null references station_rate_card (station_id),
    valid_from          date           not null,
    labour_rate_cny     numeric(14, 2) not null check (labour_rate_cny >= 0),
    travel_per_km_cny   numeric(14, 2) not null check (travel_per_km_cny >= 0),
    travel_per_day_cny  numeric(14, 2) not null check (travel_per_day_cny >= 0),
    recorded_by         text           not null,
    primary key (station_id, valid_from)
);
