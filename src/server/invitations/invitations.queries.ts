import type { Queryable } from '../db/db.js';
import type { Role } from '../auth/actor.js';

export interface InvitationRow {
  [key: string]: unknown;
  id: string;
  email: string;
  role: Role;
  organisation_id: string | null;
  municipality_id: string | null;
  locale: string;
  invited_by: string | null;
  created_at: string;
  expires_at: string;
  accepted_at: string | null;
}

const COLUMNS = `id, email, role, organisation_id, municipality_id, locale, invited_by, created_at,
  expires_at, accepted_at`;

export async function insertInvitation(
  db: Queryable,
  i: {
    tokenHash: string;
    email: string;
    role: Role;
    organisationId: string | null;
    municipalityId: string | null;
    locale: string;
    invitedBy: string;
    ttlSeconds: number;
  },
): Promise<InvitationRow> {
  const rows = await db.query<InvitationRow>(
    `insert into invitation
       (token_hash, email, role, organisation_id, municipality_id, locale, invited_by, expires_at)
     values ($1, $2, $3, $4, $5, $6, $7, now() + make_interval(secs => $8))
     returning ${COLUMNS}`,
    [
      i.tokenHash,
      i.email,
      i.role,
      i.organisationId,
      i.municipalityId,
      i.locale,
      i.invitedBy,
      i.ttlSeconds,
    ],
  );
  const row = rows[0];
  if (!row) throw new Error('insert into invitation returned no row');
  return row;
}

/** An open invitation: not accepted, not expired. */
export async function findOpenInvitation(
  db: Queryable,
  tokenHash: string,
): Promise<InvitationRow | null> {
  const rows = await db.query<InvitationRow>(
    `select ${COLUMNS} from invitation
      where token_hash = $1 and accepted_at is null and expires_at > now()`,
    [tokenHash],
  );
  return rows[0] ?? null;
}

/** Claims an open invitation; null when someone else claimed it first or it expired. */
export async function claimInvitation(db: Queryable, id: string): Promise<boolean> {
  const rows = await db.query(
    `update invitation set accepted_at = now()
      where id = $1 and accepted_at is null and expires_at > now() returning id`,
    [id],
  );
  return rows.length === 1;
}

export async function unclaimInvitation(db: Queryable, id: string): Promise<void> {
  await db.query('update invitation set accepted_at = null where id = $1', [id]);
}

export async function setInvitationUser(db: Queryable, id: string, userId: string): Promise<void> {
  await db.query('update invitation set user_id = $2 where id = $1', [id, userId]);
}

export async function listInvitations(db: Queryable): Promise<InvitationRow[]> {
  return db.query<InvitationRow>(
    `select ${COLUMNS} from invitation order by created_at desc, id limit 200`,
  );
}
