import type { Queryable } from '../db/db.js';

export async function findResultActivityId(db: Queryable, id: string): Promise<string | null> {
  const rows = await db.query<{ activity_id: string }>(
    'select activity_id from activity_result where id = $1',
    [id],
  );
  return rows[0]?.activity_id ?? null;
}

export interface ResultRow {
  [key: string]: unknown;
  id: string;
  activity_id: string;
  type: string;
  aggregation_status: boolean | null;
  title: Record<string, string>;
  description: Record<string, string>;
  version: number;
  updated_at: string;
}

export interface IndicatorRow {
  [key: string]: unknown;
  id: string;
  result_id: string;
  measure: string;
  ascending: boolean | null;
  aggregation_status: boolean | null;
  title: Record<string, string>;
  description: Record<string, string>;
  unit: string | null;
  unit_key: string | null;
  refs: { vocabulary: string; code: string; indicatorUri: string | null }[];
  baselines: StoredBaseline[];
}

export interface StoredValue {
  value: string | null;
  comment: Record<string, string>;
  locationRefs: string[];
  dimensions?: { name: string; value: string }[];
  placeId?: string | null;
}

export interface StoredBaseline extends StoredValue {
  year: string | null;
  isoDate: string | null;
}

export interface PeriodRow {
  [key: string]: unknown;
  indicator_id: string;
  period_start: string;
  period_end: string;
  targets: StoredValue[];
  actuals: StoredValue[];
}

const RESULT_COLS = `id, activity_id, type, aggregation_status, title, description, version, updated_at`;

export async function findResultById(db: Queryable, id: string): Promise<ResultRow | null> {
  const rows = await db.query<ResultRow>(
    `select ${RESULT_COLS} from activity_result where id = $1`,
    [id],
  );
  return rows[0] ?? null;
}

export async function resultsOfActivities(
  db: Queryable,
  activityIds: readonly string[],
): Promise<ResultRow[]> {
  if (activityIds.length === 0) return [];
  return db.query<ResultRow>(
    `select ${RESULT_COLS} from activity_result where activity_id = any($1::uuid[])
     order by activity_id, position, id`,
    [activityIds],
  );
}

export async function indicatorsOf(
  db: Queryable,
  resultIds: readonly string[],
): Promise<IndicatorRow[]> {
  if (resultIds.length === 0) return [];
  return db.query<IndicatorRow>(
    `select id, result_id, measure, ascending, aggregation_status, title, description, unit, unit_key,
       refs, baselines
     from result_indicator where result_id = any($1::uuid[]) order by result_id, position, id`,
    [resultIds],
  );
}

export async function periodsOf(
  db: Queryable,
  indicatorIds: readonly string[],
): Promise<PeriodRow[]> {
  if (indicatorIds.length === 0) return [];
  return db.query<PeriodRow>(
    `select indicator_id, period_start, period_end, targets, actuals
     from indicator_period where indicator_id = any($1::uuid[])
     order by indicator_id, position, period_start`,
    [indicatorIds],
  );
}

export interface ResultWrite {
  type: string;
  aggregation_status: boolean | null;
  title: Record<string, string>;
  description: Record<string, string>;
  indicators: (Omit<IndicatorRow, 'id' | 'result_id'> & {
    periods: Omit<PeriodRow, 'indicator_id'>[];
  })[];
}

async function insertIndicators(db: Queryable, resultId: string, w: ResultWrite): Promise<void> {
  for (const [i, ind] of w.indicators.entries()) {
    const rows = await db.query<{ id: string }>(
      `insert into result_indicator (result_id, measure, ascending, aggregation_status, title,
         description, unit, unit_key, refs, baselines, position)
       values ($1, $2, $3, $4, $5::jsonb, $6::jsonb, $7, $8, $9::jsonb, $10::jsonb, $11) returning id`,
      [
        resultId,
        ind.measure,
        ind.ascending,
        ind.aggregation_status,
        JSON.stringify(ind.title),
        JSON.stringify(ind.description),
        ind.unit,
        ind.unit_key,
        JSON.stringify(ind.refs),
        JSON.stringify(ind.baselines),
        i,
      ],
    );
    const indicatorId = rows[0]?.id;
    if (!indicatorId) throw new Error('insert into result_indicator returned no row');
    for (const [j, p] of ind.periods.entries()) {
      await db.query(
        `insert into indicator_period (indicator_id, period_start, period_end, targets, actuals, position)
         values ($1, $2, $3, $4::jsonb, $5::jsonb, $6)`,
        [
          indicatorId,
          p.period_start,
          p.period_end,
          JSON.stringify(p.targets),
          JSON.stringify(p.actuals),
          j,
        ],
      );
    }
  }
}

export async function insertResult(
  db: Queryable,
  activityId: string,
  w: ResultWrite,
): Promise<string> {
  const rows = await db.query<{ id: string }>(
    `insert into activity_result (activity_id, type, aggregation_status, title, description, position)
     values ($1, $2, $3, $4::jsonb, $5::jsonb,
       (select coalesce(max(position) + 1, 0) from activity_result where activity_id = $1))
     returning id`,
    [
      activityId,
      w.type,
      w.aggregation_status,
      JSON.stringify(w.title),
      JSON.stringify(w.description),
    ],
  );
  const id = rows[0]?.id;
  if (!id) throw new Error('insert into activity_result returned no row');
  await insertIndicators(db, id, w);
  return id;
}

/** Replaces a result whole when the stored version is the one read; false otherwise. */
export async function replaceResult(
  db: Queryable,
  id: string,
  expectedVersion: number,
  w: ResultWrite,
): Promise<boolean> {
  const rows = await db.query<{ id: string }>(
    `update activity_result set type = $1, aggregation_status = $2, title = $3::jsonb,
       description = $4::jsonb, version = version + 1, updated_at = now()
     where id = $5 and version = $6 returning id`,
    [
      w.type,
      w.aggregation_status,
      JSON.stringify(w.title),
      JSON.stringify(w.description),
      id,
      expectedVersion,
    ],
  );
  if (rows.length === 0) return false;
  await db.query('delete from result_indicator where result_id = $1', [id]);
  await insertIndicators(db, id, w);
  return true;
}

export async function deleteResult(db: Queryable, id: string): Promise<void> {
  await db.query('delete from activity_result where id = $1', [id]);
}

export async function locationsOfActivities(
  db: Queryable,
  activityIds: readonly string[],
): Promise<{ activity_id: string; ref: string | null; place_id: string | null }[]> {
  if (activityIds.length === 0) return [];
  return db.query(
    `select activity_id, ref, place_id from activity_location where activity_id = any($1::uuid[])`,
    [activityIds],
  );
}
