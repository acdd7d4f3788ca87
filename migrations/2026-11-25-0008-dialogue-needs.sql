-- Dialogue with partners (meetings and other contacts, their decisions and follow-up actions, a
-- private calendar feed per user) and the register of local needs raised by municipalities,
-- linked to the activities that answer them. Multilingual texts are jsonb keyed by BCP 47 tag.

create table meeting (
  id uuid primary key default gen_random_uuid(),
  kind text not null check (kind in (
    'meeting', 'visit', 'call', 'correspondence', 'workshop', 'conference', 'session', 'other')),
  -- An instant; shown and exported in Europe/Belgrade. An all-day contact starts at local midnight.
  starts_at timestamptz not null,
  ends_at timestamptz,
  all_day boolean not null default false,
  title jsonb not null,
  minutes jsonb not null default '{}'::jsonb,
  public_summary jsonb not null default '{}'::jsonb,
  place_id uuid references place (id) on delete restrict,
  place_text text,
  topics text[] not null default '{}',
  -- Names, organisations and functions of people: personal data, read only by staff.
  participants jsonb not null default '[]'::jsonb,
  decisions jsonb not null default '[]'::jsonb,
  confidentiality text not null default 'internal' check (confidentiality in ('internal', 'public')),
  search_text text not null default '',
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by uuid,
  updated_by uuid,
  check (ends_at is null or ends_at >= starts_at)
);
create index meeting_starts_idx on meeting (starts_at, id);
create index meeting_place_idx on meeting (place_id);
create index meeting_search_idx on meeting using gin (search_text gin_trgm_ops);

create table meeting_organisation (
  meeting_id uuid not null references meeting (id) on delete cascade,
  organisation_id uuid not null references organisation (id) on delete restrict,
  position smallint not null default 0,
  primary key (meeting_id, organisation_id)
);
create index meeting_organisation_org_idx on meeting_organisation (organisation_id);

create table meeting_activity (
  meeting_id uuid not null references meeting (id) on delete cascade,
  activity_id uuid not null references activity (id) on delete cascade,
  primary key (meeting_id, activity_id)
);
create index meeting_activity_activity_idx on meeting_activity (activity_id);

create table follow_up_action (
  id uuid primary key default gen_random_uuid(),
  meeting_id uuid references meeting (id) on delete set null,
  decision_ref text,
  description jsonb not null,
  owner_user_id uuid references app_user (id) on delete set null,
  owner_organisation_id uuid references organisation (id) on delete restrict,
  due_on date,
  status text not null default 'open' check (status in ('open', 'in_progress', 'done', 'cancelled')),
  completed_at timestamptz,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by uuid,
  updated_by uuid,
  check ((status = 'done') = (completed_at is not null))
);
create index follow_up_action_meeting_idx on follow_up_action (meeting_id);
create index follow_up_action_due_idx on follow_up_action (status, due_on);
create index follow_up_action_owner_org_idx on follow_up_action (owner_organisation_id);
create index follow_up_action_owner_user_idx on follow_up_action (owner_user_id);

-- A read-only secret for one user's calendar feed URL; only its SHA-256 is kept.
create table calendar_token (
  user_id uuid primary key references app_user (id) on delete cascade,
  token_hash text not null unique,
  created_at timestamptz not null default now()
);

create table local_need (
  id uuid primary key default gen_random_uuid(),
  municipality_id uuid not null references place (id) on delete restrict,
  settlement_id uuid references place (id) on delete restrict,
  sector_vocabulary text not null check (sector_vocabulary in ('1', '2', '99')),
  sector_code text not null,
  title jsonb not null,
  description jsonb not null default '{}'::jsonb,
  priority smallint not null check (priority between 1 and 5),
  estimated_cost numeric(20, 2) check (estimated_cost >= 0),
  currency text check (currency ~ '^[A-Z]{3}$'),
  status text not null default 'raised' check (status in (
    'raised', 'under_review', 'planned', 'in_progress', 'met', 'rejected')),
  raised_on date not null,
  source_meeting_id uuid references meeting (id) on delete set null,
  publication_status text not null default 'draft'
    check (publication_status in ('draft', 'submitted', 'approved', 'published')),
  search_text text not null default '',
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by uuid,
  updated_by uuid,
  check ((estimated_cost is null) = (currency is null))
);
create index local_need_municipality_idx on local_need (municipality_id, status);
create index local_need_search_idx on local_need using gin (search_text gin_trgm_ops);

create table local_need_activity (
  need_id uuid not null references local_need (id) on delete cascade,
  activity_id uuid not null references activity (id) on delete cascade,
  note text,
  created_at timestamptz not null default now(),
  primary key (need_id, activity_id)
);
create index local_need_activity_activity_idx on local_need_activity (activity_id);
