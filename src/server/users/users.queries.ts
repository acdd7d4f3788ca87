import type { Queryable } from '../db/db.js';
import type { Role } from '../auth/actor.js';

export type UserRow = {
  id: string;
  email: string;
  name: string | null;
  password_hash: string | null;
  role: Role;
  organisation_id: string | null;
  municipality_id: string | null;
  locale: string;
  active: boolean;
  created_at: string;
};

export async function findUserByEmail(db: Queryable, email: string): Promise<UserRow | null> {
  const rows = await db.query<UserRow>('select * from app_user where lower(email) = lower($1)', [
    email,
  ]);
  return rows[0] ?? null;
}

export async function insertUser(
  db: Queryable,
  u: {
    email: string;
    name: string | null;
    passwordHash: string | null;
    role: Role;
    organisationId: string | null;
    municipalityId: string | null;
  },
): Promise<UserRow> {
  const rows = await db.query<UserRow>(
    `insert into app_user (email, name, password_hash, role, organisation_id, municipality_id)
     values ($1, $2, $3, $4, $5, $6) returning *`,
    [u.email, u.name, u.passwordHash, u.role, u.organisationId, u.municipalityId],
  );
  const row = rows[0];
  if (!row) throw new Error('insert into app_user returned no row');
  return row;
}

export async function insertToken(
  db: Queryable,
  t: { userId: string; name: string; hash: string; prefix: string; expiresAt: string | null },
): Promise<{ id: string; created_at: string }> {
  const rows = await db.query<{ id: string; created_at: string }>(
    `insert into api_token (user_id, name, token_hash, prefix, expires_at)
     values ($1, $2, $3, $4, $5) returning id, created_at`,
    [t.userId, t.name, t.hash, t.prefix, t.expiresAt],
  );
  const row = rows[0];
  if (!row) throw new Error('insert into api_token returned no row');
  return row;
}

export async function findActiveTokenUser(db: Queryable, hash: string): Promise<UserRow | null> {
  const rows = await db.query<UserRow & { token_id: string; stale: boolean }>(
    `select u.*, t.id as token_id,
            (t.last_used_at is null or t.last_used_at < now() - interval '1 minute') as stale
       from api_token t join app_user u on u.id = t.user_id
      where t.token_hash = $1 and u.active
        and t.revoked_at is null and (t.expires_at is null or t.expires_at > now())`,
    [hash],
  );
  const row = rows[0];
  if (!row) return null;
  // Record use at most once a minute, so reads do not each cost a write.
  if (row.stale) {
    await db.query('update api_token set last_used_at = now() where id = $1', [row.token_id]);
  }
  return row;
}
