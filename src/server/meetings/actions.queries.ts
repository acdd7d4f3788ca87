import type { Queryable } from '../db/db.js';
import type { Cursor } from '../shared/cursor.js';
import type { ActionStatus } from './meetings.vocabulary.js';

export interface ActionRow {
  [key: string]: unknown;
  id: string;
  meeting_id: string | null;
  meeting_title: Record<string, string> | null;
  decision_ref: string | null;
  description: Record<string, string>;
  owner_user_id: string | null;
  owner_user_email: string | null;
  owner_organisation_id: string | null;
  owner_organisation_name: Record<string, string> | null;
  due_on: string | null;
  status: ActionStatus;
  completed_at: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

const SELECT = `select f.id, f.meeting_id, m.title as meeting_title, f.decision_ref, f.description,
    f.owner_user_id, u.email as owner_user_email, f.owner_organisation_id,
    o.names as owner_organisation_name, f.due_on, f.status, f.completed_at, f.version,
    f.created_at, f.updated_at
  from follow_up_action f
  left join meeting m on m.id = f.meeting_id
  left join app_user u on u.id = f.owner_user_id
  left join organisation o on o.id = f.owner_organisation_id`;

export async function findActionById(db: Queryable, id: string): Promise<ActionRow | null> {
  const rows = await db.query<ActionRow>(`${SELECT} where f.id = $1`, [id]);
  return rows[0] ?? null;
}

export interface ActionWrite {
  meeting_id: string | null;
  decision_ref: string | null;
  description: Record<string, string>;
  owner_user_id: string | null;
  owner_organisation_id: string | null;
  due_on: string | null;
  status: ActionStatus;
  /** Set when the action becomes done, kept while it stays done, cleared otherwise. */
  completed_at: string | null;
}

function values(w: ActionWrite): unknown[] {
  return [
    w.meeting_id,
    w.decision_ref,
    JSON.stringify(w.description),
    w.owner_user_id,
    w.owner_organisation_id,
    w.due_on,
    w.status,
    w.completed_at,
  ];
}

export async function insertAction(
  db: Queryable,
  w: ActionWrite,
  userId: string | null,
): Promise<string> {
  const rows = await db.query<{ id: string }>(
    `insert into follow_up_action (meeting_id, decision_ref, description, owner_user_id,
       owner_organisation_id, due_on, status, completed_at, created_by, updated_by)
     values ($1, $2, $3::jsonb, $4, $5, $6, $7, $8, $9, $9) returning id`,
    [...values(w), userId],
  );
  const row = rows[0];
  if (!row) throw new Error('insert into follow_up_action returned no row');
  return row.id;
}

export async function updateAction(
  db: Queryable,
  id: string,
  expectedVersion: number,
  w: ActionWrite,
  userId: string | null,
): Promise<boolean> {
  const rows = await db.query<{ id: string }>(
    `update follow_up_action set meeting_id = $1, decision_ref = $2, description = $3::jsonb,
       owner_user_id = $4, owner_organisation_id = $5, due_on = $6, status = $7, completed_at = $8,
       updated_by = $9, updated_at = now(), version = version + 1
     where id = $10 and version = $11 returning id`,
    [...values(w), userId, id, expectedVersion],
  );
  return rows.length > 0;
}

export async function deleteAction(db: Queryable, id: string): Promise<void> {
  await db.query('delete from follow_up_action where id = $1', [id]);
}

/** Whose actions a reader sees: all, or those owned by them, their organisations or municipality. */
export type ActionVisibility =
  | { kind: 'all' }
  | {
      kind: 'scoped';
      userId: string;
      organisationIds: string[];
      municipalityId: string | null;
    };

export interface ActionFilter {
  visibility: ActionVisibility;
  /** Today in Europe/Belgrade: an action due before it and not finished is overdue. */
  today: string;
  view: 'all' | 'open' | 'overdue';
  statuses: ActionStatus[] | null;
  ownerUserId: string | null;
  ownerOrganisationIds: string[] | null;
  meetingId: string | null;
  cursor: Cursor | null;
  limit: number;
}

function scopeSql(v: ActionVisibility, p: (v: unknown) => string): string | null {
  if (v.kind === 'all') return null;
  const ors = [`f.owner_user_id = ${p(v.userId)}`];
  if (v.organisationIds.length)
    ors.push(`f.owner_organisation_id = any(${p(v.organisationIds)}::uuid[])`);
  if (v.municipalityId) ors.push(`o.place_id = ${p(v.municipalityId)}`);
  return `(${ors.join(' or ')})`;
}

/** Ordered by due date (none last), then id; the cursor's key is the due date or '9999-12-31'. */
export async function listActions(db: Queryable, f: ActionFilter): Promise<ActionRow[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  const scope = scopeSql(f.visibility, p);
  if (scope) where.push(scope);
  if (f.view === 'open' || f.view === 'overdue') where.push(`f.status in ('open', 'in_progress')`);
  if (f.view === 'overdue') where.push(`f.due_on < ${p(f.today)}::date`);
  if (f.statuses) where.push(`f.status = any(${p(f.statuses)}::text[])`);
  if (f.ownerUserId) where.push(`f.owner_user_id = ${p(f.ownerUserId)}`);
  if (f.ownerOrganisationIds)
    where.push(`f.owner_organisation_id = any(${p(f.ownerOrganisationIds)}::uuid[])`);
  if (f.meetingId) where.push(`f.meeting_id = ${p(f.meetingId)}`);
  if (f.cursor)
    where.push(
      `(coalesce(f.due_on, '9999-12-31'::date), f.id) > (${p(f.cursor.k)}::date, ${p(f.cursor.id)}::uuid)`,
    );
  const sql = `${SELECT}
    ${where.length ? 'where ' + where.join(' and ') : ''}
    order by coalesce(f.due_on, '9999-12-31'::date), f.id limit ${p(f.limit + 1)}`;
  return db.query<ActionRow>(sql, params);
}

export interface OwnerCountRow {
  [key: string]: unknown;
  owner_id: string | null;
  label: unknown;
  open: number;
  overdue: number;
}

/** Unfinished actions per owning organisation and per owning user, with how many are overdue. */
export async function countOpenActionsByOwner(
  db: Queryable,
  visibility: ActionVisibility,
  today: string,
): Promise<{ organisations: OwnerCountRow[]; users: OwnerCountRow[] }> {
  const params: unknown[] = [];
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  const t = p(today);
  const scope = scopeSql(visibility, p);
  const base = `from follow_up_action f
    left join app_user u on u.id = f.owner_user_id
    left join organisation o on o.id = f.owner_organisation_id
    where f.status in ('open', 'in_progress') ${scope ? 'and ' + scope : ''}`;
  const counts = `count(*)::int as open, (count(*) filter (where f.due_on < ${t}::date))::int as overdue`;
  const organisations = await db.query<OwnerCountRow>(
    `select f.owner_organisation_id as owner_id, o.names as label, ${counts} ${base}
      group by f.owner_organisation_id, o.names`,
    params,
  );
  const users = await db.query<OwnerCountRow>(
    `select f.owner_user_id as owner_id, u.email as label, ${counts} ${base}
      group by f.owner_user_id, u.email`,
    params,
  );
  return { organisations, users };
}
