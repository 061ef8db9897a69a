-- Software and firmware versions of units (issue 20): the version each component of a unit runs now, and every
-- update of it (date, source, reference, who recorded it), append-only.

-- A version as a comparable key: the leading numeric dotted segments ("V1.4.2-rc1" → {1,4,2}), trailing zero segments
-- dropped so that 1.5 and 1.5.0 are the same version; null when the version does not start with a number (such a
-- version is matched by an exact list only, never by a range).
create function aftersales_version_key(version text) returns bigint[] language sql immutable parallel safe as $$
    select case when m is null then null
                else coalesce((select array_agg(cast(s as bigint) order by i)
                               from unnest(string_to_array(regexp_replace(m[1], '(\.0+)+$', ''), '.')) with ordinality as t(s, i)),
                              '{}')
           end
    from (select regexp_match(version, '^[vV]?([0-9]{1,15}(\.[0-9]{1,15})*)') as m) x
$$;

create table unit_software (
    unit_id     uuid        not null references unit (id) on delete cascade,
    component   text        not null check (length(component) between 1 and 40),
    version     text        not null check (length(version) between 1 and 60),
    updated_at  timestamptz not null,
    primary key (unit_id, component)
);

create table unit_software_update (
    id             uuid        primary key,
    unit_id        uuid        not null references unit (id) on delete cascade,
    component      text        not null,
    from_version   text,
    to_version     text        not null,
    updated_at     timestamptz not null,
    source         text        not null check (source in ('FACTORY', 'SERVICE_VISIT', 'OTA', 'RECALL_REMEDY', 'IMPORT')),
    reference_kind text        check (reference_kind in ('CASE', 'VISIT', 'RECALL')),
    reference_id   uuid,
    recorded_by    text        not null,
    recorded_at    timestamptz not null,
    check ((reference_kind is null) = (reference_id is null))
);
create index unit_software_update_unit_idx on unit_software_update (unit_id, component, updated_at);
-- Recall criteria and KPI groups select units by component and version.
create index unit_software_component_idx on unit_software (component, version);

-- Read models (TableOwnershipTest.READ_MODELS). The current versions: recall selection, entitlement answers.
create view unit_software_version as
select unit_id, component, version, aftersales_version_key(version) as version_key, updated_at
from unit_software;

-- Every recorded update: the unit's after-sales archive (cases/UnitHistory) and the version in force on a date (KPIs).
create view unit_software_history as
select id, unit_id, component, from_version, to_version, updated_at, source, reference_kind, reference_id, recorded_by
from unit_software_update;
