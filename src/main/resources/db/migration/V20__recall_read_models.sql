-- Read models the recall area publishes (TableOwnershipTest.READ_MODELS). Plain views: PostgreSQL inlines them, so a
-- reader's condition on unit_id still uses recall_unit_unit_idx.

-- A unit's recall campaigns as its after-sales archive lists them (cases/UnitHistory).
create view recall_unit_history as
select ru.unit_id, coalesce(rc.activated_at, rc.created_at) as at, rc.id as campaign_id, ru.remedy_status,
       rc.code || ' · ' || rc.title || coalesce(' · ' || ru.remedy_date, '') as summary
from recall_unit ru
join recall_campaign rc on rc.id = ru.campaign_id;

-- Campaigns still open on a unit: active, and the unit neither remedied nor exempt (the unit's record shows them).
create view recall_open_unit as
select ru.unit_id, rc.id as campaign_id, rc.code, rc.title, ru.remedy_status
from recall_unit ru
join recall_campaign rc on rc.id = ru.campaign_id
where rc.status = 'ACTIVE' and ru.remedy_status not in ('REMEDIED', 'EXEMPT');
