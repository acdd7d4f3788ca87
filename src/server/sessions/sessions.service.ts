import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { Actor } from '../auth/actor.js';
import { hashPassword, MIN_PASSWORD_LENGTH, verifyPassword } from '../auth/passwords.js';
import { requireSignedIn } from '../auth/permissions.js';
import type { Database } from '../db/db.js';
import { TooManyRequestsError, UnauthenticatedError, ValidationError } from '../errors.js';
import { findUserByEmail, type UserRow } from '../users/users.queries.js';
import {
  clearLoginFailures,
  countLoginFailures,
  deleteExpiredSessions,
  deleteSessionByHash,
  deleteUserSessions,
  findSessionUser,
  findUserById,
  insertSession,
  recordLoginFailure,
  touchSession,
  updateUserLocale,
  updateUserPassword,
} from './sessions.queries.js';

/** Sessions last eight hours from the last request: a working day. */
export const SESSION_TTL_SECONDS = 8 * 3600;
/** Five wrong passwords for one e-mail, or thirty from one address, within 15 minutes. */
export const LOGIN_WINDOW_SECONDS = 15 * 60;
export const MAX_FAILURES_PER_EMAIL = 5;
export const MAX_FAILURES_PER_CLIENT = 30;

export const UI_LOCALES = ['sq', 'sr-Latn', 'sr-Cyrl', 'en'] as const;
export type UiLocale = (typeof UI_LOCALES)[number];
export function isUiLocale(v: unknown): v is UiLocale {
  return typeof v === 'string' && (UI_LOCALES as readonly string[]).includes(v);
}

export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function newRandomToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Compares two secrets in constant time. */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export interface SessionInfo {
  id: string;
  csrfToken: string;
  actor: Actor;
  name: string | null;
  locale: UiLocale;
}

export function actorOf(u: UserRow): Actor {
  return {
    userId: u.id,
    email: u.email,
    role: u.role,
    organisationId: u.organisation_id,
    municipalityId: u.municipality_id,
  };
}

const SignIn = z.object({
  email: z.string().trim().min(1, 'enter your e-mail').max(320),
  password: z.string().min(1, 'enter your password').max(1000),
  client: z.string().max(100),
});

/**
 * Checks the password and opens a new session: a fresh random id on every sign-in, so a session
 * id planted before sign-in is worth nothing after it. Refuses while too many recent attempts
 * failed for the e-mail or the client address.
 */
export async function signIn(
  db: Database,
  input: { email: string; password: string; client: string },
): Promise<{ token: string; session: SessionInfo }> {
  const parsed = SignIn.safeParse(input);
  if (!parsed.success) {
    throw new ValidationError(
      parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    );
  }
  const { email, password, client } = parsed.data;
  const counts = await countLoginFailures(db, email, client, LOGIN_WINDOW_SECONDS);
  if (counts.by_email >= MAX_FAILURES_PER_EMAIL || counts.by_client >= MAX_FAILURES_PER_CLIENT) {
    const oldest =
      counts.by_email >= MAX_FAILURES_PER_EMAIL ? counts.oldest_email : counts.oldest_client;
    const since = oldest ? (Date.now() - Date.parse(oldest)) / 1000 : 0;
    const wait = Math.max(1, Math.ceil(LOGIN_WINDOW_SECONDS - since));
    throw new TooManyRequestsError(
      `Too many failed sign-ins; try again in ${Math.ceil(wait / 60)} minute(s).`,
      wait,
    );
  }
  const user = await findUserByEmail(db, email);
  const ok =
    user?.active && user.password_hash && (await verifyPassword(user.password_hash, password));
  if (!user || !ok) {
    await recordLoginFailure(db, email, client);
    throw new UnauthenticatedError('The e-mail or the password is wrong.');
  }
  await clearLoginFailures(db, email);
  await deleteExpiredSessions(db);
  const token = newRandomToken();
  const row = await insertSession(db, {
    tokenHash: hashSessionToken(token),
    userId: user.id,
    csrfToken: newRandomToken(),
    ttlSeconds: SESSION_TTL_SECONDS,
  });
  return {
    token,
    session: {
      id: row.id,
      csrfToken: row.csrf_token,
      actor: actorOf(user),
      name: user.name,
      locale: isUiLocale(user.locale) ? user.locale : 'sr-Latn',
    },
  };
}

/** The session a cookie's value opens, or null when it is unknown, expired or its user inactive. */
export async function resolveSession(db: Database, token: string): Promise<SessionInfo | null> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const row = await findSessionUser(db, hashSessionToken(token));
  if (!row) return null;
  if (row.session_stale) await touchSession(db, row.session_id, SESSION_TTL_SECONDS);
  return {
    id: row.session_id,
    csrfToken: row.csrf_token,
    actor: actorOf(row),
    name: row.name,
    locale: isUiLocale(row.locale) ? row.locale : 'sr-Latn',
  };
}

export async function signOut(db: Database, token: string): Promise<void> {
  await deleteSessionByHash(db, hashSessionToken(token));
}

const PasswordChange = z
  .object({
    current: z.string().min(1, 'enter your current password'),
    next: z
      .string()
      .min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`)
      .max(1000),
    repeat: z.string(),
  })
  .refine((p) => p.next === p.repeat, { path: ['repeat'], message: 'does not match' });

/** Changes the signed-in user's password and ends their other sessions. */
export async function changePassword(
  db: Database,
  actor: Actor | null,
  input: { current: string; next: string; repeat: string },
  keepSessionId: string | null,
): Promise<void> {
  const a = requireSignedIn(actor);
  const parsed = PasswordChange.safeParse(input);
  if (!parsed.success) {
    throw new ValidationError(
      parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    );
  }
  const user = await findUserById(db, a.userId);
  if (!user?.password_hash || !(await verifyPassword(user.password_hash, parsed.data.current))) {
    throw new ValidationError([{ path: 'current', message: 'is not your current password' }]);
  }
  const hash = await hashPassword(parsed.data.next);
  await db.transaction(async (tx) => {
    await updateUserPassword(tx, a.userId, hash);
    await deleteUserSessions(tx, a.userId, keepSessionId);
  });
}

/** Stores the interface language a signed-in user chose. */
export async function setUserLocale(
  db: Database,
  actor: Actor | null,
  locale: string,
): Promise<void> {
  const a = requireSignedIn(actor);
  if (!isUiLocale(locale)) {
    throw new ValidationError([
      { path: 'locale', message: `must be one of ${UI_LOCALES.join(', ')}` },
    ]);
  }
  await updateUserLocale(db, a.userId, locale);
}
