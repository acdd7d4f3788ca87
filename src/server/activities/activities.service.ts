import type { Actor } from '../auth/actor.js';
import { canSeeUnpublished } from '../auth/actor.js';
import { inScope, requirePublicationChange, requireSignedIn } from '../auth/permissions.js';
import { recordAudit } from '../audit/audit.queries.js';
import { checkCodes, codesOf, type CodeCheck } from '../codelists/codelists.check.js';
import {
  officeSectors,
  officeSectorsForDac,
  policyMarkerCodelist,
  sectorCodelist,
  tagCodelist,
} from '../codelists/codelists.vocabularies.js';
import type { Database, Queryable } from '../db/db.js';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
  type FieldIssue,
} from '../errors.js';
import {
  findOrganisationsByIds,
  organisationSubtree,
} from '../organisations/organisations.queries.js';
import { staleVersion } from '../organisations/organisations.service.js';
import { findPlacesByIds, municipalitiesOf } from '../places/places.queries.js';
import { decodeCursor, encodeCursor } from '../shared/cursor.js';
import type { Page } from '../shared/schemas.js';
import {
  escapeLike,
  foldForSearch,
  foldQuery,
  normaliseNarratives,
  searchDocument,
} from '../text/index.js';
import { presentActivities } from './activities.present.js';
import {
  childCounts,
  deleteActivity,
  descendantIds,
  descendantsOf,
  findActivityById,
  findActivitiesByIds,
  insertActivity,
  listActivities,
  loadLists,
  minChildHierarchy,
  replaceLists,
  updateActivity,
  type ActivityFilter,
  type ActivityRow,
  type ActivityWrite,
  type ListsWrite,
} from './activities.queries.js';
import {
  checkDates,
  checkDuplicateParticipants,
  checkLocationPercentages,
  checkParticipantRole,
  checkSectorPercentages,
  yearOf,
} from './activities.rules.js';
import {
  ActivityCreate,
  type ActivityCreateInput,
  type ActivityListQuery,
  type ActivityOut,
  type ActivityUpdate,
} from './activities.schemas.js';
import {
  resolveActivityKeys,
  resolveMunicipalities,
  resolveOrganisations,
} from './activities.resolve.js';

/** Everything an activity is made of, as validated input. */
export type Draft = Omit<ActivityWrite, 'search_text' | 'sort_key' | 'start_year' | 'end_year'> &
  ListsWrite;

const LIST_KEYS = [
  'participants',
  'locations',
  'sectors',
  'policy_markers',
  'tags',
  'budgets',
  'document_links',
] as const;

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

async function validateDraft(
  db: Database,
  d: Draft,
  selfId: string | null,
): Promise<{ orgKinds: Map<string, string> }> {
  const issues: FieldIssue[] = [];
  if (Object.keys(d.title).length === 0)
    issues.push({ path: 'title', message: 'needs a title in at least one language' });
  issues.push(...checkDates(d, today()));
  issues.push(...checkSectorPercentages(d.sectors));
  issues.push(...checkLocationPercentages(d.locations));
  issues.push(...checkDuplicateParticipants(d.participants));

  const codes: CodeCheck[] = [
    { path: 'status', codelist: 'ActivityStatus', code: d.status },
    { path: 'scope', codelist: 'ActivityScope', code: d.scope },
    { path: 'default_currency', codelist: 'Currency', code: d.default_currency },
    { path: 'collaboration_type', codelist: 'CollaborationType', code: d.collaboration_type },
    { path: 'default_flow_type', codelist: 'FlowType', code: d.default_flow_type },
    { path: 'default_finance_type', codelist: 'FinanceType', code: d.default_finance_type },
    { path: 'default_tied_status', codelist: 'TiedStatus', code: d.default_tied_status },
  ];
  (d.default_aid_types as { vocabulary: string; code: string }[]).forEach((t, i) => {
    if (t.vocabulary === '1')
      codes.push({ path: `default_aid_types.${i}.code`, codelist: 'AidType', code: t.code });
  });
  d.sectors.forEach((s, i) => {
    codes.push({
      path: `sectors.${i}.vocabulary`,
      codelist: 'SectorVocabulary',
      code: s.vocabulary,
    });
    const list = sectorCodelist(s.vocabulary);
    if (list) codes.push({ path: `sectors.${i}.code`, codelist: list, code: s.code });
  });
  d.policy_markers.forEach((m, i) => {
    const list = policyMarkerCodelist(m.vocabulary);
    if (list) codes.push({ path: `policy_markers.${i}.code`, codelist: list, code: m.code });
    codes.push({
      path: `policy_markers.${i}.significance`,
      codelist: 'PolicySignificance',
      code: m.significance,
    });
  });
  d.tags.forEach((t, i) => {
    codes.push({ path: `tags.${i}.vocabulary`, codelist: 'TagVocabulary', code: t.vocabulary });
    const list = tagCodelist(t.vocabulary);
    if (list) codes.push({ path: `tags.${i}.code`, codelist: list, code: t.code });
  });
  d.budgets.forEach((b, i) =>
    codes.push({ path: `budgets.${i}.currency`, codelist: 'Currency', code: b.currency }),
  );
  d.document_links.forEach((l, i) => {
    codes.push({
      path: `document_links.${i}.category`,
      codelist: 'DocumentCategory',
      code: l.category,
    });
    codes.push({ path: `document_links.${i}.language`, codelist: 'Language', code: l.language });
  });
  issues.push(...(await checkCodes(db, codes)));

  // Organisations: they exist, and the office's own roles go to the right kind of organisation.
  const orgIds = [
    ...new Set([
      ...d.participants.map((p) => p.organisation_id),
      ...(d.reporting_org_id ? [d.reporting_org_id] : []),
    ]),
  ];
  const orgs = new Map((await findOrganisationsByIds(db, orgIds)).map((o) => [o.id, o]));
  d.participants.forEach((p, i) => {
    const org = orgs.get(p.organisation_id);
    if (!org) {
      issues.push({
        path: `participants.${i}.organisation_id`,
        message: `organisation ${p.organisation_id} does not exist`,
        code: 'not_found',
      });
      return;
    }
    const problem = checkParticipantRole(
      p.role as Parameters<typeof checkParticipantRole>[0],
      org.kind,
    );
    if (problem)
      issues.push({ path: `participants.${i}.role`, message: problem, code: 'role_not_allowed' });
  });
  if (d.reporting_org_id && !orgs.has(d.reporting_org_id)) {
    issues.push({
      path: 'reporting_org_id',
      message: `organisation ${d.reporting_org_id} does not exist`,
      code: 'not_found',
    });
  }

  const placeIds = d.locations.map((l) => l.place_id).filter((x): x is string => x !== null);
  const places = new Set((await findPlacesByIds(db, placeIds)).map((p) => p.id));
  d.locations.forEach((l, i) => {
    if (l.place_id && !places.has(l.place_id)) {
      issues.push({
        path: `locations.${i}.place_id`,
        message: `place ${l.place_id} does not exist`,
        code: 'not_found',
      });
    }
  });

  // Hierarchy: the parent exists, sits above, and is not the activity itself or beneath it.
  if (d.parent_id) {
    const parent = await findActivityById(db, d.parent_id);
    if (!parent) {
      issues.push({
        path: 'parent_id',
        message: `activity ${d.parent_id} does not exist`,
        code: 'not_found',
      });
    } else {
      if (
        selfId &&
        (d.parent_id === selfId || (await descendantIds(db, selfId)).includes(d.parent_id))
      ) {
        issues.push({
          path: 'parent_id',
          message: 'an activity cannot be placed under itself or one of its own sub-activities',
          code: 'cycle',
        });
      }
      if (d.hierarchy <= parent.hierarchy) {
        issues.push({
          path: 'hierarchy',
          message: `must be deeper than its parent's (${parent.hierarchy})`,
          code: 'hierarchy',
        });
      }
    }
  }
  if (selfId) {
    const minChild = await minChildHierarchy(db, selfId);
    if (minChild !== null && minChild <= d.hierarchy) {
      issues.push({
        path: 'hierarchy',
        message: `must stay above its sub-activities (hierarchy ${minChild})`,
        code: 'hierarchy',
      });
    }
  }
  if (issues.length) throw new ValidationError(issues);
  return { orgKinds: new Map([...orgs].map(([id, o]) => [id, o.kind])) };
}

/** The organisations and municipalities that put an activity in a scoped editor's reach. */
async function scopeOf(
  db: Queryable,
  d: Pick<Draft, 'participants' | 'locations' | 'reporting_org_id'>,
) {
  const placeIds = d.locations.map((l) => l.place_id).filter((x): x is string => x !== null);
  const municipalities = await municipalitiesOf(db, placeIds);
  const beneficiaryOrgs = await findOrganisationsByIds(
    db,
    d.participants.filter((p) => p.role === 'beneficiary').map((p) => p.organisation_id),
  );
  return {
    organisationIds: [
      ...d.participants.map((p) => p.organisation_id),
      ...(d.reporting_org_id ? [d.reporting_org_id] : []),
    ],
    municipalityIds: [
      ...municipalities.values(),
      ...beneficiaryOrgs.map((o) => o.place_id).filter((x): x is string => x !== null),
    ],
  };
}

async function requireInScope(
  db: Queryable,
  actor: Actor,
  d: Pick<Draft, 'participants' | 'locations' | 'reporting_org_id'>,
  what: string,
) {
  const subtree = actor.organisationId ? await organisationSubtree(db, actor.organisationId) : [];
  if (!inScope(actor, await scopeOf(db, d), subtree)) {
    const hint =
      actor.role === 'partner_editor'
        ? 'your organisation must take part in it'
        : actor.role === 'municipality_editor'
          ? 'it must be located in, or benefit, your municipality'
          : 'your role is read-only';
    throw new ForbiddenError(`You may not ${what}: ${hint}.`);
  }
}

function toWrite(d: Draft, orgNames: string[]): ActivityWrite {
  const title = normaliseNarratives(d.title);
  const description = normaliseNarratives(d.description);
  const primary = title.en ?? title['sr-Latn'] ?? title.sq ?? Object.values(title)[0] ?? '';
  return {
    iati_identifier: d.iati_identifier,
    parent_id: d.parent_id,
    hierarchy: d.hierarchy,
    title,
    description,
    status: d.status,
    planned_start: d.planned_start,
    actual_start: d.actual_start,
    planned_end: d.planned_end,
    actual_end: d.actual_end,
    scope: d.scope,
    default_currency: d.default_currency,
    reporting_org_id: d.reporting_org_id,
    collaboration_type: d.collaboration_type,
    default_flow_type: d.default_flow_type,
    default_finance_type: d.default_finance_type,
    default_aid_types: d.default_aid_types,
    default_tied_status: d.default_tied_status,
    humanitarian: d.humanitarian,
    illustrative: d.illustrative,
    publication_status: d.publication_status,
    search_text: searchDocument([
      ...Object.values(title),
      ...Object.values(description),
      d.iati_identifier,
      ...orgNames,
    ]),
    sort_key: foldForSearch(primary),
    start_year: yearOf(d.actual_start ?? d.planned_start),
    end_year: yearOf(d.actual_end ?? d.planned_end),
  };
}

async function participantNames(db: Queryable, ids: readonly string[]): Promise<string[]> {
  const orgs = await findOrganisationsByIds(db, [...new Set(ids)]);
  return orgs.flatMap((o) => [...Object.values(o.names), o.acronym ?? '']);
}

/** An activity as the API presents it, whatever its publication status; for other services. */
export async function readActivity(db: Queryable, id: string): Promise<ActivityOut | null> {
  return readOne(db, id);
}

/** Throws unless the actor's role and scope reach this activity. */
export async function requireActivityInScope(
  db: Queryable,
  actor: Actor,
  activity: ActivityOut,
  what: string,
): Promise<void> {
  await requireInScope(db, actor, draftOf(activity), what);
}

async function readOne(db: Queryable, id: string): Promise<ActivityOut | null> {
  const row = await findActivityById(db, id);
  if (!row) return null;
  const [out] = await present(db, [row]);
  return out ?? null;
}

async function present(db: Queryable, rows: ActivityRow[]): Promise<ActivityOut[]> {
  const ids = rows.map((r) => r.id);
  const [lists, counts] = await Promise.all([loadLists(db, ids), childCounts(db, ids)]);
  return presentActivities(rows, lists, counts);
}

export async function getActivity(
  db: Database,
  actor: Actor | null,
  id: string,
): Promise<ActivityOut> {
  const out = await readOne(db, id);
  if (!out || (out.publication_status !== 'published' && !canSeeUnpublished(actor)))
    throw new NotFoundError('Activity', id);
  return out;
}

/**
 * An office sector (vocabulary 99: education, health …) also selects the activities that report
 * only DAC codes counting under it, through the office's DAC mapping.
 */
async function expandSectors(db: Database, codes: readonly string[]): Promise<string[]> {
  const office = new Set(officeSectors().items.map((s) => s.code));
  const wanted = codes.filter((c) => office.has(c));
  if (wanted.length === 0) return [...codes];
  const [dac5, dac3] = await Promise.all([codesOf(db, 'Sector'), codesOf(db, 'SectorCategory')]);
  const extra = [...dac5, ...dac3].filter((code) =>
    officeSectorsForDac(code).some((o) => wanted.includes(o)),
  );
  return [...new Set([...codes, ...extra])];
}

async function toFilter(
  db: Database,
  actor: Actor | null,
  q: ActivityListQuery,
): Promise<ActivityFilter> {
  const folded = q.q ? foldQuery(q.q) : '';
  const none = (xs: unknown[] | undefined) => !xs || xs.length === 0;
  const [municipalityIds, organisationIds, programmeIds] = await Promise.all([
    none(q.municipality) ? null : resolveMunicipalities(db, q.municipality ?? []),
    none(q.organisation) ? null : resolveOrganisations(db, q.organisation ?? []),
    none(q.programme) ? null : resolveActivityKeys(db, q.programme ?? []),
  ]);
  return {
    likeQ: folded ? escapeLike(folded) : null,
    municipalityIds,
    sectorCodes: none(q.sector) ? null : await expandSectors(db, q.sector ?? []),
    sectorPrefixes: (q.sector ?? []).filter((c) => /^\d{3}$/.test(c)),
    organisationIds,
    roles: none(q.role) ? null : (q.role ?? null),
    withinIds: programmeIds ? await descendantsOf(db, programmeIds) : null,
    statuses: none(q.status) ? null : (q.status ?? null),
    hierarchies: none(q.hierarchy) ? null : (q.hierarchy ?? null),
    yearFrom: q.year_from ?? null,
    yearTo: q.year_to ?? null,
    publicationStatuses: canSeeUnpublished(actor)
      ? none(q.publication_status)
        ? null
        : (q.publication_status ?? null)
      : ['published'],
    cursor: decodeCursor(q.cursor),
    limit: q.limit,
  };
}

export async function searchActivities(
  db: Database,
  actor: Actor | null,
  q: ActivityListQuery,
): Promise<Page<ActivityOut>> {
  const rows = await listActivities(db, await toFilter(db, actor, q));
  const more = rows.length > q.limit;
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return {
    items: await present(db, page),
    next_cursor: more && last ? encodeCursor({ k: last.sort_key, id: last.id }) : null,
  };
}

export async function createActivity(
  db: Database,
  actor: Actor | null,
  input: ActivityCreateInput,
): Promise<ActivityOut> {
  const a = requireSignedIn(actor);
  const parsed = ActivityCreate.safeParse(input);
  if (!parsed.success) {
    throw new ValidationError(
      parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
    );
  }
  const body = parsed.data;
  let hierarchy = body.hierarchy;
  if (hierarchy === undefined) {
    const parent = body.parent_id ? await findActivityById(db, body.parent_id) : null;
    hierarchy = parent ? parent.hierarchy + 1 : 1;
  }
  const draft: Draft = { ...body, hierarchy };
  requirePublicationChange(a, null, draft.publication_status);
  await requireInScope(db, a, draft, 'create this activity');
  await validateDraft(db, draft, null);
  const write = toWrite(
    draft,
    await participantNames(
      db,
      draft.participants.map((p) => p.organisation_id),
    ),
  );
  return db.transaction(async (tx) => {
    const row = await insertActivity(tx, write, a.userId);
    await replaceLists(tx, row.id, draft, true);
    const out = await readOne(tx, row.id);
    if (!out) throw new Error(`activity ${row.id} vanished inside its own transaction`);
    await recordAudit(tx, {
      userId: a.userId,
      entity: 'activity',
      entityId: row.id,
      action: 'create',
      version: out.version,
      before: null,
      after: out,
    });
    return out;
  });
}

/** Turns a stored activity back into a draft, so a partial update can be applied over it. */
export function draftOf(current: ActivityOut): Draft {
  return {
    iati_identifier: current.iati_identifier,
    parent_id: current.parent_id,
    hierarchy: current.hierarchy,
    title: current.title_derived.length
      ? Object.fromEntries(
          Object.entries(current.title).filter(([k]) => !current.title_derived.includes(k)),
        )
      : current.title,
    description: Object.fromEntries(
      Object.entries(current.description).filter(([k]) => !current.description_derived.includes(k)),
    ),
    status: current.status,
    planned_start: current.planned_start,
    actual_start: current.actual_start,
    planned_end: current.planned_end,
    actual_end: current.actual_end,
    scope: current.scope,
    default_currency: current.default_currency,
    reporting_org_id: current.reporting_org_id,
    collaboration_type: current.collaboration_type,
    default_flow_type: current.default_flow_type,
    default_finance_type: current.default_finance_type,
    default_aid_types: current.default_aid_types,
    default_tied_status: current.default_tied_status,
    humanitarian: current.humanitarian,
    illustrative: current.illustrative,
    publication_status: current.publication_status,
    participants: current.participants.map((p) => ({
      organisation_id: p.organisation.id,
      role: p.role,
      iati_activity_ref: p.iati_activity_ref,
    })),
    locations: current.locations.map((l) => ({
      place_id: l.place?.id ?? null,
      lat: l.place ? null : l.lat,
      lon: l.place ? null : l.lon,
      name: l.name,
      percentage: l.percentage === null ? null : Number(l.percentage),
    })),
    sectors: current.sectors.map((s) => ({
      vocabulary: s.vocabulary,
      code: s.code,
      percentage: s.percentage === null ? null : Number(s.percentage),
    })),
    policy_markers: current.policy_markers,
    tags: current.tags,
    budgets: current.budgets,
    document_links: current.document_links,
  };
}

export async function patchActivity(
  db: Database,
  actor: Actor | null,
  id: string,
  patch: ActivityUpdate,
): Promise<ActivityOut> {
  const a = requireSignedIn(actor);
  const current = await readOne(db, id);
  if (!current) throw new NotFoundError('Activity', id);
  const before = draftOf(current);
  await requireInScope(db, a, before, 'edit this activity');
  const { version, ...changes } = patch;
  const next: Draft = { ...before, ...(changes as Partial<Draft>) };
  requirePublicationChange(a, current.publication_status, next.publication_status);
  await requireInScope(db, a, next, 'move this activity out of your scope');
  if (version !== current.version) throw staleVersion('Activity', id, version, current.version);
  await validateDraft(db, next, id);
  const write = toWrite(
    next,
    await participantNames(
      db,
      next.participants.map((p) => p.organisation_id),
    ),
  );
  const lists: Partial<ListsWrite> = {};
  for (const key of LIST_KEYS)
    if (changes[key] !== undefined) Object.assign(lists, { [key]: next[key] });
  return db.transaction(async (tx) => {
    const row = await updateActivity(tx, id, version, write, a.userId);
    if (!row) {
      const now = await findActivityById(tx, id);
      throw staleVersion('Activity', id, version, now?.version ?? null);
    }
    await replaceLists(tx, id, lists);
    const out = await readOne(tx, id);
    if (!out) throw new Error(`activity ${id} vanished inside its own transaction`);
    await recordAudit(tx, {
      userId: a.userId,
      entity: 'activity',
      entityId: id,
      action: 'update',
      version: out.version,
      before: current,
      after: out,
    });
    return out;
  });
}

export async function removeActivity(
  db: Database,
  actor: Actor | null,
  id: string,
  version: number | null,
): Promise<void> {
  const a = requireSignedIn(actor);
  const current = await readOne(db, id);
  if (!current) throw new NotFoundError('Activity', id);
  await requireInScope(db, a, draftOf(current), 'delete this activity');
  if (
    (a.role === 'partner_editor' || a.role === 'municipality_editor') &&
    current.publication_status !== 'draft'
  ) {
    throw new ForbiddenError('Only a coordinator may delete an activity that has left draft.');
  }
  if (version !== null && version !== current.version)
    throw staleVersion('Activity', id, version, current.version);
  if (current.children_count > 0) {
    throw new ConflictError(
      `Activity ${id} has ${current.children_count} sub-activities; move or delete them first.`,
      { children: current.children_count },
    );
  }
  await db.transaction(async (tx) => {
    await deleteActivity(tx, id);
    await recordAudit(tx, {
      userId: a.userId,
      entity: 'activity',
      entityId: id,
      action: 'delete',
      version: current.version,
      before: current,
      after: null,
    });
  });
}

/**
 * The ids of every activity a list query selects, page by page, for exports of any size: the
 * same filters and visibility as the list, without loading each page's details.
 */
export async function* selectActivityIds(
  db: Database,
  actor: Actor | null,
  q: Omit<ActivityListQuery, 'limit' | 'cursor'>,
  pageSize = 500,
): AsyncGenerator<string[]> {
  let cursor: ActivityListQuery['cursor'];
  for (;;) {
    const filter = await toFilter(db, actor, { ...q, limit: pageSize, cursor });
    const rows = await listActivities(db, filter);
    const page = rows.slice(0, pageSize);
    if (page.length) yield page.map((r) => r.id);
    const last = page.at(-1);
    if (rows.length <= pageSize || !last) return;
    cursor = encodeCursor({ k: last.sort_key, id: last.id });
  }
}

/** Full records of the given activities, in the order given (exports read page by page). */
export async function readActivities(
  db: Queryable,
  ids: readonly string[],
): Promise<ActivityOut[]> {
  const rows = await findActivitiesByIds(db, ids);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const ordered = ids.flatMap((id) => {
    const r = byId.get(id);
    return r ? [r] : [];
  });
  return present(db, ordered);
}

/**
 * The activity, when the actor may edit it; things attached to an activity (documents, results)
 * are edited with the same rights as the activity itself.
 */
export async function requireActivityEditor(
  db: Database,
  actor: Actor | null,
  id: string,
): Promise<{ actor: Actor; activity: ActivityOut }> {
  const a = requireSignedIn(actor);
  const activity = await readOne(db, id);
  if (!activity) throw new NotFoundError('Activity', id);
  await requireInScope(db, a, draftOf(activity), 'edit this activity');
  return { actor: a, activity };
}
