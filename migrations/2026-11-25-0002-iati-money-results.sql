-- IATI 2.03 in full: what an activity carries beyond the registry's core (transactions, planned
-- disbursements, results, recipient countries and regions, related activities, contacts,
-- conditions), the original XML of every imported activity, import runs and their problems,
-- and links between records of the same activity reported by different publishers.

alter table activity
  add column default_lang text,
  add column last_updated_at timestamptz,
  add column capital_spend numeric(7, 4),
  add column conditions jsonb,
  add column contacts jsonb not null default '[]'::jsonb;

alter table activity_participant
  add column org_type text,
  add column crs_channel_code text;

alter table activity_location
  add column ref text,
  add column iati jsonb not null default '{}'::jsonb;

alter table activity_sector add column narrative jsonb not null default '{}'::jsonb;

alter table document_link
  add column description jsonb not null default '{}'::jsonb,
  add column categories text[] not null default '{}',
  add column languages text[] not null default '{}';

create table activity_recipient (
  activity_id uuid not null references activity (id) on delete cascade,
  kind text not null check (kind in ('country', 'region')),
  vocabulary text not null default '',
  code text not null,
  percentage numeric(7, 4) check (percentage >= 0 and percentage <= 100),
  narrative jsonb not null default '{}'::jsonb,
  position smallint not null default 0,
  primary key (activity_id, kind, vocabulary, code)
);

-- Money as reported: every IATI transaction type, in the currency given (decimal, never float).
create table activity_transaction (
  id uuid primary key default gen_random_uuid(),
  activity_id uuid not null references activity (id) on delete cascade,
  ref text,
  humanitarian boolean,
  type text not null,
  date date not null,
  value numeric(20, 2) not null,
  currency text not null,
  value_date date not null,
  description jsonb not null default '{}'::jsonb,
  provider_org_id uuid references organisation (id) on delete set null,
  provider jsonb,
  provider_activity_id text,
  receiver_org_id uuid references organisation (id) on delete set null,
  receiver jsonb,
  receiver_activity_id text,
  disbursement_channel text,
  sectors jsonb not null default '[]'::jsonb,
  recipient_country text,
  recipient_region jsonb,
  flow_type text,
  finance_type text,
  aid_types jsonb not null default '[]'::jsonb,
  tied_status text,
  position integer not null default 0
);
create index activity_transaction_activity_idx on activity_transaction (activity_id, position);
create index activity_transaction_type_date_idx on activity_transaction (type, date);
create index activity_transaction_provider_activity_idx on activity_transaction (provider_activity_id)
  where provider_activity_id is not null;
create index activity_transaction_receiver_activity_idx on activity_transaction (receiver_activity_id)
  where receiver_activity_id is not null;

create table activity_planned_disbursement (
  id uuid primary key default gen_random_uuid(),
  activity_id uuid not null references activity (id) on delete cascade,
  type text,
  period_start date not null,
  period_end date,
  value numeric(20, 2) not null,
  currency text not null,
  value_date date not null,
  provider jsonb,
  receiver jsonb,
  position integer not null default 0
);
create index activity_planned_disbursement_activity_idx on activity_planned_disbursement (activity_id);

-- Results: result > indicator > period, with baselines, targets and actuals.
create table activity_result (
  id uuid primary key default gen_random_uuid(),
  activity_id uuid not null references activity (id) on delete cascade,
  type text not null,
  aggregation_status boolean,
  title jsonb not null default '{}'::jsonb,
  description jsonb not null default '{}'::jsonb,
  position smallint not null default 0
);
create index activity_result_activity_idx on activity_result (activity_id);

create table result_indicator (
  id uuid primary key default gen_random_uuid(),
  result_id uuid not null references activity_result (id) on delete cascade,
  measure text not null,
  ascending boolean,
  aggregation_status boolean,
  title jsonb not null default '{}'::jsonb,
  description jsonb not null default '{}'::jsonb,
  refs jsonb not null default '[]'::jsonb,
  baselines jsonb not null default '[]'::jsonb,
  position smallint not null default 0
);
create index result_indicator_result_idx on result_indicator (result_id);

create table indicator_period (
  id uuid primary key default gen_random_uuid(),
  indicator_id uuid not null references result_indicator (id) on delete cascade,
  period_start date not null,
  period_end date not null,
  targets jsonb not null default '[]'::jsonb,
  actuals jsonb not null default '[]'::jsonb,
  position smallint not null default 0
);
create index indicator_period_indicator_idx on indicator_period (indicator_id);

create table activity_related (
  activity_id uuid not null references activity (id) on delete cascade,
  ref text not null,
  type text not null,
  position smallint not null default 0,
  primary key (activity_id, ref, type)
);
create index activity_related_ref_idx on activity_related (ref);

-- The activity exactly as a publisher sent it, for audit and for re-processing.
create table iati_source (
  activity_id uuid primary key references activity (id) on delete cascade,
  publisher_ref text,
  xml text not null,
  sha256 text not null,
  import_id uuid,
  imported_at timestamptz not null default now()
);

create table iati_import (
  id uuid primary key default gen_random_uuid(),
  started_at timestamptz not null default now(),
  finished_at timestamptz,
  user_id uuid,
  file_name text,
  file_bytes bigint,
  sha256 text,
  iati_version text,
  dry_run boolean not null default false,
  strict boolean not null default false,
  status text not null check (status in ('running', 'committed', 'rejected', 'failed', 'dry_run')),
  counts jsonb not null default '{}'::jsonb,
  problems jsonb not null default '[]'::jsonb
);

-- The same activity seen through two publishers (a funder's record and its implementer's):
-- linked so that totals count the money once.
create table activity_link (
  activity_id uuid not null references activity (id) on delete cascade,
  linked_activity_id uuid not null references activity (id) on delete cascade,
  reason text not null check (reason in (
    'same_identifier', 'related_activity', 'provider_activity', 'receiver_activity', 'manual')),
  created_at timestamptz not null default now(),
  primary key (activity_id, linked_activity_id, reason),
  check (activity_id <> linked_activity_id)
);
create index activity_link_linked_idx on activity_link (linked_activity_id);

-- An imported location may name a place the gazetteer does not have and give no point; it is
-- still the publisher's data. The API keeps requiring a place or a point for what people enter.
alter table activity_location drop constraint activity_location_check;
