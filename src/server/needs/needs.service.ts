import type { Actor } from '../auth/actor.js';
import { canSeeUnpublished } from '../auth/actor.js';
import { requirePublicationChange, requireRole } from '../auth/permissions.js';
import { recordAudit } from '../audit/audit.queries.js';
import { checkCodes } from '../codelists/codelists.check.js';
import { sectorCodelist } from '../codelists/codelists.vocabularies.js';
import type { Database, Queryable } from '../db/db.js';
import { ForbiddenError, NotFoundError, ValidationError, type FieldIssue } from '../errors.js';
import { existingIds, findMeetingById } from '../meetings/meetings.queries.js';
import { staleVersion } from '../organisations/organisations.service.js';
import { findPlaceById, type PlaceRow } from '../places/places.queries.js';
import { decodeCursor, encodeCursor } from '../shared/cursor.js';
import type { Page, PublicationStatus } from '../shared/schemas.js';
import {
  escapeLike,
  foldQuery,
  normaliseNarratives,
  searchDocument,
  withDerivedScripts,
} from '../text/index.js';
import {
  countNeedsByMunicipality,
  deleteNeed,
  findNeedById,
  insertNeed,
  listNeeds,
  needActivities,
  replaceNeedActivities,
  updateNeed,
  type NeedActivityRow,
  type NeedRow,
  type NeedWrite,
} from './needs.queries.js';
import type { NeedCreate, NeedListQuery, NeedOut, NeedUpdate } from './needs.schemas.js';

const WRITERS = ['admin', 'coordinator', 'municipality_editor'] as const;

function level(priority: number): 'high' | 'medium' | 'low' {
  return priority <= 2 ? 'high' : priority === 3 ? 'medium' : 'low';
}

export function presentNeed(
  row: NeedRow,
  links: readonly NeedActivityRow[],
  actor: Actor | null,
): NeedOut {
  const { text: title, derived } = withDerivedScripts(row.title);
  return {
    id: row.id,
    municipality_id: row.municipality_id,
    municipality_name: withDerivedScripts(row.municipality_name).text,
    settlement_id: row.settlement_id,
    settlement_name: row.settlement_name ? withDerivedScripts(row.settlement_name).text : null,
    sector: {
      vocabulary: row.sector_vocabulary,
      code: row.sector_code,
      name: row.sector_name ? withDerivedScripts(row.sector_name).text : null,
    },
    title,
    title_derived: derived,
    description: withDerivedScripts(row.description).text,
    priority: row.priority,
    priority_level: level(row.priority),
    estimated_cost: row.estimated_cost,
    currency: row.currency,
    status: row.status,
    raised_on: row.raised_on,
    source_meeting_id: row.source_meeting_id,
    activities: links
      .filter((l) => l.need_id === row.id)
      .filter((l) => canSeeUnpublished(actor) || l.publication_status === 'published')
      .map((l) => ({
        activity_id: l.activity_id,
        title: withDerivedScripts(l.title).text,
        status: l.status,
        note: l.note,
      })),
    publication_status: row.publication_status,
    version: row.version,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

type NeedFields = Omit<NeedCreate, 'activities'>;

export function toNeedWrite(n: NeedFields): NeedWrite {
  const title = normaliseNarratives(n.title);
  const description = normaliseNarratives(n.description);
  return {
    municipality_id: n.municipality_id,
    settlement_id: n.settlement_id,
    sector_vocabulary: n.sector.vocabulary,
    sector_code: n.sector.code,
    title,
    description,
    priority: n.priority,
    estimated_cost: n.estimated_cost,
    currency: n.currency,
    status: n.status,
    raised_on: n.raised_on,
    source_meeting_id: n.source_meeting_id,
    publication_status: n.publication_status,
    search_text: searchDocument([...Object.values(title), ...Object.values(description)]),
  };
}

/** Problems of one need, each with the path of its field; none when it may be stored. */
export async function needIssues(
  db: Database,
  q: Queryable,
  w: NeedWrite,
  activities: readonly { activity_id: string }[],
  places: Map<string, PlaceRow | null> = new Map(),
): Promise<FieldIssue[]> {
  const issues: FieldIssue[] = [];
  const place = async (id: string) => {
    let p = places.get(id);
    if (p === undefined) {
      p = await findPlaceById(q, id);
      places.set(id, p);
    }
    return p;
  };
  const municipality = await place(w.municipality_id);
  if (!municipality || municipality.kind !== 'municipality')
    issues.push({
      path: 'municipality_id',
      message: `${w.municipality_id} is not a municipality of the gazetteer`,
    });
  if (w.settlement_id) {
    const settlement = await place(w.settlement_id);
    if (!settlement || settlement.kind !== 'settlement')
      issues.push({
        path: 'settlement_id',
        message: `${w.settlement_id} is not a settlement of the gazetteer`,
      });
    else if (settlement.parent_id !== w.municipality_id)
      issues.push({
        path: 'settlement_id',
        message: 'the settlement does not lie in the need’s municipality',
      });
  }
  const codelist = sectorCodelist(w.sector_vocabulary);
  if (codelist) {
    const bad = await checkCodes(db, [{ path: 'sector.code', codelist, code: w.sector_code }]);
    issues.push(...bad);
  }
  if ((w.estimated_cost === null) !== (w.currency === null))
    issues.push({
      path: w.estimated_cost === null ? 'estimated_cost' : 'currency',
      message: 'an estimated cost needs its currency, and a currency needs an amount',
    });
  issues.push(
    ...(await checkCodes(db, [{ path: 'currency', codelist: 'Currency', code: w.currency }])),
  );
  if (w.source_meeting_id && !(await findMeetingById(q, w.source_meeting_id)))
    issues.push({
      path: 'source_meeting_id',
      message: `meeting ${w.source_meeting_id} does not exist`,
    });
  const ids = activities.map((a) => a.activity_id);
  const found = await existingIds(q, 'activity', ids);
  ids.forEach((id, i) => {
    if (!found.has(id))
      issues.push({
        path: `activities.${i}.activity_id`,
        message: `activity ${id} does not exist`,
      });
  });
  if (new Set(ids).size !== ids.length)
    issues.push({ path: 'activities', message: 'names an activity twice' });
  if (Object.keys(w.title).length === 0)
    issues.push({ path: 'title', message: 'needs a title in at least one language' });
  return issues;
}

export function requireNeedScope(actor: Actor, municipalityId: string): void {
  if (actor.role === 'municipality_editor' && actor.municipalityId !== municipalityId)
    throw new ForbiddenError('You may record and edit the needs of your own municipality only.');
}

export async function getNeed(db: Database, actor: Actor | null, id: string): Promise<NeedOut> {
  const row = await findNeedById(db, id);
  if (!row || (row.publication_status !== 'published' && !canSeeUnpublished(actor)))
    throw new NotFoundError('Need', id);
  return presentNeed(row, await needActivities(db, [id]), actor);
}

function visibleStatuses(actor: Actor | null): PublicationStatus[] | null {
  return canSeeUnpublished(actor) ? null : ['published'];
}

export async function searchNeeds(
  db: Database,
  actor: Actor | null,
  q: NeedListQuery,
): Promise<Page<NeedOut>> {
  const folded = q.q ? foldQuery(q.q) : '';
  const statuses = q.status?.length ? q.status : null;
  const openOnly =
    q.open === true ? (['raised', 'under_review', 'planned', 'in_progress'] as const) : null;
  const rows = await listNeeds(db, {
    publicationStatuses: visibleStatuses(actor),
    likeQ: folded ? escapeLike(folded) : null,
    municipalityId: q.municipality ?? null,
    settlementId: q.settlement ?? null,
    sectorCode: q.sector ?? null,
    statuses: openOnly ? openOnly.filter((s) => !statuses || statuses.includes(s)) : statuses,
    withoutActivity: q.without_activity ?? null,
    priorities: q.priority?.length ? q.priority : null,
    activityId: q.activity ?? null,
    cursor: decodeCursor(q.cursor),
    limit: q.limit,
  });
  const more = rows.length > q.limit;
  const page = rows.slice(0, q.limit);
  const links = await needActivities(
    db,
    page.map((r) => r.id),
  );
  const last = page.at(-1);
  return {
    items: page.map((r) => presentNeed(r, links, actor)),
    next_cursor:
      more && last ? encodeCursor({ k: `${last.priority}|${last.raised_on}`, id: last.id }) : null,
  };
}

/** Per municipality: needs met, still open, rejected, and open ones without any activity. */
export async function summariseNeeds(db: Database, actor: Actor | null) {
  const rows = await countNeedsByMunicipality(db, visibleStatuses(actor));
  const collator = new Intl.Collator('sr-Latn');
  const name = (n: Record<string, string>) => n['sr-Latn'] ?? n.en ?? Object.values(n)[0] ?? '';
  return {
    items: rows
      .sort((a, b) => collator.compare(name(a.names), name(b.names)))
      .map((r) => ({
        municipality_id: r.municipality_id,
        code: r.code,
        name: withDerivedScripts(r.names).text,
        total: r.total,
        open: r.open,
        met: r.met,
        rejected: r.rejected,
        open_without_activity: r.open_without_activity,
      })),
  };
}

/** Writes one need and its activity links inside the caller's transaction, audited. */
export async function writeNewNeed(
  tx: Queryable,
  actor: Actor,
  w: NeedWrite,
  activities: readonly { activity_id: string; note: string | null }[],
): Promise<string> {
  const row = await insertNeed(tx, w, actor.userId);
  if (activities.length) await replaceNeedActivities(tx, row.id, activities);
  await recordAudit(tx, {
    userId: actor.userId,
    entity: 'local_need',
    entityId: row.id,
    action: 'create',
    version: row.version,
    before: null,
    after: { ...w, activities },
  });
  return row.id;
}

export async function createNeed(db: Database, actor: Actor | null, input: NeedCreate) {
  const a = requireRole(actor, WRITERS, 'record local needs');
  requireNeedScope(a, input.municipality_id);
  requirePublicationChange(a, null, input.publication_status);
  const w = toNeedWrite(input);
  const issues = await needIssues(db, db, w, input.activities);
  if (issues.length) throw new ValidationError(issues);
  const id = await db.transaction((tx) => writeNewNeed(tx, a, w, input.activities));
  return getNeed(db, a, id);
}

export async function patchNeed(db: Database, actor: Actor | null, id: string, patch: NeedUpdate) {
  const a = requireRole(actor, WRITERS, 'edit local needs');
  const row = await findNeedById(db, id);
  if (!row) throw new NotFoundError('Need', id);
  requireNeedScope(a, row.municipality_id);
  const { version, activities, ...changes } = patch;
  const current: NeedFields = {
    municipality_id: row.municipality_id,
    settlement_id: row.settlement_id,
    sector: { vocabulary: row.sector_vocabulary as '1' | '2' | '99', code: row.sector_code },
    title: row.title,
    description: row.description,
    priority: row.priority,
    estimated_cost: row.estimated_cost,
    currency: row.currency,
    status: row.status,
    raised_on: row.raised_on,
    source_meeting_id: row.source_meeting_id,
    publication_status: row.publication_status,
  };
  const w = toNeedWrite({ ...current, ...changes });
  requireNeedScope(a, w.municipality_id);
  requirePublicationChange(a, row.publication_status, w.publication_status);
  if (version !== row.version) throw staleVersion('Need', id, version, row.version);
  const existingLinks = await needActivities(db, [id]);
  const links =
    activities ?? existingLinks.map((l) => ({ activity_id: l.activity_id, note: l.note }));
  const issues = await needIssues(db, db, w, links);
  if (issues.length) throw new ValidationError(issues);
  await db.transaction(async (tx) => {
    if (!(await updateNeed(tx, id, version, w, a.userId))) {
      const now = await findNeedById(tx, id);
      throw staleVersion('Need', id, version, now?.version ?? null);
    }
    if (activities) await replaceNeedActivities(tx, id, activities);
    await recordAudit(tx, {
      userId: a.userId,
      entity: 'local_need',
      entityId: id,
      action: 'update',
      version: version + 1,
      before: {
        ...row,
        activities: existingLinks.map((l) => ({ activity_id: l.activity_id, note: l.note })),
      },
      after: { ...w, activities: links },
    });
  });
  return getNeed(db, a, id);
}

export async function removeNeed(
  db: Database,
  actor: Actor | null,
  id: string,
  version: number | null,
): Promise<void> {
  const a = requireRole(actor, WRITERS, 'delete local needs');
  const row = await findNeedById(db, id);
  if (!row) throw new NotFoundError('Need', id);
  requireNeedScope(a, row.municipality_id);
  if (version !== null && version !== row.version)
    throw staleVersion('Need', id, version, row.version);
  await db.transaction(async (tx) => {
    await deleteNeed(tx, id);
    await recordAudit(tx, {
      userId: a.userId,
      entity: 'local_need',
      entityId: id,
      action: 'delete',
      version: row.version,
      before: row,
      after: null,
    });
  });
}
