import type { Actor } from '../auth/actor.js';
import { isStaff } from '../auth/actor.js';
import { requireRole, requireSignedIn } from '../auth/permissions.js';
import { recordAudit } from '../audit/audit.queries.js';
import type { Database, Queryable } from '../db/db.js';
import { ForbiddenError, NotFoundError, ValidationError, type FieldIssue } from '../errors.js';
import { staleVersion } from '../organisations/organisations.service.js';
import { decodeCursor, encodeCursor } from '../shared/cursor.js';
import type { Page } from '../shared/schemas.js';
import { normaliseNarratives, withDerivedScripts } from '../text/index.js';
import {
  countOpenActionsByOwner,
  deleteAction,
  findActionById,
  insertAction,
  listActions,
  updateAction,
  type ActionRow,
  type ActionVisibility,
  type ActionWrite,
} from './actions.queries.js';
import { belgradeDate, daysBetween } from './belgrade-time.js';
import { actorOrganisations } from './meetings.access.js';
import { existingIds, findMeetingById } from './meetings.queries.js';
import type { ActionCreate, ActionListQuery, ActionOut, ActionUpdate } from './meetings.schemas.js';
import { organisationSubtree } from '../organisations/organisations.queries.js';

/** Options a caller may pass to fix "now" (tests, and reports run for a given day). */
export interface Clock {
  now?: Date;
}

export function todayInBelgrade(clock: Clock = {}): string {
  return belgradeDate(clock.now ?? new Date());
}

function isOpen(status: ActionRow['status']): boolean {
  return status === 'open' || status === 'in_progress';
}

export function presentAction(row: ActionRow, today: string): ActionOut {
  const overdue = isOpen(row.status) && row.due_on !== null && row.due_on < today;
  return {
    id: row.id,
    meeting_id: row.meeting_id,
    meeting_title: row.meeting_title ? withDerivedScripts(row.meeting_title).text : null,
    decision_ref: row.decision_ref,
    description: withDerivedScripts(row.description).text,
    owner_user_id: row.owner_user_id,
    owner_user_email: row.owner_user_email,
    owner_organisation_id: row.owner_organisation_id,
    owner_organisation_name: row.owner_organisation_name
      ? withDerivedScripts(row.owner_organisation_name).text
      : null,
    due_on: row.due_on,
    status: row.status,
    completed_at: row.completed_at,
    overdue,
    days_overdue: overdue && row.due_on ? daysBetween(row.due_on, today) : null,
    version: row.version,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

async function actionVisibility(db: Queryable, actor: Actor): Promise<ActionVisibility> {
  if (isStaff(actor) || actor.role === 'viewer') return { kind: 'all' };
  return {
    kind: 'scoped',
    userId: actor.userId,
    organisationIds: actor.role === 'partner_editor' ? await actorOrganisations(db, actor) : [],
    municipalityId: actor.role === 'municipality_editor' ? actor.municipalityId : null,
  };
}

function visible(v: ActionVisibility, row: ActionRow, ownerOrgPlace: string | null): boolean {
  if (v.kind === 'all') return true;
  return (
    row.owner_user_id === v.userId ||
    (row.owner_organisation_id !== null && v.organisationIds.includes(row.owner_organisation_id)) ||
    (v.municipalityId !== null && ownerOrgPlace === v.municipalityId)
  );
}

async function ownerOrgPlace(db: Queryable, row: ActionRow): Promise<string | null> {
  if (!row.owner_organisation_id) return null;
  const rows = await db.query<{ place_id: string | null }>(
    'select place_id from organisation where id = $1',
    [row.owner_organisation_id],
  );
  return rows[0]?.place_id ?? null;
}

async function loadVisible(db: Queryable, actor: Actor, id: string) {
  const row = await findActionById(db, id);
  if (!row) throw new NotFoundError('Action', id);
  const v = await actionVisibility(db, actor);
  if (!visible(v, row, await ownerOrgPlace(db, row))) throw new NotFoundError('Action', id);
  return row;
}

export async function getAction(db: Database, actor: Actor | null, id: string, clock: Clock = {}) {
  const a = requireSignedIn(actor);
  return presentAction(await loadVisible(db, a, id), todayInBelgrade(clock));
}

export async function searchActions(
  db: Database,
  actor: Actor | null,
  q: ActionListQuery,
  clock: Clock = {},
): Promise<Page<ActionOut> & { today: string }> {
  const a = requireSignedIn(actor);
  const today = todayInBelgrade(clock);
  const rows = await listActions(db, {
    visibility: await actionVisibility(db, a),
    today,
    view: q.view,
    statuses: q.status?.length ? q.status : null,
    ownerUserId: q.owner_user ?? null,
    ownerOrganisationIds: q.owner_organisation
      ? await organisationSubtree(db, q.owner_organisation)
      : null,
    meetingId: q.meeting ?? null,
    cursor: decodeCursor(q.cursor),
    limit: q.limit,
  });
  const more = rows.length > q.limit;
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return {
    today,
    items: page.map((r) => presentAction(r, today)),
    next_cursor:
      more && last ? encodeCursor({ k: last.due_on ?? '9999-12-31', id: last.id }) : null,
  };
}

export async function summariseActions(db: Database, actor: Actor | null, clock: Clock = {}) {
  const a = requireSignedIn(actor);
  const today = todayInBelgrade(clock);
  const counts = await countOpenActionsByOwner(db, await actionVisibility(db, a), today);
  const collator = new Intl.Collator('sr-Latn');
  const nameOf = (label: unknown) => {
    const n = label as Record<string, string> | null;
    return n ? (n.en ?? n['sr-Latn'] ?? Object.values(n)[0] ?? '') : '';
  };
  return {
    today,
    by_organisation: counts.organisations
      .sort((x, y) => collator.compare(nameOf(x.label), nameOf(y.label)))
      .map((r) => ({
        organisation_id: r.owner_id,
        name: r.label ? withDerivedScripts(r.label as Record<string, string>).text : null,
        open: r.open,
        overdue: r.overdue,
      })),
    by_user: counts.users
      .sort((x, y) =>
        collator.compare((x.label as string | null) ?? '~', (y.label as string | null) ?? '~'),
      )
      .map((r) => ({
        user_id: r.owner_id,
        email: (r.label as string | null) ?? null,
        open: r.open,
        overdue: r.overdue,
      })),
  };
}

async function validate(db: Queryable, w: ActionWrite): Promise<void> {
  const issues: FieldIssue[] = [];
  if (!w.owner_user_id && !w.owner_organisation_id)
    issues.push({
      path: 'owner_user_id',
      message: 'an action needs an owner: a user, an organisation or both',
    });
  if (w.owner_user_id && !(await existingIds(db, 'app_user', [w.owner_user_id])).size)
    issues.push({ path: 'owner_user_id', message: `user ${w.owner_user_id} does not exist` });
  if (
    w.owner_organisation_id &&
    !(await existingIds(db, 'organisation', [w.owner_organisation_id])).size
  )
    issues.push({
      path: 'owner_organisation_id',
      message: `organisation ${w.owner_organisation_id} does not exist`,
    });
  if (w.decision_ref && !w.meeting_id)
    issues.push({ path: 'decision_ref', message: 'a decision reference needs a meeting_id' });
  if (w.meeting_id) {
    const meeting = await findMeetingById(db, w.meeting_id);
    if (!meeting)
      issues.push({ path: 'meeting_id', message: `meeting ${w.meeting_id} does not exist` });
    else if (w.decision_ref && !meeting.decisions.some((d) => d.ref === w.decision_ref))
      issues.push({
        path: 'decision_ref',
        message: `the meeting has no decision ${w.decision_ref} (it has ${meeting.decisions.map((d) => d.ref).join(', ') || 'none'})`,
      });
  }
  if (issues.length) throw new ValidationError(issues);
}

function completedAt(status: ActionWrite['status'], previous: string | null): string | null {
  if (status !== 'done') return null;
  return previous ?? new Date().toISOString();
}

export async function createAction(
  db: Database,
  actor: Actor | null,
  input: ActionCreate,
  clock: Clock = {},
) {
  const a = requireRole(actor, ['admin', 'coordinator'], 'assign follow-up actions');
  const w: ActionWrite = {
    ...input,
    description: normaliseNarratives(input.description),
    completed_at: completedAt(input.status, null),
  };
  await validate(db, w);
  const id = await db.transaction(async (tx) => {
    const newId = await insertAction(tx, w, a.userId);
    await recordAudit(tx, {
      userId: a.userId,
      entity: 'follow_up_action',
      entityId: newId,
      action: 'create',
      version: 1,
      before: null,
      after: w,
    });
    return newId;
  });
  return getAction(db, a, id, clock);
}

/** Fields an owner who is not staff may change on an action they own. */
const OWNER_FIELDS = new Set(['status', 'version']);

export async function patchAction(
  db: Database,
  actor: Actor | null,
  id: string,
  patch: ActionUpdate,
  clock: Clock = {},
) {
  const a = requireRole(
    actor,
    ['admin', 'coordinator', 'partner_editor', 'municipality_editor'],
    'update follow-up actions',
  );
  const row = await loadVisible(db, a, id);
  if (!isStaff(a)) {
    const extra = Object.keys(patch).filter((k) => !OWNER_FIELDS.has(k));
    if (extra.length)
      throw new ForbiddenError(
        `As the owner you may change the status only; ${extra.join(', ')} is for a coordinator to change.`,
      );
  }
  const { version, ...changes } = patch;
  const merged = {
    meeting_id: row.meeting_id,
    decision_ref: row.decision_ref,
    description: row.description,
    owner_user_id: row.owner_user_id,
    owner_organisation_id: row.owner_organisation_id,
    due_on: row.due_on,
    status: row.status,
    ...changes,
  };
  const w: ActionWrite = {
    ...merged,
    description: normaliseNarratives(merged.description),
    completed_at: completedAt(merged.status, row.status === 'done' ? row.completed_at : null),
  };
  if (version !== row.version) throw staleVersion('Action', id, version, row.version);
  await validate(db, w);
  await db.transaction(async (tx) => {
    if (!(await updateAction(tx, id, version, w, a.userId))) {
      const now = await findActionById(tx, id);
      throw staleVersion('Action', id, version, now?.version ?? null);
    }
    await recordAudit(tx, {
      userId: a.userId,
      entity: 'follow_up_action',
      entityId: id,
      action: 'update',
      version: version + 1,
      before: row,
      after: w,
    });
  });
  return getAction(db, a, id, clock);
}

export async function removeAction(
  db: Database,
  actor: Actor | null,
  id: string,
  version: number | null,
) {
  const a = requireRole(actor, ['admin', 'coordinator'], 'delete follow-up actions');
  const row = await findActionById(db, id);
  if (!row) throw new NotFoundError('Action', id);
  if (version !== null && version !== row.version)
    throw staleVersion('Action', id, version, row.version);
  await db.transaction(async (tx) => {
    await deleteAction(tx, id);
    await recordAudit(tx, {
      userId: a.userId,
      entity: 'follow_up_action',
      entityId: id,
      action: 'delete',
      version: row.version,
      before: row,
      after: null,
    });
  });
}
