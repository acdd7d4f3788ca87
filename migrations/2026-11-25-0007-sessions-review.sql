-- The back office: browser sessions, the login rate limit, invitations, and the review trail of
-- activities (draft → submitted → approved → published, and back with a reason).

-- Sessions: only the SHA-256 of the cookie's value is stored; the CSRF token is per session.
create table app_session (
  id uuid primary key default gen_random_uuid(),
  token_hash text not null unique,
  user_id uuid not null references app_user (id) on delete cascade,
  csrf_token text not null,
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  expires_at timestamptz not null
);
create index app_session_user_idx on app_session (user_id);
create index app_session_expires_idx on app_session (expires_at);

-- Failed sign-ins, counted per e-mail and per client address over a window. Kept in the
-- database so that several app servers share the limit.
create table login_failure (
  id bigint generated always as identity primary key,
  email text not null,
  client text not null,
  at timestamptz not null default now()
);
create index login_failure_email_idx on login_failure (lower(email), at);
create index login_failure_client_idx on login_failure (client, at);

-- Invitations: an admin names the e-mail, role and scope; the invitee sets a password through a
-- link whose token is stored only as its SHA-256.
create table invitation (
  id uuid primary key default gen_random_uuid(),
  token_hash text not null unique,
  email text not null,
  role text not null check (role in (
    'admin', 'coordinator', 'municipality_editor', 'partner_editor', 'viewer')),
  organisation_id uuid references organisation (id) on delete cascade,
  municipality_id uuid references place (id) on delete cascade,
  locale text not null default 'sr-Latn',
  invited_by uuid references app_user (id) on delete set null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  accepted_at timestamptz,
  user_id uuid references app_user (id) on delete set null,
  check (role <> 'partner_editor' or organisation_id is not null),
  check (role <> 'municipality_editor' or municipality_id is not null)
);
create index invitation_email_idx on invitation (lower(email));

-- The review trail: each move of an activity's publication status, with who, when and why.
create table review_event (
  id bigint generated always as identity primary key,
  activity_id uuid not null references activity (id) on delete cascade,
  action text not null check (action in ('submit', 'approve', 'publish', 'return')),
  from_status text not null,
  to_status text not null,
  reason text,
  user_id uuid references app_user (id) on delete set null,
  at timestamptz not null default now()
);
create index review_event_activity_idx on review_event (activity_id, id);
