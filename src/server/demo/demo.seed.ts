import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { DocumentLink, type ActivityCreateInput } from '../activities/activities.schemas.js';
import { findActivitiesByKeys } from '../activities/activities.queries.js';
import { createActivity } from '../activities/activities.service.js';
import { recordAudit } from '../audit/audit.queries.js';
import type { Actor } from '../auth/actor.js';
import { sectorCodelist } from '../codelists/codelists.vocabularies.js';
import type { Database, Queryable } from '../db/db.js';
import { ValidationError, type FieldIssue } from '../errors.js';
import { OrganisationCreate } from '../organisations/organisations.schemas.js';
import { findOrganisationByRefOrId } from '../organisations/organisations.queries.js';
import { createOrganisation } from '../organisations/organisations.service.js';
import { projectPath } from '../paths.js';
import { findPlaceByKindCode } from '../places/places.queries.js';
import {
  findActivityIdByEnglishTitle,
  findOrganisationIdByEnglishName,
  insertOrganisationDocumentLinks,
  loadedCodelists,
} from './demo.queries.js';
import {
  DemoFile,
  type DemoActivity,
  type DemoBudget,
  type DemoDocumentLink,
  type DemoOrganisation,
  type DemoPlaceRef,
  type PartialDate,
} from './demo.schema.js';
import { transactionAsDatabase } from '../db/nested.js';
import { seedDialogueDemo } from '../meetings/meetings.demo.js';

export const DEMO_FILE = projectPath('data', 'demo', 'demo.json');

/**
 * The seed writes as a fixed system user with the admin role, through the same services as the
 * API, so every rule is checked and every record is audited under this id.
 */
export const DEMO_ACTOR: Actor = {
  userId: '00000000-0000-0000-0000-000000000001',
  email: 'system@koordinata.invalid',
  role: 'admin',
  organisationId: null,
  municipalityId: null,
};

export interface SeedResult {
  organisations: number;
  activities: number;
  skipped: number;
}

export function readDemo(path = DEMO_FILE): DemoFile {
  const res = DemoFile.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!res.success)
    throw new Error(`${path} is not valid demo data:\n${z.prettifyError(res.error)}`);
  return res.data;
}

// ---- dates at the precision of their source ----

type Edge = 'start' | 'end';

/** A year or month as a full date: its first day when it starts a period, its last when it ends one. */
export function fullDate(d: PartialDate, edge: Edge): string {
  const [y = 0, m, day] = d.split('-').map(Number);
  if (day !== undefined) return d;
  if (edge === 'start')
    return `${String(y).padStart(4, '0')}-${String(m ?? 1).padStart(2, '0')}-01`;
  // Day 0 of the following month is the last day of this one (of December for a bare year).
  const last = new Date(Date.UTC(y, m ?? 12, 0));
  return last.toISOString().slice(0, 10);
}

function precisionOf(d: PartialDate): 'year' | 'month' | 'day' {
  return d.length === 4 ? 'year' : d.length === 7 ? 'month' : 'day';
}

const DATE_FIELDS = [
  ['planned_start', 'planned start', 'start'],
  ['actual_start', 'actual start', 'start'],
  ['planned_end', 'planned end', 'end'],
  ['actual_end', 'actual end', 'end'],
] as const;

/** The sentence that keeps a date's real precision with the record, or null when all are days. */
export function datePrecisionNote(
  a: Pick<DemoActivity, (typeof DATE_FIELDS)[number][0]>,
): string | null {
  const parts = DATE_FIELDS.flatMap(([field, label, edge]) => {
    const d = a[field];
    if (d === null || precisionOf(d) === 'day') return [];
    return [`${label} ${d} (a ${precisionOf(d)}; stored as ${fullDate(d, edge)})`];
  });
  return parts.length ? `Dates at the precision of the sources: ${parts.join('; ')}.` : null;
}

function budgetNote(b: DemoBudget): string {
  if (precisionOf(b.period_start) === 'day' && precisionOf(b.period_end) === 'day') return b.note;
  const start = fullDate(b.period_start, 'start');
  const end = fullDate(b.period_end, 'end');
  return `${b.note} Period as the sources give it: ${b.period_start} to ${b.period_end} (stored as ${start} to ${end}).`;
}

// ---- reference data ----

function placeKey(p: DemoPlaceRef): string {
  return `${p.kind}:${p.code}`;
}

function placeRefs(demo: DemoFile): DemoPlaceRef[] {
  const refs = [
    ...demo.organisations.flatMap((o) =>
      o.municipality ? [{ kind: 'municipality' as const, code: o.municipality }] : [],
    ),
    ...demo.activities.flatMap((a) => a.locations),
  ];
  return [...new Map(refs.map((r) => [placeKey(r), r])).values()];
}

/** Codelists whose absence would let codes through unchecked (checkCodes skips an empty list). */
function codelistsNeeded(demo: DemoFile): string[] {
  const sectorLists = demo.activities.flatMap((a) =>
    a.sectors.flatMap((s) => {
      const list = sectorCodelist(s.vocabulary);
      return list ? [list] : [];
    }),
  );
  return [
    ...new Set([
      'OrganisationType',
      'Country',
      'ActivityStatus',
      'Currency',
      'SectorVocabulary',
      ...sectorLists,
    ]),
  ];
}

/**
 * Checks that the codelists and gazetteer places the demo needs are loaded, and returns the place
 * ids by "kind:code". Fails naming everything missing at once, so one reload fixes it.
 */
export async function requireReferenceData(
  db: Queryable,
  demo: DemoFile,
): Promise<Map<string, string>> {
  const needed = codelistsNeeded(demo);
  const loaded = new Set(await loadedCodelists(db, needed));
  const missingLists = needed.filter((n) => !loaded.has(n));
  const places = new Map<string, string>();
  const missingPlaces: string[] = [];
  for (const ref of placeRefs(demo)) {
    const place = await findPlaceByKindCode(db, ref.kind, ref.code);
    if (place) places.set(placeKey(ref), place.id);
    else missingPlaces.push(`${ref.kind} ${ref.code}`);
  }
  if (missingLists.length || missingPlaces.length) {
    const issues: FieldIssue[] = [
      ...missingLists.map((n) => ({
        path: 'codelist',
        message: `${n} is not loaded`,
        code: 'reference_missing',
      })),
      ...missingPlaces.map((p) => ({
        path: 'place',
        message: `${p} is not in the gazetteer`,
        code: 'reference_missing',
      })),
    ];
    const what = [
      missingLists.length ? `codelists ${missingLists.join(', ')}` : null,
      missingPlaces.length ? `gazetteer places ${missingPlaces.join(', ')}` : null,
    ].filter((x): x is string => x !== null);
    throw new ValidationError(
      issues,
      `The demo data need reference data that is not loaded: ${what.join('; ')}. ` +
        'Load the reference data first (the IATI codelists with the office sector list, and the gazetteer).',
    );
  }
  return places;
}

// ---- records ----

/** Parents before children, so every parent key has an id when its children are created. */
function parentsFirst<T extends { key: string; parent: string | null }>(items: readonly T[]): T[] {
  const done = new Set<string>();
  const out: T[] = [];
  let rest = [...items];
  while (rest.length) {
    const ready = rest.filter((i) => i.parent === null || done.has(i.parent));
    // The schema rejects unknown parents and cycles, so this only guards against a schema change.
    if (ready.length === 0)
      throw new Error(`unresolvable parents: ${rest.map((i) => i.key).join(', ')}`);
    for (const i of ready) {
      out.push(i);
      done.add(i.key);
    }
    rest = rest.filter((i) => !done.has(i.key));
  }
  return out;
}

function narratives(n: Partial<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(n).filter((e): e is [string, string] => e[1] !== undefined),
  );
}

function documentLink(l: DemoDocumentLink) {
  return { url: l.url, title: { en: l.title }, note: l.note };
}

function need(ids: ReadonlyMap<string, string>, key: string, what: string): string {
  const id = ids.get(key);
  if (id === undefined) throw new Error(`${what} ${key} has no id yet`);
  return id;
}

/**
 * Sources of facts about an organisation. The organisation service cannot take them yet, so they
 * are checked with the activities' link schema and written here, audited as a change by the seed.
 */
async function addOrganisationLinks(
  db: Queryable,
  organisationId: string,
  version: number,
  links: readonly DemoDocumentLink[],
): Promise<void> {
  if (links.length === 0) return;
  const checked = links.map((l) => DocumentLink.parse(documentLink(l)));
  await insertOrganisationDocumentLinks(db, organisationId, checked);
  await recordAudit(db, {
    userId: DEMO_ACTOR.userId,
    entity: 'organisation',
    entityId: organisationId,
    action: 'update',
    version,
    before: { document_links: [] },
    after: { document_links: checked },
  });
}

async function existingOrganisation(db: Queryable, o: DemoOrganisation): Promise<string | null> {
  if (o.iati_ref) {
    const byRef = await findOrganisationByRefOrId(db, o.iati_ref);
    if (byRef) return byRef.id;
  }
  return findOrganisationIdByEnglishName(db, o.names.en);
}

async function existingActivity(
  db: Queryable,
  a: DemoActivity,
  parentId: string | null,
): Promise<string | null> {
  if (a.iati_identifier) {
    const [byId] = await findActivitiesByKeys(db, [a.iati_identifier]);
    if (byId) return byId.id;
  }
  return findActivityIdByEnglishTitle(db, a.title.en, parentId);
}

function organisationInput(
  o: DemoOrganisation,
  orgIds: ReadonlyMap<string, string>,
  places: ReadonlyMap<string, string>,
) {
  return OrganisationCreate.parse({
    names: narratives(o.names),
    acronym: o.acronym,
    iati_ref: o.iati_ref,
    iati_type: o.iati_type,
    country: o.country,
    kind: o.kind,
    parent_id: o.parent ? need(orgIds, o.parent, 'organisation') : null,
    place_id: o.municipality ? need(places, `municipality:${o.municipality}`, 'place') : null,
    website: o.website,
    publication_status: 'published',
    illustrative: o.illustrative,
  });
}

function activityInput(
  a: DemoActivity,
  ids: {
    orgs: ReadonlyMap<string, string>;
    acts: ReadonlyMap<string, string>;
    places: ReadonlyMap<string, string>;
  },
): ActivityCreateInput {
  const precision = datePrecisionNote(a);
  const date = (d: PartialDate | null, edge: Edge) => (d === null ? null : fullDate(d, edge));
  return {
    iati_identifier: a.iati_identifier,
    parent_id: a.parent ? need(ids.acts, a.parent, 'activity') : null,
    hierarchy: a.hierarchy,
    title: narratives(a.title),
    description: { en: precision ? `${a.description}\n\n${precision}` : a.description },
    status: a.status,
    planned_start: date(a.planned_start, 'start'),
    actual_start: date(a.actual_start, 'start'),
    planned_end: date(a.planned_end, 'end'),
    actual_end: date(a.actual_end, 'end'),
    default_currency: a.default_currency,
    reporting_org_id: a.reporting_org ? need(ids.orgs, a.reporting_org, 'organisation') : null,
    illustrative: a.illustrative,
    publication_status: 'published',
    participants: a.participants.map((p) => ({
      organisation_id: need(ids.orgs, p.org, 'organisation'),
      role: p.role,
    })),
    locations: a.locations.map((l) => ({ place_id: need(ids.places, placeKey(l), 'place') })),
    sectors: a.sectors,
    budgets: a.budgets.map((b) => ({
      type: b.type,
      status: b.status,
      period_start: fullDate(b.period_start, 'start'),
      period_end: fullDate(b.period_end, 'end'),
      value: b.value,
      currency: b.currency,
      // IATI wants the date of the exchange rate; the sources report the figure for the whole period.
      value_date: fullDate(b.period_start, 'start'),
      note: budgetNote(b),
    })),
    document_links: a.document_links.map(documentLink),
  };
}

/**
 * Loads data/demo/demo.json — the documented partners and programmes in Preševo, Bujanovac and
 * Medveđa since 2001 — through the organisation and activity services, in one transaction.
 * Idempotent: a record already there (same IATI reference or identifier, else the same English
 * name, or title under the same parent) is left as it is and counted as skipped.
 */
export function seedDemo(
  db: Database,
  opts: { onProgress?(msg: string): void } = {},
): Promise<SeedResult> {
  return seedDemoData(db, readDemo(), opts);
}

/** seedDemo for data already read: one transaction, so a record that fails leaves nothing behind. */
export async function seedDemoData(
  db: Database,
  demo: DemoFile,
  opts: { onProgress?(msg: string): void } = {},
): Promise<SeedResult> {
  const progress = (msg: string) => opts.onProgress?.(msg);
  return db.transaction(async (tx) => {
    const inner = transactionAsDatabase(tx, db.engine);
    const places = await requireReferenceData(inner, demo);
    const result: SeedResult = { organisations: 0, activities: 0, skipped: 0 };

    const orgs = new Map<string, string>();
    for (const o of parentsFirst(demo.organisations)) {
      const existing = await existingOrganisation(inner, o);
      if (existing) {
        orgs.set(o.key, existing);
        result.skipped++;
        continue;
      }
      const created = await createOrganisation(
        inner,
        DEMO_ACTOR,
        organisationInput(o, orgs, places),
      );
      await addOrganisationLinks(inner, created.id, created.version, o.document_links);
      orgs.set(o.key, created.id);
      result.organisations++;
      progress(`organisation: ${o.names.en}`);
    }

    const acts = new Map<string, string>();
    for (const a of parentsFirst(demo.activities)) {
      const parentId = a.parent ? need(acts, a.parent, 'activity') : null;
      const existing = await existingActivity(inner, a, parentId);
      if (existing) {
        acts.set(a.key, existing);
        result.skipped++;
        continue;
      }
      const created = await createActivity(
        inner,
        DEMO_ACTOR,
        activityInput(a, { orgs, acts, places }),
      );
      acts.set(a.key, created.id);
      result.activities++;
      progress(`activity: ${a.title.en}`);
    }
    const dialogue = await seedDialogueDemo(inner, DEMO_ACTOR, {
      organisation: (key) => need(orgs, key, 'organisation'),
      activity: (key) => need(acts, key, 'activity'),
    });
    if (dialogue.meetings) progress(`meetings: ${dialogue.meetings}`);
    return result;
  });
}
