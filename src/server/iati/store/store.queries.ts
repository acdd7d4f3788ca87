import type { Queryable } from '../../db/db.js';

/** SQL for the IATI parts of an activity that the registry's core tables do not hold. */

export interface TransactionWrite {
  ref: string | null;
  humanitarian: boolean | null;
  type: string;
  date: string;
  value: string;
  currency: string;
  value_date: string;
  description: Record<string, string>;
  provider_org_id: string | null;
  provider: unknown;
  provider_activity_id: string | null;
  receiver_org_id: string | null;
  receiver: unknown;
  receiver_activity_id: string | null;
  disbursement_channel: string | null;
  sectors: unknown[];
  recipient_country: string | null;
  recipient_region: unknown;
  flow_type: string | null;
  finance_type: string | null;
  aid_types: unknown[];
  tied_status: string | null;
}

export interface PlannedDisbursementWrite {
  type: string | null;
  period_start: string;
  period_end: string | null;
  value: string;
  currency: string;
  value_date: string;
  provider: unknown;
  receiver: unknown;
}

export interface RecipientWrite {
  kind: 'country' | 'region';
  vocabulary: string;
  code: string;
  percentage: string | null;
  narrative: Record<string, string>;
}

export interface ResultWrite {
  type: string;
  aggregation_status: boolean | null;
  title: Record<string, string>;
  description: Record<string, string>;
  indicators: {
    measure: string;
    ascending: boolean | null;
    aggregation_status: boolean | null;
    title: Record<string, string>;
    description: Record<string, string>;
    refs: unknown[];
    baselines: unknown[];
    periods: { period_start: string; period_end: string; targets: unknown[]; actuals: unknown[] }[];
  }[];
}

export interface IatiExtrasWrite {
  transactions: TransactionWrite[];
  planned_disbursements: PlannedDisbursementWrite[];
  recipients: RecipientWrite[];
  results: ResultWrite[];
  related: { ref: string; type: string }[];
}

const JSON_COLS = new Set([
  'description',
  'provider',
  'receiver',
  'sectors',
  'recipient_region',
  'aid_types',
  'title',
  'refs',
  'baselines',
  'targets',
  'actuals',
  'narrative',
]);

/** Multi-row insert in chunks that stay under PostgreSQL's parameter limit. Returns ids if asked. */
async function insertMany(
  db: Queryable,
  table: string,
  fixed: Record<string, unknown>,
  cols: readonly string[],
  rows: readonly Record<string, unknown>[],
  returning = false,
): Promise<string[]> {
  const ids: string[] = [];
  if (rows.length === 0) return ids;
  const fixedCols = Object.keys(fixed);
  const all = [...fixedCols, 'position', ...cols];
  const perChunk = Math.max(1, Math.floor(30_000 / all.length));
  for (let start = 0; start < rows.length; start += perChunk) {
    const params: unknown[] = [];
    const tuples = rows.slice(start, start + perChunk).map((row, i) => {
      const slots = all.map((c) => {
        let v: unknown;
        if (c === 'position') v = start + i;
        else if (c in fixed) v = fixed[c];
        else v = row[c] ?? null;
        if (JSON_COLS.has(c) && v !== null) v = JSON.stringify(v);
        params.push(v);
        return `$${params.length}${JSON_COLS.has(c) ? '::jsonb' : ''}`;
      });
      return `(${slots.join(', ')})`;
    });
    const res = await db.query<{ id: string }>(
      `insert into ${table} (${all.join(', ')}) values ${tuples.join(', ')}${returning ? ' returning id' : ''}`,
      params,
    );
    ids.push(...res.map((r) => r.id));
  }
  return ids;
}

export const TRANSACTION_COLS = [
  'ref',
  'humanitarian',
  'type',
  'date',
  'value',
  'currency',
  'value_date',
  'description',
  'provider_org_id',
  'provider',
  'provider_activity_id',
  'receiver_org_id',
  'receiver',
  'receiver_activity_id',
  'disbursement_channel',
  'sectors',
  'recipient_country',
  'recipient_region',
  'flow_type',
  'finance_type',
  'aid_types',
  'tied_status',
] as const;

/** Replaces every IATI-only list of an activity (nothing to delete for one just inserted). */
export async function replaceIatiExtras(
  db: Queryable,
  activityId: string,
  x: IatiExtrasWrite,
  fresh = false,
): Promise<void> {
  const tables = [
    'activity_transaction',
    'activity_planned_disbursement',
    'activity_recipient',
    'activity_result',
    'activity_related',
  ];
  for (const table of fresh ? [] : tables) {
    await db.query(`delete from ${table} where activity_id = $1`, [activityId]);
  }
  const fixed = { activity_id: activityId };
  await insertMany(
    db,
    'activity_transaction',
    fixed,
    TRANSACTION_COLS,
    x.transactions as unknown as Record<string, unknown>[],
  );
  await insertMany(
    db,
    'activity_planned_disbursement',
    fixed,
    [
      'type',
      'period_start',
      'period_end',
      'value',
      'currency',
      'value_date',
      'provider',
      'receiver',
    ],
    x.planned_disbursements as unknown as Record<string, unknown>[],
  );
  await insertMany(
    db,
    'activity_recipient',
    fixed,
    ['kind', 'vocabulary', 'code', 'percentage', 'narrative'],
    x.recipients as unknown as Record<string, unknown>[],
  );
  await insertMany(db, 'activity_related', fixed, ['ref', 'type'], x.related);
  for (const [ri, r] of x.results.entries()) {
    const [resultId] = await insertMany(
      db,
      'activity_result',
      fixed,
      ['type', 'aggregation_status', 'title', 'description'],
      [{ ...r, position: ri }],
      true,
    );
    if (!resultId) continue;
    const indicatorIds = await insertMany(
      db,
      'result_indicator',
      { result_id: resultId },
      ['measure', 'ascending', 'aggregation_status', 'title', 'description', 'refs', 'baselines'],
      r.indicators,
      true,
    );
    for (const [ii, indicator] of r.indicators.entries()) {
      const indicatorId = indicatorIds[ii];
      if (!indicatorId) continue;
      await insertMany(
        db,
        'indicator_period',
        { indicator_id: indicatorId },
        ['period_start', 'period_end', 'targets', 'actuals'],
        indicator.periods,
      );
    }
  }
}

export async function updateActivityIatiColumns(
  db: Queryable,
  activityId: string,
  c: {
    default_lang: string | null;
    last_updated_at: string | null;
    capital_spend: string | null;
    conditions: unknown;
    contacts: unknown[];
    other_descriptions: unknown[];
  },
): Promise<void> {
  await db.query(
    `update activity set default_lang = $2, last_updated_at = $3, capital_spend = $4,
       conditions = $5::jsonb, contacts = $6::jsonb, other_descriptions = $7::jsonb
     where id = $1`,
    [
      activityId,
      c.default_lang,
      c.last_updated_at,
      c.capital_spend,
      c.conditions === null ? null : JSON.stringify(c.conditions),
      JSON.stringify(c.contacts),
      JSON.stringify(c.other_descriptions),
    ],
  );
}

export async function upsertSource(
  db: Queryable,
  s: {
    activityId: string;
    publisherRef: string | null;
    xml: string;
    sha256: string;
    importId: string | null;
  },
): Promise<void> {
  await db.query(
    `insert into iati_source (activity_id, publisher_ref, xml, sha256, import_id)
     values ($1, $2, $3, $4, $5)
     on conflict (activity_id) do update set publisher_ref = excluded.publisher_ref, xml = excluded.xml,
       sha256 = excluded.sha256, import_id = excluded.import_id, imported_at = now()`,
    [s.activityId, s.publisherRef, s.xml, s.sha256, s.importId],
  );
}

export interface ExistingActivity {
  [key: string]: unknown;
  id: string;
  iati_identifier: string;
  version: number;
  sha256: string | null;
}

export async function findByIdentifier(
  db: Queryable,
  identifier: string,
): Promise<ExistingActivity | null> {
  const rows = await db.query<ExistingActivity>(
    `select a.id, a.iati_identifier, a.version, s.sha256
       from activity a left join iati_source s on s.activity_id = a.id
      where a.iati_identifier = $1`,
    [identifier],
  );
  return rows[0] ?? null;
}

/** The stored activities among `identifiers`, by identifier: one statement for a whole batch. */
export async function findByIdentifiers(
  db: Queryable,
  identifiers: readonly string[],
): Promise<Map<string, ExistingActivity>> {
  const found = new Map<string, ExistingActivity>();
  if (identifiers.length === 0) return found;
  const rows = await db.query<ExistingActivity>(
    `select a.id, a.iati_identifier, a.version, s.sha256
       from activity a left join iati_source s on s.activity_id = a.id
      where a.iati_identifier = any($1::text[])`,
    [identifiers],
  );
  for (const r of rows) found.set(r.iati_identifier, r);
  return found;
}

export async function insertImportRun(
  db: Queryable,
  r: { userId: string | null; fileName: string | null; dryRun: boolean; strict: boolean },
): Promise<string> {
  const rows = await db.query<{ id: string }>(
    `insert into iati_import (user_id, file_name, dry_run, strict, status) values ($1, $2, $3, $4, 'running') returning id`,
    [r.userId, r.fileName, r.dryRun, r.strict],
  );
  const row = rows[0];
  if (!row) throw new Error('insert into iati_import returned no row');
  return row.id;
}

export async function finishImportRun(
  db: Queryable,
  id: string,
  r: {
    status: 'committed' | 'rejected' | 'failed' | 'dry_run';
    fileBytes: number;
    sha256: string;
    version: string | null;
    counts: unknown;
    problems: unknown[];
  },
): Promise<void> {
  await db.query(
    `update iati_import set finished_at = now(), status = $2, file_bytes = $3, sha256 = $4, iati_version = $5,
       counts = $6::jsonb, problems = $7::jsonb where id = $1`,
    [
      id,
      r.status,
      r.fileBytes,
      r.sha256,
      r.version,
      JSON.stringify(r.counts),
      JSON.stringify(r.problems),
    ],
  );
}

export interface ImportRunRow {
  [key: string]: unknown;
  id: string;
  started_at: string;
  finished_at: string | null;
  user_id: string | null;
  file_name: string | null;
  file_bytes: string | null;
  sha256: string | null;
  iati_version: string | null;
  dry_run: boolean;
  strict: boolean;
  status: string;
  counts: Record<string, unknown>;
  problems: unknown[];
}

export async function findImportRun(db: Queryable, id: string): Promise<ImportRunRow | null> {
  const rows = await db.query<ImportRunRow>('select * from iati_import where id = $1', [id]);
  return rows[0] ?? null;
}

/**
 * Links activities that describe the same money from two sides: a related-activity reference,
 * or a transaction's provider or receiver activity id, naming another activity in the registry —
 * whichever of the two was imported first.
 */
export async function linkActivities(
  db: Queryable,
  activityIds: readonly string[],
): Promise<number> {
  if (activityIds.length === 0) return 0;
  const rows = await db.query<{ n: number }>(
    `with candidates as (
       select r.activity_id, a.id as linked, 'related_activity' as reason
         from activity_related r join activity a on a.iati_identifier = r.ref
        where r.activity_id = any($1::uuid[])
       union
       select t.activity_id, a.id, 'provider_activity'
         from activity_transaction t join activity a on a.iati_identifier = t.provider_activity_id
        where t.activity_id = any($1::uuid[])
       union
       select t.activity_id, a.id, 'receiver_activity'
         from activity_transaction t join activity a on a.iati_identifier = t.receiver_activity_id
        where t.activity_id = any($1::uuid[])
       union
       select p.activity_id, a.id, 'related_activity'
         from activity_participant p join activity a on a.iati_identifier = p.iati_activity_ref
        where p.activity_id = any($1::uuid[])
       -- and the other way: records already stored that name the activities just written
       union
       select r.activity_id, a.id, 'related_activity'
         from activity_related r join activity a on a.iati_identifier = r.ref
        where a.id = any($1::uuid[])
       union
       select t.activity_id, a.id, 'provider_activity'
         from activity_transaction t join activity a on a.iati_identifier = t.provider_activity_id
        where a.id = any($1::uuid[])
       union
       select t.activity_id, a.id, 'receiver_activity'
         from activity_transaction t join activity a on a.iati_identifier = t.receiver_activity_id
        where a.id = any($1::uuid[])
     ), inserted as (
       insert into activity_link (activity_id, linked_activity_id, reason)
       select activity_id, linked, reason from candidates where activity_id <> linked
       on conflict do nothing returning 1)
     select count(*)::int as n from inserted`,
    [activityIds],
  );
  return rows[0]?.n ?? 0;
}

/**
 * Sets each imported activity's parent from its related-activity of type 1, once both are in
 * the registry, when the parent sits higher in the hierarchy. Returns how many were linked.
 */
export async function linkParents(db: Queryable, activityIds: readonly string[]): Promise<number> {
  if (activityIds.length === 0) return 0;
  const rows = await db.query<{ id: string }>(
    `update activity c set parent_id = p.id
       from activity_related r join activity p on p.iati_identifier = r.ref
      where r.activity_id = c.id and r.type = '1' and c.id = any($1::uuid[])
        and p.id <> c.id and p.hierarchy < c.hierarchy and c.parent_id is distinct from p.id
      returning c.id`,
    [activityIds],
  );
  return rows.length;
}

export async function storedSource(db: Queryable, activityId: string): Promise<string | null> {
  const rows = await db.query<{ xml: string }>(
    'select xml from iati_source where activity_id = $1',
    [activityId],
  );
  return rows[0]?.xml ?? null;
}
