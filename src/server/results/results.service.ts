import { getActivity, requireActivityEditor } from '../activities/activities.service.js';
import type { Actor } from '../auth/actor.js';
import { recordAudit } from '../audit/audit.queries.js';
import { checkCodes } from '../codelists/codelists.check.js';
import type { Database, Queryable } from '../db/db.js';
import { NotFoundError, ValidationError, type FieldIssue } from '../errors.js';
import { staleVersion } from '../organisations/organisations.service.js';
import { findPlacesByIds } from '../places/places.queries.js';
import { normaliseNarratives } from '../text/index.js';
import {
  deleteResult,
  findResultById,
  indicatorsOf,
  insertResult,
  periodsOf,
  replaceResult,
  resultsOfActivities,
  type ResultRow,
  type ResultWrite,
  type StoredValue,
} from './results.queries.js';
import type { ResultInput, ResultOut, ResultUpdate } from './results.schemas.js';
import { unitKey } from './results.units.js';

type ValueIn = ResultInput['indicators'][number]['periods'][number]['targets'][number];

function storeValue(v: ValueIn): StoredValue {
  return {
    value: v.value,
    comment: normaliseNarratives(v.comment),
    locationRefs: v.location_refs,
    dimensions: v.dimensions,
    placeId: v.place_id,
  };
}

function outValue(v: StoredValue) {
  return {
    value: v.value,
    comment: v.comment,
    location_refs: v.locationRefs,
    place_id: v.placeId ?? null,
    dimensions: v.dimensions ?? [],
  };
}

function toWrite(r: ResultInput): ResultWrite {
  return {
    type: r.type,
    aggregation_status: r.aggregation_status,
    title: normaliseNarratives(r.title),
    description: normaliseNarratives(r.description),
    indicators: r.indicators.map((i) => ({
      measure: i.measure,
      ascending: i.ascending,
      aggregation_status: i.aggregation_status,
      title: normaliseNarratives(i.title),
      description: normaliseNarratives(i.description),
      unit: i.unit,
      unit_key: i.unit_key ?? (i.unit ? unitKey(i.unit) : null),
      refs: i.references.map((x) => ({
        vocabulary: x.vocabulary,
        code: x.code,
        indicatorUri: x.indicator_uri,
      })),
      baselines: i.baselines.map((b) => ({
        year: b.year,
        isoDate: b.iso_date,
        ...storeValue({ ...b, dimensions: [] }),
      })),
      periods: i.periods.map((p) => ({
        period_start: p.period_start,
        period_end: p.period_end,
        targets: p.targets.map(storeValue),
        actuals: p.actuals.map(storeValue),
      })),
    })),
  };
}

async function validate(db: Database, r: ResultInput): Promise<void> {
  const issues: FieldIssue[] = await checkCodes(db, [
    { path: 'type', codelist: 'ResultType', code: r.type },
    ...r.indicators.map((ind, i) => ({
      path: `indicators.${i}.measure`,
      codelist: 'IndicatorMeasure',
      code: ind.measure,
    })),
  ]);
  const placeRefs: { path: string; id: string }[] = [];
  r.indicators.forEach((ind, i) => {
    ind.baselines.forEach((b, j) => {
      if (b.place_id)
        placeRefs.push({ path: `indicators.${i}.baselines.${j}.place_id`, id: b.place_id });
    });
    ind.periods.forEach((p, j) => {
      for (const kind of ['targets', 'actuals'] as const)
        p[kind].forEach((v, k) => {
          if (v.place_id)
            placeRefs.push({
              path: `indicators.${i}.periods.${j}.${kind}.${k}.place_id`,
              id: v.place_id,
            });
        });
    });
    if (ind.measure === '1' && !ind.unit && !ind.unit_key)
      issues.push({
        path: `indicators.${i}.unit`,
        message: 'a unit indicator (measure 1) needs its unit, e.g. "km" or "people"',
      });
  });
  if (placeRefs.length) {
    const found = new Set(
      (await findPlacesByIds(db, [...new Set(placeRefs.map((p) => p.id))])).map((p) => p.id),
    );
    for (const p of placeRefs)
      if (!found.has(p.id)) issues.push({ path: p.path, message: `place ${p.id} does not exist` });
  }
  if (issues.length) throw new ValidationError(issues);
}

/** Results of activities with their indicators and periods, in the stored order. */
export async function loadResults(
  db: Queryable,
  activityIds: readonly string[],
): Promise<ResultOut[]> {
  const results = await resultsOfActivities(db, activityIds);
  return present(db, results);
}

async function present(db: Queryable, results: ResultRow[]): Promise<ResultOut[]> {
  const indicators = await indicatorsOf(
    db,
    results.map((r) => r.id),
  );
  const periods = await periodsOf(
    db,
    indicators.map((i) => i.id),
  );
  return results.map((r) => ({
    id: r.id,
    activity_id: r.activity_id,
    type: r.type,
    aggregation_status: r.aggregation_status,
    title: r.title,
    description: r.description,
    indicators: indicators
      .filter((i) => i.result_id === r.id)
      .map((i) => ({
        id: i.id,
        measure: i.measure,
        ascending: i.ascending,
        aggregation_status: i.aggregation_status,
        title: i.title,
        description: i.description,
        unit: i.unit,
        unit_key: i.unit_key,
        references: i.refs.map((x) => ({
          vocabulary: x.vocabulary,
          code: x.code,
          indicator_uri: x.indicatorUri,
        })),
        baselines: i.baselines.map((b) => {
          const { dimensions: _d, ...v } = outValue(b);
          return { year: b.year, iso_date: b.isoDate, ...v };
        }),
        periods: periods
          .filter((p) => p.indicator_id === i.id)
          .map((p) => ({
            period_start: p.period_start,
            period_end: p.period_end,
            targets: p.targets.map(outValue),
            actuals: p.actuals.map(outValue),
          })),
      })),
    version: r.version,
    updated_at: r.updated_at,
  }));
}

async function readResult(db: Queryable, id: string): Promise<ResultOut | null> {
  const row = await findResultById(db, id);
  if (!row) return null;
  return (await present(db, [row]))[0] ?? null;
}

export async function listResults(
  db: Database,
  actor: Actor | null,
  activityId: string,
): Promise<ResultOut[]> {
  await getActivity(db, actor, activityId);
  return loadResults(db, [activityId]);
}

export async function getResult(db: Database, actor: Actor | null, id: string): Promise<ResultOut> {
  const out = await readResult(db, id);
  if (!out) throw new NotFoundError('Result', id);
  try {
    await getActivity(db, actor, out.activity_id);
  } catch {
    throw new NotFoundError('Result', id);
  }
  return out;
}

export async function createResult(
  db: Database,
  actor: Actor | null,
  activityId: string,
  input: ResultInput,
): Promise<ResultOut> {
  const { actor: a } = await requireActivityEditor(db, actor, activityId);
  await validate(db, input);
  const write = toWrite(input);
  return db.transaction(async (tx) => {
    const id = await insertResult(tx, activityId, write);
    const out = await readResult(tx, id);
    if (!out) throw new Error('result vanished after insert');
    await recordAudit(tx, {
      userId: a.userId,
      entity: 'result',
      entityId: id,
      action: 'create',
      version: out.version,
      before: null,
      after: out,
    });
    return out;
  });
}

export async function updateResult(
  db: Database,
  actor: Actor | null,
  id: string,
  input: ResultUpdate,
): Promise<ResultOut> {
  const current = await readResult(db, id);
  if (!current) throw new NotFoundError('Result', id);
  const { actor: a } = await requireActivityEditor(db, actor, current.activity_id);
  const { version, ...body } = input;
  if (version !== current.version) throw staleVersion('Result', id, version, current.version);
  await validate(db, body);
  return db.transaction(async (tx) => {
    if (!(await replaceResult(tx, id, version, toWrite(body)))) {
      const now = await findResultById(tx, id);
      throw staleVersion('Result', id, version, now?.version ?? null);
    }
    const out = await readResult(tx, id);
    if (!out) throw new Error('result vanished after update');
    await recordAudit(tx, {
      userId: a.userId,
      entity: 'result',
      entityId: id,
      action: 'update',
      version: out.version,
      before: current,
      after: out,
    });
    return out;
  });
}

export async function removeResult(
  db: Database,
  actor: Actor | null,
  id: string,
  version: number | null,
): Promise<void> {
  const current = await readResult(db, id);
  if (!current) throw new NotFoundError('Result', id);
  const { actor: a } = await requireActivityEditor(db, actor, current.activity_id);
  if (version !== null && version !== current.version)
    throw staleVersion('Result', id, version, current.version);
  await db.transaction(async (tx) => {
    await deleteResult(tx, id);
    await recordAudit(tx, {
      userId: a.userId,
      entity: 'result',
      entityId: id,
      action: 'delete',
      version: current.version,
      before: current,
      after: null,
    });
  });
}
