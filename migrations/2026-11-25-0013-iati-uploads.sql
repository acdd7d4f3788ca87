-- An IATI file uploaded through the back office: kept here between its dry-run preview and the
-- confirmed import, so that any app server can carry on (none keeps it in memory). The row also
-- carries the import's progress, which the page polls, and its final report.
create table iati_upload (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references app_user (id) on delete cascade,
  file_name text,
  content bytea not null,
  bytes bigint not null,
  strict boolean not null default false,
  state text not null default 'previewed'
    check (state in ('previewed', 'running', 'committed', 'rejected', 'failed')),
  preview jsonb not null,
  result jsonb,
  progress_activities integer not null default 0,
  progress_bytes bigint not null default 0,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index iati_upload_user_idx on iati_upload (user_id, created_at desc);
