-- Documents: files attached to an organisation, activity, result or meeting. The file itself is
-- in the file store (a files directory or an S3-compatible bucket), addressed by its SHA-256;
-- this table holds its metadata. Owners are checked by the application (a meeting table comes
-- later), so owner_id has no foreign key.
create table document_file (
  id uuid primary key default gen_random_uuid(),
  owner_type text not null check (owner_type in ('organisation', 'activity', 'result', 'meeting')),
  owner_id uuid not null,
  title jsonb not null default '{}'::jsonb,
  category text,
  languages text[] not null default '{}',
  document_date date,
  file_name text not null,
  content_type text not null,
  size bigint not null check (size >= 0),
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  storage_key text not null,
  version integer not null default 1,
  created_by uuid,
  created_at timestamptz not null default now(),
  updated_by uuid,
  updated_at timestamptz not null default now()
);
create index document_file_owner_idx on document_file (owner_type, owner_id, created_at);
create index document_file_sha_idx on document_file (sha256);

-- Results: an indicator's unit of measure as written, and the normalised key that decides which
-- indicators add up across projects ("km", "people", "schools").
alter table result_indicator
  add column unit text,
  add column unit_key text;
create index result_indicator_unit_key_idx on result_indicator (unit_key) where unit_key is not null;

alter table activity_result
  add column version integer not null default 1,
  add column updated_at timestamptz not null default now();
