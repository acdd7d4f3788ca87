import type { Actor } from '../auth/actor.js';
import { isStaff } from '../auth/actor.js';
import { requireRole } from '../auth/permissions.js';
import { recordAudit } from '../audit/audit.queries.js';
import type { Database, Queryable } from '../db/db.js';
import { ForbiddenError, NotFoundError, ValidationError, type FieldIssue } from '../errors.js';
import { staleVersion } from '../organisations/organisations.service.js';
import { findPlaceById } from '../places/places.queries.js';
import { decodeCursor, encodeCursor } from '../shared/cursor.js';
import type { Page } from '../shared/schemas.js';
import {
  escapeLike,
  foldQuery,
  normaliseNarratives,
  searchDocument,
  withDerivedScripts,
} from '../text/index.js';
import { belgradeLocal, belgradeToInstant, addDays } from './belgrade-time.js';
import { meetingVisibility, visibleUnder, writableUnder } from './meetings.access.js';
import {
  deleteMeeting,
  existingIds,
  findMeetingById,
  insertMeeting,
  listMeetings,
  meetingLinks,
  replaceMeetingActivities,
  replaceMeetingOrganisations,
  updateMeeting,
  type MeetingLinks,
  type MeetingRow,
  type MeetingWrite,
} from './meetings.queries.js';
import type {
  MeetingCreate,
  MeetingListQuery,
  MeetingOut,
  MeetingUpdate,
  Participant,
} from './meetings.schemas.js';
import { isTopic } from './meetings.vocabulary.js';

const WRITERS = ['admin', 'coordinator', 'partner_editor', 'municipality_editor'] as const;

/** A date-time as entered (Belgrade wall clock, bare date, or with offset) as a UTC instant. */
export function toInstant(input: string): string {
  if (/(Z|[+-]\d{2}:\d{2})$/.test(input)) return new Date(input).toISOString();
  return belgradeToInstant(input.replace(/\.\d+$/, '')).toISOString();
}

function municipalityOf(links: MeetingLinks, row: MeetingRow): string | null {
  return row.place_id ? (links.places.get(row.place_id)?.municipality_id ?? null) : null;
}

export function presentMeeting(row: MeetingRow, links: MeetingLinks, actor: Actor | null) {
  const { text: title, derived } = withDerivedScripts(row.title);
  const staff = isStaff(actor);
  const place = row.place_id ? links.places.get(row.place_id) : undefined;
  const out: MeetingOut = {
    id: row.id,
    kind: row.kind,
    starts_at: row.starts_at,
    ends_at: row.ends_at,
    starts_local: belgradeLocal(new Date(row.starts_at)),
    ends_local: row.ends_at ? belgradeLocal(new Date(row.ends_at)) : null,
    time_zone: 'Europe/Belgrade',
    all_day: row.all_day,
    title,
    title_derived: derived,
    minutes: actor ? withDerivedScripts(row.minutes).text : null,
    public_summary: withDerivedScripts(row.public_summary).text,
    place_id: row.place_id,
    place_name: place ? withDerivedScripts(place.names).text : null,
    place_text: row.place_text,
    municipality_id: municipalityOf(links, row),
    organisations: (links.organisations.get(row.id) ?? []).map((o) => {
      const names = withDerivedScripts(o.names).text;
      return {
        id: o.id,
        names,
        name: names.en ?? names['sr-Latn'] ?? Object.values(names)[0] ?? '',
      };
    }),
    participants: staff ? row.participants : null,
    topics: row.topics,
    decisions: row.decisions.map((d) => ({ ref: d.ref, text: withDerivedScripts(d.text).text })),
    activities: (links.activities.get(row.id) ?? [])
      .filter((a) => actor !== null || a.publication_status === 'published')
      .map((a) => ({ id: a.id, title: withDerivedScripts(a.title).text })),
    confidentiality: row.confidentiality,
    open_actions: actor ? (links.openActions.get(row.id) ?? 0) : 0,
    version: row.version,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
  return out;
}

type MeetingFields = Omit<MeetingCreate, 'organisation_ids' | 'activity_ids'>;

function toWrite(m: MeetingFields): MeetingWrite {
  const title = normaliseNarratives(m.title);
  const minutes = normaliseNarratives(m.minutes);
  const summary = normaliseNarratives(m.public_summary);
  const decisions = m.decisions.map((d, i) => ({
    ref: d.ref ?? String(i + 1),
    text: normaliseNarratives(d.text),
  }));
  return {
    kind: m.kind,
    starts_at: toInstant(m.starts_at),
    ends_at: m.ends_at === null ? null : toInstant(m.ends_at),
    all_day: m.all_day,
    title,
    minutes,
    public_summary: summary,
    place_id: m.place_id,
    place_text: m.place_text,
    topics: [...new Set(m.topics)],
    participants: m.participants,
    decisions,
    confidentiality: m.confidentiality,
    search_text: searchDocument([
      ...Object.values(title),
      ...Object.values(summary),
      ...Object.values(minutes),
      m.place_text,
      ...decisions.flatMap((d) => Object.values(d.text)),
    ]),
  };
}

async function validate(
  db: Queryable,
  w: MeetingWrite,
  organisationIds: readonly string[],
  activityIds: readonly string[],
): Promise<string | null> {
  const issues: FieldIssue[] = [];
  if (w.ends_at && w.ends_at < w.starts_at)
    issues.push({ path: 'ends_at', message: 'ends before the meeting starts' });
  w.topics.forEach((t, i) => {
    if (!isTopic(t))
      issues.push({
        path: `topics.${i}`,
        message: `"${t}" is not a topic of the vocabulary (GET /api/v1/meetings/vocabulary)`,
      });
  });
  const refs = new Set<string>();
  w.decisions.forEach((d, i) => {
    if (refs.has(d.ref))
      issues.push({ path: `decisions.${i}.ref`, message: `decision ${d.ref} is numbered twice` });
    refs.add(d.ref);
  });
  const participantOrgs = w.participants.flatMap((p: Participant) =>
    p.organisation_id ? [p.organisation_id] : [],
  );
  const orgs = await existingIds(db, 'organisation', [...organisationIds, ...participantOrgs]);
  organisationIds.forEach((id, i) => {
    if (!orgs.has(id))
      issues.push({ path: `organisation_ids.${i}`, message: `organisation ${id} does not exist` });
  });
  if (new Set(organisationIds).size !== organisationIds.length)
    issues.push({ path: 'organisation_ids', message: 'names an organisation twice' });
  w.participants.forEach((p, i) => {
    if (p.organisation_id && !orgs.has(p.organisation_id))
      issues.push({
        path: `participants.${i}.organisation_id`,
        message: `organisation ${p.organisation_id} does not exist`,
      });
  });
  const acts = await existingIds(db, 'activity', activityIds);
  activityIds.forEach((id, i) => {
    if (!acts.has(id))
      issues.push({ path: `activity_ids.${i}`, message: `activity ${id} does not exist` });
  });
  if (new Set(activityIds).size !== activityIds.length)
    issues.push({ path: 'activity_ids', message: 'names an activity twice' });
  let municipalityId: string | null = null;
  if (w.place_id) {
    const place = await findPlaceById(db, w.place_id);
    if (!place) issues.push({ path: 'place_id', message: `place ${w.place_id} does not exist` });
    else if (place.kind === 'municipality') municipalityId = place.id;
    else if (place.kind === 'settlement') municipalityId = place.parent_id;
  }
  if (issues.length) throw new ValidationError(issues);
  return municipalityId;
}

async function loadOne(db: Queryable, actor: Actor | null, id: string) {
  const row = await findMeetingById(db, id);
  if (!row) throw new NotFoundError('Meeting', id);
  const links = await meetingLinks(db, [row]);
  const visibility = await meetingVisibility(db, actor);
  const scope = {
    organisationIds: (links.organisations.get(id) ?? []).map((o) => o.id),
    municipalityId: municipalityOf(links, row),
    confidentiality: row.confidentiality,
  };
  if (!visibleUnder(visibility, scope)) throw new NotFoundError('Meeting', id);
  return { row, links, visibility, scope };
}

export async function getMeeting(db: Database, actor: Actor | null, id: string) {
  const { row, links } = await loadOne(db, actor, id);
  return presentMeeting(row, links, actor);
}

export async function searchMeetings(
  db: Database,
  actor: Actor | null,
  q: MeetingListQuery,
): Promise<Page<MeetingOut>> {
  const folded = q.q ? foldQuery(q.q) : '';
  const rows = await listMeetings(db, {
    visibility: await meetingVisibility(db, actor),
    likeQ: folded ? escapeLike(folded) : null,
    from: q.from ? belgradeToInstant(q.from).toISOString() : null,
    to: q.to ? belgradeToInstant(addDays(q.to, 1)).toISOString() : null,
    kinds: q.kind?.length ? q.kind : null,
    topics: q.topic?.length ? q.topic : null,
    organisationIds: q.organisation ? [q.organisation] : null,
    activityId: q.activity ?? null,
    municipalityId: q.municipality ?? null,
    confidentiality: q.confidentiality ?? null,
    order: q.order,
    cursor: decodeCursor(q.cursor),
    limit: q.limit,
  });
  const more = rows.length > q.limit;
  const page = rows.slice(0, q.limit);
  const links = await meetingLinks(db, page);
  const last = page.at(-1);
  return {
    items: page.map((r) => presentMeeting(r, links, actor)),
    next_cursor: more && last ? encodeCursor({ k: last.starts_at, id: last.id }) : null,
  };
}

function requireStaffForPublic(actor: Actor, from: string | null, to: string) {
  if (to === 'public' && from !== 'public' && !isStaff(actor))
    throw new ForbiddenError('Only a coordinator may make a meeting public.');
}

export async function createMeeting(db: Database, actor: Actor | null, input: MeetingCreate) {
  const a = requireRole(actor, WRITERS, 'record meetings');
  requireStaffForPublic(a, null, input.confidentiality);
  const w = toWrite(input);
  const municipalityId = await validate(db, w, input.organisation_ids, input.activity_ids);
  const visibility = await meetingVisibility(db, a);
  if (!writableUnder(visibility, { organisationIds: input.organisation_ids, municipalityId }))
    throw new ForbiddenError(
      'A meeting you record must include your organisation as a partner or take place in your municipality.',
    );
  const id = await db.transaction(async (tx) => {
    const row = await insertMeeting(tx, w, a.userId);
    await replaceMeetingOrganisations(tx, row.id, input.organisation_ids);
    await replaceMeetingActivities(tx, row.id, input.activity_ids);
    await recordAudit(tx, {
      userId: a.userId,
      entity: 'meeting',
      entityId: row.id,
      action: 'create',
      version: row.version,
      before: null,
      after: { ...row, organisation_ids: input.organisation_ids, activity_ids: input.activity_ids },
    });
    return row.id;
  });
  return getMeeting(db, a, id);
}

export async function patchMeeting(
  db: Database,
  actor: Actor | null,
  id: string,
  patch: MeetingUpdate,
) {
  const a = requireRole(actor, WRITERS, 'edit meetings');
  const { row, links, visibility, scope } = await loadOne(db, a, id);
  if (!writableUnder(visibility, scope))
    throw new ForbiddenError('This meeting is outside your scope.');
  const { version, organisation_ids, activity_ids, ...changes } = patch;
  const orgIds = organisation_ids ?? scope.organisationIds;
  const actIds = activity_ids ?? (links.activities.get(id) ?? []).map((x) => x.id);
  const current: MeetingFields = {
    kind: row.kind,
    starts_at: row.starts_at,
    ends_at: row.ends_at,
    all_day: row.all_day,
    title: row.title,
    minutes: row.minutes,
    public_summary: row.public_summary,
    place_id: row.place_id,
    place_text: row.place_text,
    participants: row.participants,
    topics: row.topics,
    decisions: row.decisions,
    confidentiality: row.confidentiality,
  };
  const w = toWrite({ ...current, ...changes });
  requireStaffForPublic(a, row.confidentiality, w.confidentiality);
  if (version !== row.version) throw staleVersion('Meeting', id, version, row.version);
  const municipalityId = await validate(db, w, orgIds, actIds);
  if (!writableUnder(visibility, { organisationIds: orgIds, municipalityId }))
    throw new ForbiddenError('The change would move this meeting outside your scope.');
  await db.transaction(async (tx) => {
    const next = await updateMeeting(tx, id, version, w, a.userId);
    if (!next) {
      const now = await findMeetingById(tx, id);
      throw staleVersion('Meeting', id, version, now?.version ?? null);
    }
    if (organisation_ids) await replaceMeetingOrganisations(tx, id, orgIds);
    if (activity_ids) await replaceMeetingActivities(tx, id, actIds);
    await recordAudit(tx, {
      userId: a.userId,
      entity: 'meeting',
      entityId: id,
      action: 'update',
      version: next.version,
      before: { ...row, organisation_ids: scope.organisationIds },
      after: { ...next, organisation_ids: orgIds, activity_ids: actIds },
    });
  });
  return getMeeting(db, a, id);
}

export async function removeMeeting(
  db: Database,
  actor: Actor | null,
  id: string,
  version: number | null,
): Promise<void> {
  const a = requireRole(actor, ['admin', 'coordinator'], 'delete meetings');
  const row = await findMeetingById(db, id);
  if (!row) throw new NotFoundError('Meeting', id);
  if (version !== null && version !== row.version)
    throw staleVersion('Meeting', id, version, row.version);
  await db.transaction(async (tx) => {
    await deleteMeeting(tx, id);
    await recordAudit(tx, {
      userId: a.userId,
      entity: 'meeting',
      entityId: id,
      action: 'delete',
      version: row.version,
      before: row,
      after: null,
    });
  });
}
