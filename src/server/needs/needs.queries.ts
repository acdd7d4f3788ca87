import type { Queryable } from '../db/db.js';
import type { Cursor } from '../shared/cursor.js';
import type { PublicationStatus } from '../shared/schemas.js';
import type { NeedStatus } from './needs.schemas.js';

export interface NeedRow {
  [key: string]: unknown;
  id: string;
  municipality_id: string;
  municipality_name: Record<string, string>;
  settlement_id: string | null;
  settlement_name: Record<string, string> | null;
  sector_vocabulary: string;
  sector_code: string;
  sector_name: Record<string, string> | null;
  title: Record<string, string>;
  description: Record<string, string>;
  priority: number;
  estimated_cost: string | null;
  currency: string | null;
  status: NeedStatus;
  raised_on: string;
  source_meeting_id: string | null;
  publication_status: PublicationStatus;
  version: number;
  created_at: string;
  updated_at: string;
}

const SELECT = `select n.id, n.municipality_id, mp.names as municipality_name, n.settlement_id,
    sp.names as settlement_name, n.sector_vocabulary, n.sector_code, ci.name as sector_name, n.title,
    n.description, n.priority, n.estimated_cost, n.currency, n.status, n.raised_on,
    n.source_meeting_id, n.publication_status, n.version, n.created_at, n.updated_at
  from local_need n
  join place mp on mp.id = n.municipality_id
  left join place sp on sp.id = n.settlement_id
  left join codelist_item ci on ci.code = n.sector_code and ci.codelist = case n.sector_vocabulary
    when '1' then 'Sector' when '2' then 'SectorCategory' when '99' then 'OfficeSector' end`;

export async function findNeedById(db: Queryable, id: string): Promise<NeedRow | null> {
  const rows = await db.query<NeedRow>(`${SELECT} where n.id = $1`, [id]);
  return rows[0] ?? null;
}

export interface NeedWrite {
  municipality_id: string;
  settlement_id: string | null;
  sector_vocabulary: string;
  sector_code: string;
  title: Record<string, string>;
  description: Record<string, string>;
  priority: number;
  estimated_cost: string | null;
  currency: string | null;
  status: NeedStatus;
  raised_on: string;
  source_meeting_id: string | null;
  publication_status: PublicationStatus;
  search_text: string;
}

function values(w: NeedWrite): unknown[] {
  return [
    w.municipality_id,
    w.settlement_id,
    w.sector_vocabulary,
    w.sector_code,
    JSON.stringify(w.title),
    JSON.stringify(w.description),
    w.priority,
    w.estimated_cost,
    w.currency,
    w.status,
    w.raised_on,
    w.source_meeting_id,
    w.publication_status,
    w.search_text,
  ];
}

export async function insertNeed(
  db: Queryable,
  w: NeedWrite,
  userId: string | null,
): Promise<{ id: string; version: number }> {
  const rows = await db.query<{ id: string; version: number }>(
    `insert into local_need (municipality_id, settlement_id, sector_vocabulary, sector_code, title,
       description, priority, estimated_cost, currency, status, raised_on, source_meeting_id,
       publication_status, search_text, created_by, updated_by)
     values ($1, $2, $3, $4, $5::jsonb, $6::jsonb, $7, $8::numeric, $9, $10, $11::date, $12, $13, $14, $15, $15)
     returning id, version`,
    [...values(w), userId],
  );
  const row = rows[0];
  if (!row) throw new Error('insert into local_need returned no row');
  return row;
}

/**
 * Many new needs in one statement (a bulk import), each audited as created, in the caller's
 * transaction. Returns the ids in input order.
 */
export async function insertNeedsAudited(
  db: Queryable,
  writes: readonly NeedWrite[],
  userId: string | null,
): Promise<string[]> {
  if (writes.length === 0) return [];
  const rows = await db.query<{ id: string }>(
    `with input as materialized (
       select gen_random_uuid() as id, o.n, o.value, r.*
         from jsonb_array_elements($1::jsonb) with ordinality as o(value, n),
         jsonb_to_record(o.value) as r(municipality_id uuid, settlement_id uuid,
           sector_vocabulary text, sector_code text, title jsonb, description jsonb, priority smallint,
           estimated_cost numeric, currency text, status text, raised_on date,
           source_meeting_id uuid, publication_status text, search_text text)),
     inserted as (
       insert into local_need (id, municipality_id, settlement_id, sector_vocabulary, sector_code,
         title, description, priority, estimated_cost, currency, status, raised_on,
         source_meeting_id, publication_status, search_text, created_by, updated_by)
       select id, municipality_id, settlement_id, sector_vocabulary, sector_code, title, description,
         priority, estimated_cost, currency, status, raised_on, source_meeting_id,
         publication_status, search_text, $2, $2
         from input order by n
       returning id),
     audited as (
       insert into audit_event (user_id, entity, entity_id, action, version, before, after)
       select $2, 'local_need', id, 'create', 1, null, value || '{"activities": []}'::jsonb
         from input order by n)
     select i.id from input i join inserted using (id) order by i.n`,
    [JSON.stringify(writes), userId],
  );
  return rows.map((r) => r.id);
}

export async function updateNeed(
  db: Queryable,
  id: string,
  expectedVersion: number,
  w: NeedWrite,
  userId: string | null,
): Promise<boolean> {
  const rows = await db.query<{ id: string }>(
    `update local_need set municipality_id = $1, settlement_id = $2, sector_vocabulary = $3,
       sector_code = $4, title = $5::jsonb, description = $6::jsonb, priority = $7,
       estimated_cost = $8::numeric, currency = $9, status = $10, raised_on = $11::date,
       source_meeting_id = $12, publication_status = $13, search_text = $14, updated_by = $15,
       updated_at = now(), version = version + 1
     where id = $16 and version = $17 returning id`,
    [...values(w), userId, id, expectedVersion],
  );
  return rows.length > 0;
}

export async function deleteNeed(db: Queryable, id: string): Promise<void> {
  await db.query('delete from local_need where id = $1', [id]);
}

export interface NeedActivityRow {
  [key: string]: unknown;
  need_id: string;
  activity_id: string;
  title: Record<string, string>;
  status: string | null;
  publication_status: PublicationStatus;
  note: string | null;
}

export async function needActivities(
  db: Queryable,
  needIds: readonly string[],
): Promise<NeedActivityRow[]> {
  if (needIds.length === 0) return [];
  return db.query<NeedActivityRow>(
    `select l.need_id, l.activity_id, a.title, a.status, a.publication_status, l.note
       from local_need_activity l join activity a on a.id = l.activity_id
      where l.need_id = any($1::uuid[]) order by l.need_id, a.sort_key, a.id`,
    [needIds],
  );
}

export async function replaceNeedActivities(
  db: Queryable,
  needId: string,
  links: readonly { activity_id: string; note: string | null }[],
): Promise<void> {
  await db.query('delete from local_need_activity where need_id = $1', [needId]);
  if (links.length === 0) return;
  await db.query(
    `insert into local_need_activity (need_id, activity_id, note)
     select $1, l.a, l.n from unnest($2::uuid[], $3::text[]) as l(a, n)`,
    [needId, links.map((l) => l.activity_id), links.map((l) => l.note)],
  );
}

export interface NeedFilter {
  publicationStatuses: PublicationStatus[] | null;
  likeQ: string | null;
  municipalityId: string | null;
  settlementId: string | null;
  sectorCode: string | null;
  statuses: NeedStatus[] | null;
  withoutActivity: boolean | null;
  priorities: number[] | null;
  activityId: string | null;
  cursor: Cursor | null;
  limit: number;
}

/** Most urgent first, then the oldest raised; the cursor key is "priority|raised_on". */
export async function listNeeds(db: Queryable, f: NeedFilter): Promise<NeedRow[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  if (f.publicationStatuses)
    where.push(`n.publication_status = any(${p(f.publicationStatuses)}::text[])`);
  if (f.likeQ) where.push(`n.search_text like ${p(`%${f.likeQ}%`)}`);
  if (f.municipalityId) where.push(`n.municipality_id = ${p(f.municipalityId)}`);
  if (f.settlementId) where.push(`n.settlement_id = ${p(f.settlementId)}`);
  if (f.sectorCode) where.push(`n.sector_code = ${p(f.sectorCode)}`);
  if (f.statuses) where.push(`n.status = any(${p(f.statuses)}::text[])`);
  if (f.priorities) where.push(`n.priority = any(${p(f.priorities)}::int[])`);
  const linked = `exists (select 1 from local_need_activity l where l.need_id = n.id)`;
  if (f.withoutActivity === true) where.push(`not ${linked}`);
  if (f.withoutActivity === false) where.push(linked);
  if (f.activityId)
    where.push(`exists (select 1 from local_need_activity l where l.need_id = n.id
                  and l.activity_id = ${p(f.activityId)})`);
  if (f.cursor) {
    const [priority = '0', raised = '0001-01-01'] = f.cursor.k.split('|');
    where.push(
      `(n.priority, n.raised_on, n.id) > (${p(Number(priority))}::int, ${p(raised)}::date, ${p(f.cursor.id)}::uuid)`,
    );
  }
  const sql = `${SELECT}
    ${where.length ? 'where ' + where.join(' and ') : ''}
    order by n.priority, n.raised_on, n.id limit ${p(f.limit + 1)}`;
  return db.query<NeedRow>(sql, params);
}

export interface NeedCountRow {
  [key: string]: unknown;
  municipality_id: string;
  code: string;
  names: Record<string, string>;
  total: number;
  open: number;
  met: number;
  rejected: number;
  open_without_activity: number;
}

/** Needs per municipality: met, still open, rejected, and open ones no activity answers yet. */
export async function countNeedsByMunicipality(
  db: Queryable,
  publicationStatuses: PublicationStatus[] | null,
): Promise<NeedCountRow[]> {
  return db.query<NeedCountRow>(
    `select p.id as municipality_id, p.code, p.names,
       count(*)::int as total,
       (count(*) filter (where n.status not in ('met', 'rejected')))::int as open,
       (count(*) filter (where n.status = 'met'))::int as met,
       (count(*) filter (where n.status = 'rejected'))::int as rejected,
       (count(*) filter (where n.status not in ('met', 'rejected') and not exists
          (select 1 from local_need_activity l where l.need_id = n.id)))::int as open_without_activity
     from local_need n join place p on p.id = n.municipality_id
     where ($1::text[] is null or n.publication_status = any($1::text[]))
     group by p.id, p.code, p.names`,
    [publicationStatuses],
  );
}

export async function findMunicipalityByCodeOrId(
  db: Queryable,
  key: string,
): Promise<{ id: string; kind: string } | null> {
  const rows = await db.query<{ id: string; kind: string }>(
    `select id, kind from place where kind = 'municipality' and (code = $1 or id::text = $1)`,
    [key],
  );
  return rows[0] ?? null;
}

/** The settlements of a municipality, to match a name written in any script. */
export async function settlementsOf(
  db: Queryable,
  municipalityId: string,
): Promise<{ id: string; code: string; names: Record<string, string> }[]> {
  return db.query(
    `select id, code, names from place where kind = 'settlement' and parent_id = $1`,
    [municipalityId],
  );
}
