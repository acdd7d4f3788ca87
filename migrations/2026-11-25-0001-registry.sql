-- The partnership registry: codelists, places, organisations, activities and their
-- partnerships, locations, sectors, policy markers, tags and document links; users and tokens;
-- the audit trail. Multilingual texts are jsonb objects keyed by BCP 47 tag ({"sq": …, "en": …}).

create extension if not exists pg_trgm;

-- Codelists (IATI 2.03 and the office's own), versioned by the source they were loaded from.
create table codelist (
  name text primary key,
  version text not null,
  embedded boolean not null,
  complete boolean not null default true,
  source text not null,
  loaded_at timestamptz not null default now()
);

create table codelist_item (
  codelist text not null references codelist (name) on delete cascade,
  code text not null,
  name jsonb not null default '{}'::jsonb,
  description jsonb not null default '{}'::jsonb,
  category text,
  status text not null default 'active' check (status in ('active', 'withdrawn')),
  extra jsonb not null default '{}'::jsonb,
  primary key (codelist, code)
);

-- The gazetteer: country > district > municipality > settlement.
create table place (
  id uuid primary key default gen_random_uuid(),
  kind text not null check (kind in ('country', 'district', 'municipality', 'settlement')),
  code text not null,
  parent_id uuid references place (id) on delete restrict,
  names jsonb not null,
  focus boolean not null default false,
  lat double precision check (lat between -90 and 90),
  lon double precision check (lon between -180 and 180),
  geometry jsonb,
  population integer check (population >= 0),
  attributes jsonb not null default '{}'::jsonb,
  search_text text not null default '',
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (kind, code),
  check ((lat is null) = (lon is null)),
  check (kind = 'country' or parent_id is not null)
);
create index place_parent_idx on place (parent_id);
create index place_search_idx on place using gin (search_text gin_trgm_ops);

create table organisation (
  id uuid primary key default gen_random_uuid(),
  names jsonb not null,
  acronym text,
  iati_ref text,
  iati_type text,
  country text,
  kind text not null check (kind in (
    'national_government', 'coordination_body', 'municipality', 'multilateral', 'eu',
    'osce', 'bilateral_donor', 'ngo', 'private', 'other')),
  parent_id uuid references organisation (id) on delete restrict,
  place_id uuid references place (id) on delete restrict,
  website text,
  contacts jsonb not null default '[]'::jsonb,
  publication_status text not null default 'draft'
    check (publication_status in ('draft', 'submitted', 'approved', 'published')),
  illustrative boolean not null default false,
  search_text text not null default '',
  sort_key text not null default '',
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by uuid,
  updated_by uuid,
  check (parent_id is null or parent_id <> id)
);
create unique index organisation_iati_ref_key on organisation (iati_ref) where iati_ref is not null;
create index organisation_parent_idx on organisation (parent_id);
create index organisation_place_idx on organisation (place_id);
create index organisation_search_idx on organisation using gin (search_text gin_trgm_ops);
create index organisation_sort_idx on organisation (sort_key, id);

-- Programmes, projects and sub-projects are all activities: hierarchy 1, 2, 3 with a parent.
create table activity (
  id uuid primary key default gen_random_uuid(),
  iati_identifier text,
  parent_id uuid references activity (id) on delete restrict,
  hierarchy smallint not null default 2 check (hierarchy between 1 and 5),
  title jsonb not null,
  description jsonb not null default '{}'::jsonb,
  other_descriptions jsonb not null default '[]'::jsonb,
  status text,
  planned_start date,
  actual_start date,
  planned_end date,
  actual_end date,
  scope text,
  default_currency text,
  reporting_org_id uuid references organisation (id) on delete restrict,
  collaboration_type text,
  default_flow_type text,
  default_finance_type text,
  default_aid_types jsonb not null default '[]'::jsonb,
  default_tied_status text,
  humanitarian boolean,
  illustrative boolean not null default false,
  publication_status text not null default 'draft'
    check (publication_status in ('draft', 'submitted', 'approved', 'published')),
  search_text text not null default '',
  sort_key text not null default '',
  start_year smallint,
  end_year smallint,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by uuid,
  updated_by uuid,
  check (parent_id is null or parent_id <> id),
  check (planned_end is null or planned_start is null or planned_end >= planned_start),
  check (actual_end is null or actual_start is null or actual_end >= actual_start)
);
create unique index activity_iati_identifier_key on activity (iati_identifier)
  where iati_identifier is not null;
create index activity_parent_idx on activity (parent_id);
create index activity_search_idx on activity using gin (search_text gin_trgm_ops);
create index activity_sort_idx on activity (sort_key, id);
create index activity_years_idx on activity (start_year, end_year);
create index activity_status_idx on activity (status);
create index activity_publication_idx on activity (publication_status);

-- Partnerships: IATI roles (funding, accountable, extending, implementing) and the office's own
-- co-financing and beneficiary roles.
create table activity_participant (
  id uuid primary key default gen_random_uuid(),
  activity_id uuid not null references activity (id) on delete cascade,
  organisation_id uuid not null references organisation (id) on delete restrict,
  role text not null check (role in (
    'funding', 'accountable', 'extending', 'implementing', 'co_financing', 'beneficiary')),
  iati_activity_ref text,
  position smallint not null default 0,
  unique (activity_id, organisation_id, role)
);
create index activity_participant_org_idx on activity_participant (organisation_id, role);

create table activity_location (
  id uuid primary key default gen_random_uuid(),
  activity_id uuid not null references activity (id) on delete cascade,
  place_id uuid references place (id) on delete restrict,
  lat double precision check (lat between -90 and 90),
  lon double precision check (lon between -180 and 180),
  name jsonb not null default '{}'::jsonb,
  percentage numeric(7, 4) check (percentage >= 0 and percentage <= 100),
  position smallint not null default 0,
  check (place_id is not null or lat is not null),
  check ((lat is null) = (lon is null))
);
create index activity_location_activity_idx on activity_location (activity_id);
create index activity_location_place_idx on activity_location (place_id);

create table activity_sector (
  activity_id uuid not null references activity (id) on delete cascade,
  vocabulary text not null,
  code text not null,
  percentage numeric(7, 4) check (percentage >= 0 and percentage <= 100),
  position smallint not null default 0,
  primary key (activity_id, vocabulary, code)
);
create index activity_sector_code_idx on activity_sector (vocabulary, code);

create table activity_policy_marker (
  activity_id uuid not null references activity (id) on delete cascade,
  vocabulary text not null default '1',
  code text not null,
  significance text,
  primary key (activity_id, vocabulary, code)
);

create table activity_tag (
  activity_id uuid not null references activity (id) on delete cascade,
  vocabulary text not null,
  code text not null,
  primary key (activity_id, vocabulary, code)
);

-- Budgets as the partners report them (IATI budget): kept in the currency given.
create table activity_budget (
  id uuid primary key default gen_random_uuid(),
  activity_id uuid not null references activity (id) on delete cascade,
  type text not null default '1' check (type in ('1', '2')),
  status text not null default '1' check (status in ('1', '2')),
  period_start date not null,
  period_end date not null,
  value numeric(20, 2) not null check (value >= 0),
  currency text not null,
  value_date date not null,
  note text,
  position smallint not null default 0,
  check (period_end >= period_start)
);
create index activity_budget_activity_idx on activity_budget (activity_id);

-- Links to documents on the web (facts' sources, reports); uploaded files come later.
create table document_link (
  id uuid primary key default gen_random_uuid(),
  activity_id uuid references activity (id) on delete cascade,
  organisation_id uuid references organisation (id) on delete cascade,
  url text not null,
  title jsonb not null default '{}'::jsonb,
  category text,
  format text,
  language text,
  document_date date,
  note text,
  position smallint not null default 0,
  check ((activity_id is null) <> (organisation_id is null))
);
create index document_link_activity_idx on document_link (activity_id);
create index document_link_organisation_idx on document_link (organisation_id);

create table app_user (
  id uuid primary key default gen_random_uuid(),
  email text not null,
  name text,
  password_hash text,
  role text not null check (role in (
    'admin', 'coordinator', 'municipality_editor', 'partner_editor', 'viewer')),
  organisation_id uuid references organisation (id) on delete restrict,
  municipality_id uuid references place (id) on delete restrict,
  locale text not null default 'sr-Latn',
  active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (role <> 'partner_editor' or organisation_id is not null),
  check (role <> 'municipality_editor' or municipality_id is not null)
);
create unique index app_user_email_key on app_user (lower(email));

create table api_token (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references app_user (id) on delete cascade,
  name text not null default '',
  token_hash text not null unique,
  prefix text not null,
  created_at timestamptz not null default now(),
  last_used_at timestamptz,
  expires_at timestamptz,
  revoked_at timestamptz
);
create index api_token_user_idx on api_token (user_id);

-- Every change: who, when, what, before and after.
create table audit_event (
  id bigint generated always as identity primary key,
  at timestamptz not null default now(),
  user_id uuid,
  entity text not null,
  entity_id uuid not null,
  action text not null check (action in ('create', 'update', 'delete')),
  version integer,
  before jsonb,
  after jsonb
);
create index audit_event_entity_idx on audit_event (entity, entity_id, id);
