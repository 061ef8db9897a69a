-- Issue 19 (ifm). Every readable mutable record has a version (its ETag), so two people changing it cannot overwrite
-- each other. Rows without an entity that several statements update count their versions with this trigger
-- function, whichever statement makes the change (V26–V30 attach it).
create function bump_row_version() returns trigger language plpgsql as $$
begin
    new.version := old.version + 1;
    return new;
end $$;
