-- Totals counted once (docs/decisions/007-counting-money-once.md). `money_fact` holds every
-- counted money record of the registry, split by sector and place, converted to EUR, USD and RSD,
-- with the counting rules already applied; `money_cube` sums it over the dimensions the portal
-- groups by. Both are derived: triggers on the tables they are computed from mark activities
-- dirty, and the statistics service recomputes the facts of dirty activities (under an advisory
-- lock, in one transaction) before it answers, so app servers keep no state of their own.

create table money_fact (
  -- the record whose figure this is (a transaction or a budget) and the activity that reports it
  record_id uuid not null,
  source_activity_id uuid not null,
  -- the activity the money is attributed to: the reporting activity, or for a transfer to another
  -- activity of the registry the receiving activity, whose places and sectors it takes
  activity_id uuid not null,
  programme_id uuid,
  measure text not null check (measure in (
    'budget', 'commitment', 'disbursement', 'expenditure', 'incoming_funds')),
  transaction_type text,
  year smallint not null,
  date date not null,
  value_date date not null,
  org_id uuid,
  role text,
  municipality_id uuid,
  settlement_id uuid,
  sector_dac text,
  sector_office text,
  published boolean not null,
  activity_status text,
  -- the part of the record's value in its own currency and converted; null where no quote exists
  currency text not null,
  value_orig numeric(20, 2) not null,
  value_eur numeric(20, 2),
  value_usd numeric(20, 2),
  value_rsd numeric(20, 2),
  -- the quotes used (dates of the latest quote on or before the value date)
  rate_orig_date date,
  rate_usd_date date,
  rate_rsd_date date
);
create index money_fact_source_idx on money_fact (source_activity_id);
create index money_fact_activity_idx on money_fact (activity_id);
create index money_fact_measure_year_idx on money_fact (measure, year);
create index money_fact_municipality_idx on money_fact (municipality_id, measure);
create index money_fact_org_idx on money_fact (org_id, measure);
create index money_fact_programme_idx on money_fact (programme_id) where programme_id is not null;

-- Sums of money_fact over the portal's dimensions; '' is the "unspecified" key.
create table money_cube (
  measure text not null,
  published boolean not null,
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
    transaction_type, published)
);

-- Activities whose facts must be recomputed; `ref` keeps an IATI identifier that was changed or
-- deleted, so that records naming it are recomputed too.
create table money_dirty (
  activity_id uuid,
  ref text,
  currency text,
  from_date date,
  marked_at timestamptz not null default clock_timestamp()
);

-- Work tables of one refresh, used only under the refresh lock and emptied after it: the
-- activities whose facts are recomputed, and the money records (before splitting) of those
-- activities and of the records that may stand in for them.
create table money_refresh_set (activity_id uuid primary key);
create table money_scope (activity_id uuid primary key);
create table money_candidate (
  record_id uuid not null,
  source_activity_id uuid not null,
  activity_id uuid not null,
  measure text not null,
  transaction_type text,
  year smallint not null,
  date date not null,
  value_date date not null,
  value numeric(20, 2) not null,
  currency text not null,
  provider_org_id uuid,
  sectors jsonb not null
);
create index money_candidate_source_idx on money_candidate (source_activity_id, measure, year);

-- DAC purpose codes (3 and 5 digits) and the office sector each counts under, with the version
-- of data/office-sectors.json they were read from.
create table money_office_sector (
  dac text primary key,
  office text not null
);
create table money_meta (
  key text primary key,
  value text not null
);

-- Records of the same activity from two publishers: the implementer's record names the other on a
-- participant (IATI participating-org/@activity-id), or a person linked them. `implementer` stands
-- in for `replaced`. When two records name each other, the one with the smaller id stands in.
create view money_stand_in as
select distinct x.replaced, x.implementer from (
  select o.id as replaced, p.activity_id as implementer
    from activity_participant p join activity o on o.iati_identifier = p.iati_activity_ref
   where o.id <> p.activity_id
  union
  select l.linked_activity_id, l.activity_id from activity_link l
   where l.reason in ('same_identifier', 'manual')) x
where not exists (
  select 1 from activity_participant p2 join activity o2 on o2.iati_identifier = p2.iati_activity_ref
   where p2.activity_id = x.replaced and o2.id = x.implementer and x.replaced < x.implementer);

create function money_mark_rows() returns trigger language plpgsql as $$
begin
  if tg_op in ('INSERT', 'UPDATE') then
    insert into money_dirty (activity_id) select distinct activity_id from new_rows;
  end if;
  if tg_op in ('UPDATE', 'DELETE') then
    insert into money_dirty (activity_id) select distinct activity_id from old_rows;
  end if;
  return null;
end $$;

create function money_mark_links() returns trigger language plpgsql as $$
begin
  if tg_op = 'INSERT' then
    insert into money_dirty (activity_id)
      select activity_id from new_rows union select linked_activity_id from new_rows;
  else
    insert into money_dirty (activity_id)
      select activity_id from old_rows union select linked_activity_id from old_rows;
  end if;
  return null;
end $$;

create function money_mark_activities() returns trigger language plpgsql as $$
begin
  if tg_op in ('INSERT', 'UPDATE') then
    insert into money_dirty (activity_id, ref)
      select id, iati_identifier from new_rows
      union select parent_id, null from new_rows where parent_id is not null;
  end if;
  if tg_op in ('UPDATE', 'DELETE') then
    insert into money_dirty (activity_id, ref)
      select id, iati_identifier from old_rows
      union select parent_id, null from old_rows where parent_id is not null;
  end if;
  return null;
end $$;

create function money_mark_rates() returns trigger language plpgsql as $$
begin
  if tg_op in ('INSERT', 'UPDATE') then
    insert into money_dirty (currency, from_date)
      select currency, min(rate_date) from new_rows group by currency;
  end if;
  if tg_op in ('UPDATE', 'DELETE') then
    insert into money_dirty (currency, from_date)
      select currency, min(rate_date) from old_rows group by currency;
  end if;
  return null;
end $$;

create trigger money_activity_ins after insert on activity
  referencing new table as new_rows for each statement execute function money_mark_activities();
create trigger money_activity_upd after update on activity
  referencing old table as old_rows new table as new_rows
  for each statement execute function money_mark_activities();
create trigger money_activity_del after delete on activity
  referencing old table as old_rows for each statement execute function money_mark_activities();

create trigger money_transaction_ins after insert on activity_transaction
  referencing new table as new_rows for each statement execute function money_mark_rows();
create trigger money_transaction_upd after update on activity_transaction
  referencing old table as old_rows new table as new_rows
  for each statement execute function money_mark_rows();
create trigger money_transaction_del after delete on activity_transaction
  referencing old table as old_rows for each statement execute function money_mark_rows();

create trigger money_budget_ins after insert on activity_budget
  referencing new table as new_rows for each statement execute function money_mark_rows();
create trigger money_budget_upd after update on activity_budget
  referencing old table as old_rows new table as new_rows
  for each statement execute function money_mark_rows();
create trigger money_budget_del after delete on activity_budget
  referencing old table as old_rows for each statement execute function money_mark_rows();

create trigger money_sector_ins after insert on activity_sector
  referencing new table as new_rows for each statement execute function money_mark_rows();
create trigger money_sector_upd after update on activity_sector
  referencing old table as old_rows new table as new_rows
  for each statement execute function money_mark_rows();
create trigger money_sector_del after delete on activity_sector
  referencing old table as old_rows for each statement execute function money_mark_rows();

create trigger money_location_ins after insert on activity_location
  referencing new table as new_rows for each statement execute function money_mark_rows();
create trigger money_location_upd after update on activity_location
  referencing old table as old_rows new table as new_rows
  for each statement execute function money_mark_rows();
create trigger money_location_del after delete on activity_location
  referencing old table as old_rows for each statement execute function money_mark_rows();

create trigger money_participant_ins after insert on activity_participant
  referencing new table as new_rows for each statement execute function money_mark_rows();
create trigger money_participant_upd after update on activity_participant
  referencing old table as old_rows new table as new_rows
  for each statement execute function money_mark_rows();
create trigger money_participant_del after delete on activity_participant
  referencing old table as old_rows for each statement execute function money_mark_rows();

create trigger money_link_ins after insert on activity_link
  referencing new table as new_rows for each statement execute function money_mark_links();
create trigger money_link_del after delete on activity_link
  referencing old table as old_rows for each statement execute function money_mark_links();

create trigger money_rate_ins after insert on exchange_rate
  referencing new table as new_rows for each statement execute function money_mark_rates();
create trigger money_rate_upd after update on exchange_rate
  referencing old table as old_rows new table as new_rows
  for each statement execute function money_mark_rates();
create trigger money_rate_del after delete on exchange_rate
  referencing old table as old_rows for each statement execute function money_mark_rates();

-- Everything already stored is computed on the first read.
insert into money_dirty (activity_id) select id from activity;

-- Refreshes look up the records that name an activity on a participant.
create index activity_participant_activity_ref_idx on activity_participant (iati_activity_ref)
  where iati_activity_ref is not null;
