-- Totals counted once, second form (docs/decisions/007-counting-money-once.md).
--
-- 1. Two audiences. A fact now says whether it counts for the public (`published`) and whether it
--    counts for staff who see unpublished records (`internal`). They differ where a record that
--    stands in for another (a project under a programme, the implementer's record of a funder's
--    activity) is not published: staff count the stand-in, the public keeps the programme's or
--    the funder's own figure, so money never disappears from the public totals because a
--    project below it is still a draft.
-- 2. Narrow sums. money_cube keeps every grouping key; two smaller sums, by place and sector and
--    by organisation and role, answer the portal's usual questions from a few thousand rows.
--    All three are kept current from one table of signed changes (money_delta) per refresh.
--
-- The facts are derived data: they are emptied here and recomputed on the next read.

truncate money_fact;
alter table money_fact add column internal boolean not null default true;
-- the sums answer queries by measure, year, place or organisation; the facts are read by
-- activity (a refresh, a programme's totals) or scanned whole (settlements, words): each index
-- left here is paid on every fact written
drop index money_fact_measure_year_idx;
drop index money_fact_municipality_idx;
drop index money_fact_org_idx;
drop index money_fact_programme_idx;

drop table money_cube;
create table money_cube (
  measure text not null,
  published boolean not null,
  internal boolean not null,
  year smallint not null,
  municipality text not null,
  sector_dac text not null,
  sector_office text not null,
  org text not null,
  role text not null,
  transaction_type text not null,
  n integer not null,
  eur numeric(24, 2) not null,
  eur_missing integer not null,
  usd numeric(24, 2) not null,
  usd_missing integer not null,
  rsd numeric(24, 2) not null,
  rsd_missing integer not null,
  primary key (measure, year, municipality, sector_dac, sector_office, org, role,
    transaction_type, published, internal)
);

-- by year × municipality × sector
create table money_by_place (
  measure text not null,
  published boolean not null,
  internal boolean not null,
  year smallint not null,
  municipality text not null,
  sector_dac text not null,
  sector_office text not null,
  n integer not null,
  eur numeric(24, 2) not null,
  eur_missing integer not null,
  usd numeric(24, 2) not null,
  usd_missing integer not null,
  rsd numeric(24, 2) not null,
  rsd_missing integer not null,
  primary key (measure, published, internal, year, municipality, sector_dac, sector_office)
);

-- by year × organisation × role × transaction type
create table money_by_org (
  measure text not null,
  published boolean not null,
  internal boolean not null,
  year smallint not null,
  org text not null,
  role text not null,
  transaction_type text not null,
  n integer not null,
  eur numeric(24, 2) not null,
  eur_missing integer not null,
  usd numeric(24, 2) not null,
  usd_missing integer not null,
  rsd numeric(24, 2) not null,
  rsd_missing integer not null,
  primary key (measure, published, internal, year, org, role, transaction_type)
);

-- signed changes of one refresh, grouped by the cube's keys; emptied when the refresh ends
create table money_delta (like money_cube);

-- 3. A changed activity row refreshes the activities below it only when it moved in the
--    hierarchy (their programme is the root above them); other edits leave their facts as they are.
alter table money_dirty add column subtree boolean not null default false;

create or replace function money_mark_activities() returns trigger language plpgsql as $$
begin
  if tg_op = 'UPDATE' then
    insert into money_dirty (activity_id, ref, subtree)
      select n.id, n.iati_identifier, o.parent_id is distinct from n.parent_id
        from new_rows n join old_rows o on o.id = n.id
      union select o.id, o.iati_identifier, false from old_rows o
      union select parent_id, null, false from new_rows where parent_id is not null
      union select parent_id, null, false from old_rows where parent_id is not null;
  elsif tg_op = 'INSERT' then
    insert into money_dirty (activity_id, ref)
      select id, iati_identifier from new_rows
      union select parent_id, null from new_rows where parent_id is not null;
  else
    insert into money_dirty (activity_id, ref)
      select id, iati_identifier from old_rows
      union select parent_id, null from old_rows where parent_id is not null;
  end if;
  return null;
end $$;

insert into money_dirty (activity_id) select id from activity;
