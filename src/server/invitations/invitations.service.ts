import { z } from 'zod';
import { ROLES, type Actor } from '../auth/actor.js';
import { MIN_PASSWORD_LENGTH } from '../auth/passwords.js';
import { requireRole } from '../auth/permissions.js';
import type { Database } from '../db/db.js';
import { ConflictError, NotFoundError, ValidationError } from '../errors.js';
import { hashSessionToken, newRandomToken, UI_LOCALES } from '../sessions/sessions.service.js';
import { updateUserLocale } from '../sessions/sessions.queries.js';
import { findUserByEmail } from '../users/users.queries.js';
import { createUser, resolveUserScope, type PublicUser } from '../users/users.service.js';
import {
  claimInvitation,
  findOpenInvitation,
  insertInvitation,
  listInvitations,
  setInvitationUser,
  unclaimInvitation,
  type InvitationRow,
} from './invitations.queries.js';

/** An invitation stays open for a week. */
export const INVITATION_TTL_SECONDS = 7 * 24 * 3600;

export const InvitationCreate = z.object({
  email: z.string().trim().pipe(z.email()),
  role: z.enum(ROLES),
  organisation: z.string().trim().min(1).nullable().default(null),
  municipality: z.string().trim().min(1).nullable().default(null),
  locale: z.enum(UI_LOCALES).default('sr-Latn'),
});
export type InvitationCreateInput = z.input<typeof InvitationCreate>;

export const InvitationAccept = z.object({
  name: z.string().trim().min(1, 'enter your name').max(200),
  password: z
    .string()
    .min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`)
    .max(1000),
});

export const InvitationOut = z.object({
  id: z.string(),
  email: z.string(),
  role: z.enum(ROLES),
  organisation_id: z.string().nullable(),
  municipality_id: z.string().nullable(),
  locale: z.string(),
  created_at: z.string(),
  expires_at: z.string(),
  accepted_at: z.string().nullable(),
});
export type InvitationOut = z.infer<typeof InvitationOut>;

function present(r: InvitationRow): InvitationOut {
  return {
    id: r.id,
    email: r.email,
    role: r.role,
    organisation_id: r.organisation_id,
    municipality_id: r.municipality_id,
    locale: r.locale,
    created_at: r.created_at,
    expires_at: r.expires_at,
    accepted_at: r.accepted_at,
  };
}

function issuesOf(err: z.ZodError) {
  return err.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}

/** The path of the page where an invitee sets their password. */
export function invitationPath(token: string): string {
  return `/office/invitation/${token}`;
}

/**
 * An admin invites a person by e-mail with a role and scope. Returns the token once: only its
 * hash is stored, so the link can be shown to the admin now and never again.
 */
export async function inviteUser(
  db: Database,
  actor: Actor | null,
  input: InvitationCreateInput,
): Promise<{ invitation: InvitationOut; token: string; path: string }> {
  const a = requireRole(actor, ['admin'], 'invite users');
  const parsed = InvitationCreate.safeParse(input);
  if (!parsed.success) throw new ValidationError(issuesOf(parsed.error));
  const i = parsed.data;
  if (await findUserByEmail(db, i.email)) {
    throw new ValidationError([
      { path: 'email', message: `a user with e-mail ${i.email} already exists` },
    ]);
  }
  const scope = await resolveUserScope(db, i);
  const token = newRandomToken();
  const row = await insertInvitation(db, {
    tokenHash: hashSessionToken(token),
    email: i.email,
    role: i.role,
    organisationId: scope.organisationId,
    municipalityId: scope.municipalityId,
    locale: i.locale,
    invitedBy: a.userId,
    ttlSeconds: INVITATION_TTL_SECONDS,
  });
  return { invitation: present(row), token, path: invitationPath(token) };
}

export async function listAllInvitations(
  db: Database,
  actor: Actor | null,
): Promise<InvitationOut[]> {
  requireRole(actor, ['admin'], 'list invitations');
  return (await listInvitations(db)).map(present);
}

/** The open invitation behind a link, for the page that accepts it. */
export async function openInvitation(db: Database, token: string): Promise<InvitationOut> {
  const row = /^[A-Za-z0-9_-]{43}$/.test(token)
    ? await findOpenInvitation(db, hashSessionToken(token))
    : null;
  if (!row) throw new NotFoundError('Invitation', 'behind this link (used or expired)');
  return present(row);
}

/** The invitee sets their name and password; the account gets the invitation's role and scope. */
export async function acceptInvitation(
  db: Database,
  token: string,
  input: { name: string; password: string },
): Promise<PublicUser> {
  const parsed = InvitationAccept.safeParse(input);
  if (!parsed.success) throw new ValidationError(issuesOf(parsed.error));
  const inv = await openInvitation(db, token);
  if (!(await claimInvitation(db, inv.id))) {
    throw new ConflictError('This invitation was used or has expired.');
  }
  try {
    const user = await createUser(db, {
      email: inv.email,
      name: parsed.data.name,
      password: parsed.data.password,
      role: inv.role,
      organisation: inv.organisation_id,
      municipality: inv.municipality_id,
    });
    await updateUserLocale(db, user.id, inv.locale);
    await setInvitationUser(db, inv.id, user.id);
    return { ...user, locale: inv.locale };
  } catch (e) {
    await unclaimInvitation(db, inv.id);
    throw e;
  }
}
