-- A migration of a later release (DatabaseRolesTest): its table must reach the application role without a new grant.
create table later_thing (
    id   bigint generated always as identity primary key,
    name text not null
);
