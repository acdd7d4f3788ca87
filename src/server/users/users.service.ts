import { z } from 'zod';
import type { Database } from '../db/db.js';
import { ROLES, type Role } from '../auth/actor.js';
import { hashPassword, MIN_PASSWORD_LENGTH } from '../auth/passwords.js';
import { newToken } from '../auth/tokens.js';
import { NotFoundError, ValidationError } from '../errors.js';
import { findPlaceByKindCode, findPlaceById } from '../places/places.queries.js';
import { findOrganisationByRefOrId } from '../organisations/organisations.queries.js';
import { findUserByEmail, insertToken, insertUser, type UserRow } from './users.queries.js';

export const NewUserInput = z.object({
  email: z.string().trim().pipe(z.email()),
  name: z.string().trim().min(1).max(200).nullable().default(null),
  password: z
    .string()
    .min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`),
  role: z.enum(ROLES),
  organisation: z.string().trim().min(1).nullable().default(null),
  municipality: z.string().trim().min(1).nullable().default(null),
});
export type NewUserInput = z.input<typeof NewUserInput>;

export type PublicUser = Omit<UserRow, 'password_hash'>;

function publicUser(u: UserRow): PublicUser {
  const { password_hash: _hidden, ...rest } = u;
  return rest;
}

/** The organisation or municipality a role is scoped to, checked against the role. */
export async function resolveUserScope(
  db: Database,
  u: { role: Role; organisation: string | null; municipality: string | null },
): Promise<{ organisationId: string | null; municipalityId: string | null }> {
  let organisationId: string | null = null;
  let municipalityId: string | null = null;
  if (u.role === 'partner_editor') {
    if (!u.organisation) {
      throw new ValidationError([
        { path: 'organisation', message: 'a partner editor needs an organisation' },
      ]);
    }
    const org = await findOrganisationByRefOrId(db, u.organisation);
    if (!org) throw new NotFoundError('Organisation', u.organisation);
    organisationId = org.id;
  } else if (u.organisation) {
    throw new ValidationError([
      { path: 'organisation', message: `only a partner editor has an organisation scope` },
    ]);
  }
  if (u.role === 'municipality_editor') {
    if (!u.municipality) {
      throw new ValidationError([
        { path: 'municipality', message: 'a municipality editor needs a municipality' },
      ]);
    }
    const place =
      (await findPlaceByKindCode(db, 'municipality', u.municipality)) ??
      (/^[0-9a-f-]{36}$/i.test(u.municipality) ? await findPlaceById(db, u.municipality) : null);
    if (place?.kind !== 'municipality') throw new NotFoundError('Municipality', u.municipality);
    municipalityId = place.id;
  } else if (u.municipality) {
    throw new ValidationError([
      { path: 'municipality', message: 'only a municipality editor has a municipality scope' },
    ]);
  }
  return { organisationId, municipalityId };
}

/** Creates a user; partner editors are scoped to an organisation, municipality editors to one. */
export async function createUser(db: Database, input: NewUserInput): Promise<PublicUser> {
  const parsed = NewUserInput.safeParse(input);
  if (!parsed.success) {
    throw new ValidationError(
      parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    );
  }
  const u = parsed.data;
  const { organisationId, municipalityId } = await resolveUserScope(db, u);
  if (await findUserByEmail(db, u.email)) {
    throw new ValidationError([
      { path: 'email', message: `a user with e-mail ${u.email} already exists` },
    ]);
  }
  const row = await insertUser(db, {
    email: u.email,
    name: u.name,
    passwordHash: await hashPassword(u.password),
    role: u.role,
    organisationId,
    municipalityId,
  });
  return publicUser(row);
}

export async function createToken(
  db: Database,
  email: string,
  opts: { name?: string; expiresAt?: string | null } = {},
): Promise<{ token: string; id: string; user: PublicUser }> {
  const user = await findUserByEmail(db, email);
  if (!user) throw new NotFoundError('User', email);
  const t = newToken();
  const row = await insertToken(db, {
    userId: user.id,
    name: opts.name ?? '',
    hash: t.hash,
    prefix: t.prefix,
    expiresAt: opts.expiresAt ?? null,
  });
  return { token: t.token, id: row.id, user: publicUser(user) };
}
