-- Issue 24 (patch). Each discipline of an 8D report has its own version (its ETag), so two people filling different
-- disciplines from two devices do not block each other, while two edits of the same discipline still meet 412.
alter table eight_d_discipline add column version bigint not null default 0;
