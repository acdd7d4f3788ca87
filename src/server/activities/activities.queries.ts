import type { Queryable } from '../db/db.js';
import type { Cursor } from '../shared/cursor.js';
import type { PublicationStatus } from '../shared/schemas.js';
import type { ParticipantRole } from './activities.schemas.js';

export interface ActivityRow {
  [key: string]: unknown;
  id: string;
  iati_identifier: string | null;
  parent_id: string | null;
  hierarchy: number;
  title: Record<string, string>;
  description: Record<string, string>;
  status: string | null;
  planned_start: string | null;
  actual_start: string | null;
  planned_end: string | null;
  actual_end: string | null;
  scope: string | null;
  default_currency: string | null;
  reporting_org_id: string | null;
  collaboration_type: string | null;
  default_flow_type: string | null;
  default_finance_type: string | null;
  default_aid_types: { vocabulary: string; code: string }[];
  default_tied_status: string | null;
  humanitarian: boolean | null;
  illustrative: boolean;
  publication_status: PublicationStatus;
  sort_key: string;
  version: number;
  created_at: string;
  updated_at: string;
}

const COLUMNS = `a.id, a.iati_identifier, a.parent_id, a.hierarchy, a.title, a.description, a.status,
  a.planned_start, a.actual_start, a.planned_end, a.actual_end, a.scope, a.default_currency,
  a.reporting_org_id, a.collaboration_type, a.default_flow_type, a.default_finance_type,
  a.default_aid_types, a.default_tied_status, a.humanitarian, a.illustrative, a.publication_status,
  a.sort_key, a.version, a.created_at, a.updated_at`;

export interface ActivityWrite {
  iati_identifier: string | null;
  parent_id: string | null;
  hierarchy: number;
  title: Record<string, string>;
  description: Record<string, string>;
  status: string | null;
  planned_start: string | null;
  actual_start: string | null;
  planned_end: string | null;
  actual_end: string | null;
  scope: string | null;
  default_currency: string | null;
  reporting_org_id: string | null;
  collaboration_type: string | null;
  default_flow_type: string | null;
  default_finance_type: string | null;
  default_aid_types: unknown[];
  default_tied_status: string | null;
  humanitarian: boolean | null;
  illustrative: boolean;
  publication_status: PublicationStatus;
  search_text: string;
  sort_key: string;
  start_year: number | null;
  end_year: number | null;
}

/** The insert columns of an activity, in the order of `activityValues`. */
export const ACTIVITY_WRITE_COLUMNS = [
  'iati_identifier',
  'parent_id',
  'hierarchy',
  'title',
  'description',
  'status',
  'planned_start',
  'actual_start',
  'planned_end',
  'actual_end',
  'scope',
  'default_currency',
  'reporting_org_id',
  'collaboration_type',
  'default_flow_type',
  'default_finance_type',
  'default_aid_types',
  'default_tied_status',
  'humanitarian',
  'illustrative',
  'publication_status',
  'search_text',
  'sort_key',
  'start_year',
  'end_year',
] as const;

export function activityValues(w: ActivityWrite): unknown[] {
  return values(w);
}

function values(w: ActivityWrite): unknown[] {
  return [
    w.iati_identifier,
    w.parent_id,
    w.hierarchy,
    JSON.stringify(w.title),
    JSON.stringify(w.description),
    w.status,
    w.planned_start,
    w.actual_start,
    w.planned_end,
    w.actual_end,
    w.scope,
    w.default_currency,
    w.reporting_org_id,
    w.collaboration_type,
    w.default_flow_type,
    w.default_finance_type,
    JSON.stringify(w.default_aid_types),
    w.default_tied_status,
    w.humanitarian,
    w.illustrative,
    w.publication_status,
    w.search_text,
    w.sort_key,
    w.start_year,
    w.end_year,
  ];
}

export async function insertActivity(
  db: Queryable,
  w: ActivityWrite,
  userId: string | null,
): Promise<ActivityRow> {
  const rows = await db.query<ActivityRow>(
    `insert into activity as a (iati_identifier, parent_id, hierarchy, title, description, status,
       planned_start, actual_start, planned_end, actual_end, scope, default_currency, reporting_org_id,
       collaboration_type, default_flow_type, default_finance_type, default_aid_types,
       default_tied_status, humanitarian, illustrative, publication_status, search_text, sort_key,
       start_year, end_year, created_by, updated_by)
     values ($1, $2, $3, $4::jsonb, $5::jsonb, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16,
       $17::jsonb, $18, $19, $20, $21, $22, $23, $24, $25, $26, $26)
     returning ${COLUMNS}`,
    [...values(w), userId],
  );
  const row = rows[0];
  if (!row) throw new Error('insert into activity returned no row');
  return row;
}

/** Writes only if the stored version is the one the caller read; null when it is not. */
export async function updateActivity(
  db: Queryable,
  id: string,
  expectedVersion: number,
  w: ActivityWrite,
  userId: string | null,
): Promise<ActivityRow | null> {
  const rows = await db.query<ActivityRow>(
    `update activity as a set iati_identifier = $1, parent_id = $2, hierarchy = $3, title = $4::jsonb,
       description = $5::jsonb, status = $6, planned_start = $7, actual_start = $8, planned_end = $9,
       actual_end = $10, scope = $11, default_currency = $12, reporting_org_id = $13,
       collaboration_type = $14, default_flow_type = $15, default_finance_type = $16,
       default_aid_types = $17::jsonb, default_tied_status = $18, humanitarian = $19,
       illustrative = $20, publication_status = $21, search_text = $22, sort_key = $23,
       start_year = $24, end_year = $25, updated_by = $26, updated_at = now(), version = a.version + 1
     where a.id = $27 and a.version = $28
     returning ${COLUMNS}`,
    [...values(w), userId, id, expectedVersion],
  );
  return rows[0] ?? null;
}

export async function findActivityById(db: Queryable, id: string): Promise<ActivityRow | null> {
  const rows = await db.query<ActivityRow>(`select ${COLUMNS} from activity a where a.id = $1`, [
    id,
  ]);
  return rows[0] ?? null;
}

export async function findActivitiesByIds(
  db: Queryable,
  ids: readonly string[],
): Promise<ActivityRow[]> {
  if (ids.length === 0) return [];
  return db.query<ActivityRow>(`select ${COLUMNS} from activity a where a.id = any($1::uuid[])`, [
    ids,
  ]);
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Activities named by id or by IATI identifier (any case), each through its own index. */
export async function findActivitiesByKeys(
  db: Queryable,
  keys: readonly string[],
): Promise<{ id: string; key: string }[]> {
  if (keys.length === 0) return [];
  const ids = keys.filter((k) => UUID_RE.test(k));
  const identifiers = keys.filter((k) => !UUID_RE.test(k)).map((k) => k.toLowerCase());
  return db.query<{ id: string; key: string }>(
    `select id, id::text as key from activity where id = any($1::uuid[])
     union all
     select id, iati_identifier as key from activity
      where iati_identifier is not null and lower(iati_identifier) = any($2::text[])`,
    [ids, identifiers],
  );
}

export async function deleteActivity(db: Queryable, id: string): Promise<void> {
  await db.query('delete from activity where id = $1', [id]);
}

/**
 * Ids of everything beneath the given activities, level by level through the parent index: a
 * few cheap lookups, where a recursive CTE gets a planner estimate of millions of rows.
 */
export async function descendantsOf(db: Queryable, ids: readonly string[]): Promise<string[]> {
  const all: string[] = [];
  let level = [...ids];
  for (let depth = 0; depth < 5 && level.length > 0; depth++) {
    const rows = await db.query<{ id: string }>(
      'select id from activity where parent_id = any($1::uuid[])',
      [level],
    );
    level = rows.map((r) => r.id);
    all.push(...level);
  }
  return all;
}

/** Ids of the activities beneath one (children, grandchildren …), not the activity itself. */
export function descendantIds(db: Queryable, id: string): Promise<string[]> {
  return descendantsOf(db, [id]);
}

export async function minChildHierarchy(db: Queryable, id: string): Promise<number | null> {
  const rows = await db.query<{ h: number | null }>(
    'select min(hierarchy)::int as h from activity where parent_id = $1',
    [id],
  );
  return rows[0]?.h ?? null;
}

export async function childCounts(
  db: Queryable,
  ids: readonly string[],
): Promise<Map<string, number>> {
  if (ids.length === 0) return new Map();
  const rows = await db.query<{ parent_id: string; n: number }>(
    'select parent_id, count(*)::int as n from activity where parent_id = any($1::uuid[]) group by parent_id',
    [ids],
  );
  return new Map(rows.map((r) => [r.parent_id, r.n]));
}

// ---- the lists that belong to an activity ----

export interface ParticipantRow {
  [key: string]: unknown;
  activity_id: string;
  organisation_id: string;
  role: ParticipantRole;
  iati_activity_ref: string | null;
  org_names: Record<string, string>;
  org_acronym: string | null;
  org_kind: string;
  org_iati_ref: string | null;
}
export interface LocationRow {
  [key: string]: unknown;
  activity_id: string;
  place_id: string | null;
  place_kind: string | null;
  place_code: string | null;
  place_names: Record<string, string> | null;
  place_parent_id: string | null;
  lat: number | null;
  lon: number | null;
  name: Record<string, string>;
  percentage: string | null;
}
export interface SectorRow {
  [key: string]: unknown;
  activity_id: string;
  vocabulary: string;
  code: string;
  percentage: string | null;
}
export interface PolicyMarkerRow {
  [key: string]: unknown;
  activity_id: string;
  vocabulary: string;
  code: string;
  significance: string | null;
}
export interface TagRow {
  [key: string]: unknown;
  activity_id: string;
  vocabulary: string;
  code: string;
}
export interface BudgetRow {
  [key: string]: unknown;
  activity_id: string;
  type: string;
  status: string;
  period_start: string;
  period_end: string;
  value: string;
  currency: string;
  value_date: string;
  note: string | null;
}
export interface DocumentLinkRow {
  [key: string]: unknown;
  activity_id: string;
  url: string;
  title: Record<string, string>;
  category: string | null;
  format: string | null;
  language: string | null;
  document_date: string | null;
  note: string | null;
}

export interface ActivityLists {
  participants: ParticipantRow[];
  locations: LocationRow[];
  sectors: SectorRow[];
  policy_markers: PolicyMarkerRow[];
  tags: TagRow[];
  budgets: BudgetRow[];
  document_links: DocumentLinkRow[];
}

export async function loadLists(db: Queryable, ids: readonly string[]): Promise<ActivityLists> {
  const p = [ids];
  const [participants, locations, sectors, policy_markers, tags, budgets, document_links] =
    await Promise.all([
      db.query<ParticipantRow>(
        `select ap.activity_id, ap.organisation_id, ap.role, ap.iati_activity_ref, o.names as org_names,
              o.acronym as org_acronym, o.kind as org_kind, o.iati_ref as org_iati_ref
         from activity_participant ap join organisation o on o.id = ap.organisation_id
        where ap.activity_id = any($1::uuid[]) order by ap.activity_id, ap.position`,
        p,
      ),
      db.query<LocationRow>(
        `select l.activity_id, l.place_id, pl.kind as place_kind, pl.code as place_code,
              pl.names as place_names, pl.parent_id as place_parent_id, l.lat, l.lon, l.name, l.percentage
         from activity_location l left join place pl on pl.id = l.place_id
        where l.activity_id = any($1::uuid[]) order by l.activity_id, l.position`,
        p,
      ),
      db.query<SectorRow>(
        `select activity_id, vocabulary, code, percentage from activity_sector
        where activity_id = any($1::uuid[]) order by activity_id, position`,
        p,
      ),
      db.query<PolicyMarkerRow>(
        `select activity_id, vocabulary, code, significance from activity_policy_marker
        where activity_id = any($1::uuid[]) order by activity_id, vocabulary, code`,
        p,
      ),
      db.query<TagRow>(
        `select activity_id, vocabulary, code from activity_tag
        where activity_id = any($1::uuid[]) order by activity_id, vocabulary, code`,
        p,
      ),
      db.query<BudgetRow>(
        `select activity_id, type, status, period_start, period_end, value, currency, value_date, note
         from activity_budget where activity_id = any($1::uuid[]) order by activity_id, position`,
        p,
      ),
      db.query<DocumentLinkRow>(
        `select activity_id, url, title, category, format, language, document_date, note
         from document_link where activity_id = any($1::uuid[]) order by activity_id, position`,
        p,
      ),
    ]);
  return { participants, locations, sectors, policy_markers, tags, budgets, document_links };
}

export interface ListsWrite {
  participants: {
    organisation_id: string;
    role: string;
    iati_activity_ref: string | null;
    org_type?: string | null;
    crs_channel_code?: string | null;
  }[];
  locations: {
    place_id: string | null;
    lat: number | null;
    lon: number | null;
    name: Record<string, string>;
    percentage: number | null;
    ref?: string | null;
    /** IATI location details beyond the registry's own: reach, ids, administrative, exactness … */
    iati?: Record<string, unknown>;
  }[];
  sectors: {
    vocabulary: string;
    code: string;
    percentage: number | null;
    narrative?: Record<string, string>;
  }[];
  policy_markers: { vocabulary: string; code: string; significance: string | null }[];
  tags: { vocabulary: string; code: string }[];
  budgets: {
    type: string;
    status: string;
    period_start: string;
    period_end: string;
    value: string;
    currency: string;
    value_date: string;
    note: string | null;
  }[];
  document_links: {
    url: string;
    title: Record<string, string>;
    category: string | null;
    format: string | null;
    language: string | null;
    document_date: string | null;
    note: string | null;
    description?: Record<string, string>;
    categories?: string[];
    languages?: string[];
  }[];
}

/** Multi-row insert of one list; `cols` name the columns after activity_id and position. */
async function insertRows(
  db: Queryable,
  table: string,
  cols: readonly string[],
  activityId: string,
  rows: readonly (readonly unknown[])[],
): Promise<void> {
  // PostgreSQL takes at most 65,535 parameters a statement: long lists go in chunks.
  const perChunk = Math.max(1, Math.floor(30_000 / Math.max(1, cols.length)));
  for (let start = 0; start < rows.length; start += perChunk) {
    const params: unknown[] = [activityId];
    const tuples = rows.slice(start, start + perChunk).map((r, i) => {
      const slots = r.map((v) => {
        params.push(v);
        return `$${params.length}`;
      });
      return `($1, ${start + i}, ${slots.join(', ')})`;
    });
    await db.query(
      `insert into ${table} (activity_id, position, ${cols.join(', ')}) values ${tuples.join(', ')}`,
      params,
    );
  }
}

/**
 * Replaces the given lists of an activity whole; lists left undefined stay as they are. For an
 * activity inserted just now (`fresh`) there is nothing to delete first.
 */
export async function replaceLists(
  db: Queryable,
  activityId: string,
  lists: Partial<ListsWrite>,
  fresh = false,
): Promise<void> {
  const del = async (table: string) => {
    if (!fresh) await db.query(`delete from ${table} where activity_id = $1`, [activityId]);
  };
  if (lists.participants) {
    await del('activity_participant');
    await insertRows(
      db,
      'activity_participant',
      ['organisation_id', 'role', 'iati_activity_ref', 'org_type', 'crs_channel_code'],
      activityId,
      lists.participants.map((x) => [
        x.organisation_id,
        x.role,
        x.iati_activity_ref,
        x.org_type ?? null,
        x.crs_channel_code ?? null,
      ]),
    );
  }
  if (lists.locations) {
    await del('activity_location');
    await insertRows(
      db,
      'activity_location',
      ['place_id', 'lat', 'lon', 'name', 'percentage', 'ref', 'iati'],
      activityId,
      lists.locations.map((x) => [
        x.place_id,
        x.lat,
        x.lon,
        JSON.stringify(x.name),
        x.percentage,
        x.ref ?? null,
        JSON.stringify(x.iati ?? {}),
      ]),
    );
  }
  if (lists.sectors) {
    await del('activity_sector');
    await insertRows(
      db,
      'activity_sector',
      ['vocabulary', 'code', 'percentage', 'narrative'],
      activityId,
      lists.sectors.map((x) => [
        x.vocabulary,
        x.code,
        x.percentage,
        JSON.stringify(x.narrative ?? {}),
      ]),
    );
  }
  if (lists.policy_markers) {
    await del('activity_policy_marker');
    if (lists.policy_markers.length) {
      const params: unknown[] = [activityId];
      const tuples = lists.policy_markers.map((x) => {
        params.push(x.vocabulary, x.code, x.significance);
        const n = params.length;
        return `($1, $${n - 2}, $${n - 1}, $${n})`;
      });
      await db.query(
        `insert into activity_policy_marker (activity_id, vocabulary, code, significance) values ${tuples.join(', ')}`,
        params,
      );
    }
  }
  if (lists.tags) {
    await del('activity_tag');
    if (lists.tags.length) {
      const params: unknown[] = [activityId];
      const tuples = lists.tags.map((x) => {
        params.push(x.vocabulary, x.code);
        const n = params.length;
        return `($1, $${n - 1}, $${n})`;
      });
      await db.query(
        `insert into activity_tag (activity_id, vocabulary, code) values ${tuples.join(', ')}`,
        params,
      );
    }
  }
  if (lists.budgets) {
    await del('activity_budget');
    await insertRows(
      db,
      'activity_budget',
      ['type', 'status', 'period_start', 'period_end', 'value', 'currency', 'value_date', 'note'],
      activityId,
      lists.budgets.map((x) => [
        x.type,
        x.status,
        x.period_start,
        x.period_end,
        x.value,
        x.currency,
        x.value_date,
        x.note,
      ]),
    );
  }
  if (lists.document_links) {
    await del('document_link');
    await insertRows(
      db,
      'document_link',
      [
        'url',
        'title',
        'category',
        'format',
        'language',
        'document_date',
        'note',
        'description',
        'categories',
        'languages',
      ],
      activityId,
      lists.document_links.map((x) => [
        x.url,
        JSON.stringify(x.title),
        x.category,
        x.format,
        x.language,
        x.document_date,
        x.note,
        JSON.stringify(x.description ?? {}),
        x.categories ?? (x.category ? [x.category] : []),
        x.languages ?? (x.language ? [x.language] : []),
      ]),
    );
  }
}

// ---- listing ----

export interface ActivityFilter {
  likeQ: string | null;
  municipalityIds: string[] | null;
  sectorCodes: string[] | null;
  /** DAC 3-digit categories whose 5-digit codes also match (vocabulary 1). */
  sectorPrefixes: string[];
  organisationIds: string[] | null;
  roles: ParticipantRole[] | null;
  /** Only these activities (a programme's descendants, resolved beforehand). */
  withinIds: string[] | null;
  statuses: string[] | null;
  hierarchies: number[] | null;
  yearFrom: number | null;
  yearTo: number | null;
  publicationStatuses: PublicationStatus[] | null;
  cursor: Cursor | null;
  limit: number;
}

export async function listActivities(db: Queryable, f: ActivityFilter): Promise<ActivityRow[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  if (f.likeQ) where.push(`a.search_text like ${p(`%${f.likeQ}%`)}`);
  if (f.municipalityIds) {
    const m = p(f.municipalityIds);
    where.push(`(exists (select 1 from activity_location l join place pl on pl.id = l.place_id
                   where l.activity_id = a.id and (pl.id = any(${m}::uuid[]) or pl.parent_id = any(${m}::uuid[])))
              or exists (select 1 from activity_participant ap join organisation o on o.id = ap.organisation_id
                   where ap.activity_id = a.id and ap.role = 'beneficiary' and o.place_id = any(${m}::uuid[])))`);
  }
  if (f.sectorCodes) {
    const s = p(f.sectorCodes);
    // A DAC 3-digit category matches its 5-digit codes: a prefix LIKE the planner estimates well.
    const prefixes = p(f.sectorPrefixes.map((c) => `${c}%`));
    where.push(`exists (select 1 from activity_sector s where s.activity_id = a.id
                  and (s.code = any(${s}::text[]) or (s.vocabulary = '1' and s.code like any(${prefixes}::text[]))))`);
  }
  if (f.organisationIds) {
    const o = p(f.organisationIds);
    if (f.roles) {
      where.push(`exists (select 1 from activity_participant ap where ap.activity_id = a.id
                    and ap.organisation_id = any(${o}::uuid[]) and ap.role = any(${p(f.roles)}::text[]))`);
    } else {
      where.push(`(a.reporting_org_id = any(${o}::uuid[]) or exists (select 1 from activity_participant ap
                    where ap.activity_id = a.id and ap.organisation_id = any(${o}::uuid[])))`);
    }
  } else if (f.roles) {
    where.push(
      `exists (select 1 from activity_participant ap where ap.activity_id = a.id and ap.role = any(${p(f.roles)}::text[]))`,
    );
  }
  if (f.withinIds) where.push(`a.id = any(${p(f.withinIds)}::uuid[])`);
  if (f.statuses) where.push(`a.status = any(${p(f.statuses)}::text[])`);
  if (f.hierarchies) where.push(`a.hierarchy = any(${p(f.hierarchies)}::int[])`);
  if (f.yearFrom !== null) where.push(`coalesce(a.end_year, a.start_year) >= ${p(f.yearFrom)}`);
  if (f.yearTo !== null) where.push(`coalesce(a.start_year, a.end_year) <= ${p(f.yearTo)}`);
  if (f.publicationStatuses)
    where.push(`a.publication_status = any(${p(f.publicationStatuses)}::text[])`);
  if (f.cursor) where.push(`(a.sort_key, a.id) > (${p(f.cursor.k)}, ${p(f.cursor.id)}::uuid)`);
  const sql = `select ${COLUMNS} from activity a
    ${where.length ? 'where ' + where.join(' and ') : ''}
    order by a.sort_key, a.id limit ${p(f.limit + 1)}`;
  return db.query<ActivityRow>(sql, params);
}
