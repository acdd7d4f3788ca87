import type { Queryable } from '../db/db.js';
import type { UserRow } from '../users/users.queries.js';

export interface SessionRow {
  [key: string]: unknown;
  id: string;
  user_id: string;
  csrf_token: string;
  expires_at: string;
  last_seen_at: string;
}

export async function insertSession(
  db: Queryable,
  s: { tokenHash: string; userId: string; csrfToken: string; ttlSeconds: number },
): Promise<SessionRow> {
  const rows = await db.query<SessionRow>(
    `insert into app_session (token_hash, user_id, csrf_token, expires_at)
     values ($1, $2, $3, now() + make_interval(secs => $4))
     returning id, user_id, csrf_token, expires_at, last_seen_at`,
    [s.tokenHash, s.userId, s.csrfToken, s.ttlSeconds],
  );
  const row = rows[0];
  if (!row) throw new Error('insert into app_session returned no row');
  return row;
}

export type SessionUserRow = UserRow & {
  session_id: string;
  csrf_token: string;
  session_stale: boolean;
};

/** The live session with this hash and its active user, or null. */
export async function findSessionUser(
  db: Queryable,
  tokenHash: string,
): Promise<SessionUserRow | null> {
  const rows = await db.query<SessionUserRow>(
    `select u.*, s.id as session_id, s.csrf_token,
            (s.last_seen_at < now() - interval '5 minutes') as session_stale
       from app_session s join app_user u on u.id = s.user_id
      where s.token_hash = $1 and s.expires_at > now() and u.active`,
    [tokenHash],
  );
  return rows[0] ?? null;
}

/** Sliding expiry, written at most every five minutes so that reads do not each cost a write. */
export async function touchSession(db: Queryable, id: string, ttlSeconds: number): Promise<void> {
  await db.query(
    `update app_session set last_seen_at = now(), expires_at = now() + make_interval(secs => $2)
      where id = $1`,
    [id, ttlSeconds],
  );
}

export async function deleteSessionByHash(db: Queryable, tokenHash: string): Promise<void> {
  await db.query('delete from app_session where token_hash = $1', [tokenHash]);
}

export async function deleteUserSessions(
  db: Queryable,
  userId: string,
  exceptId: string | null,
): Promise<void> {
  await db.query('delete from app_session where user_id = $1 and id is distinct from $2', [
    userId,
    exceptId,
  ]);
}

export async function deleteExpiredSessions(db: Queryable): Promise<void> {
  await db.query('delete from app_session where expires_at < now()');
}

export async function recordLoginFailure(
  db: Queryable,
  email: string,
  client: string,
): Promise<void> {
  await db.query('insert into login_failure (email, client) values ($1, $2)', [email, client]);
}

export interface FailureCounts {
  [key: string]: unknown;
  by_email: number;
  by_client: number;
  oldest_email: string | null;
  oldest_client: string | null;
}

export async function countLoginFailures(
  db: Queryable,
  email: string,
  client: string,
  windowSeconds: number,
): Promise<FailureCounts> {
  const rows = await db.query<FailureCounts>(
    `select
        count(*) filter (where lower(email) = lower($1))::int as by_email,
        count(*) filter (where client = $2)::int as by_client,
        min(at) filter (where lower(email) = lower($1)) as oldest_email,
        min(at) filter (where client = $2) as oldest_client
       from login_failure
      where at > now() - make_interval(secs => $3)
        and (lower(email) = lower($1) or client = $2)`,
    [email, client, windowSeconds],
  );
  return rows[0] ?? { by_email: 0, by_client: 0, oldest_email: null, oldest_client: null };
}

export async function clearLoginFailures(db: Queryable, email: string): Promise<void> {
  await db.query('delete from login_failure where lower(email) = lower($1)', [email]);
}

export async function updateUserPassword(
  db: Queryable,
  userId: string,
  passwordHash: string,
): Promise<void> {
  await db.query('update app_user set password_hash = $2, updated_at = now() where id = $1', [
    userId,
    passwordHash,
  ]);
}

export async function updateUserLocale(
  db: Queryable,
  userId: string,
  locale: string,
): Promise<void> {
  await db.query('update app_user set locale = $2, updated_at = now() where id = $1', [
    userId,
    locale,
  ]);
}

export async function findUserById(db: Queryable, id: string): Promise<UserRow | null> {
  const rows = await db.query<UserRow>('select * from app_user where id = $1', [id]);
  return rows[0] ?? null;
}
