import type { ActivityListQuery } from '../activities/activities.schemas.js';
import { selectActivityIds } from '../activities/activities.service.js';
import type { Actor } from '../auth/actor.js';
import type { Database } from '../db/db.js';
import { findPlacesByIds, municipalitiesOf } from '../places/places.queries.js';
import { locationsOfActivities, type StoredValue } from './results.queries.js';
import { rollUp, type FactValue, type IndicatorFact, type Rollup } from './results.rollup.js';
import { loadResults } from './results.service.js';
import { unitKey } from './results.units.js';

export interface RollupQuery extends Omit<ActivityListQuery, 'limit' | 'cursor'> {
  unit?: string | undefined;
  by_indicator?: boolean | undefined;
}

export interface MunicipalityRef {
  id: string;
  code: string;
  names: Record<string, string>;
}

export type RollupOut = Omit<Rollup, 'units'> & {
  units: (Rollup['units'][number] & {
    by_municipality: (Rollup['units'][number]['by_municipality'][number] & {
      municipality: MunicipalityRef | null;
    })[];
  })[];
};

/** Collects the indicators of every activity the list filters select, and rolls them up. */
export async function resultsRollup(
  db: Database,
  actor: Actor | null,
  q: RollupQuery,
): Promise<RollupOut> {
  const { unit, by_indicator, ...filters } = q;
  const wanted = unit ? (unitKey(unit) ?? unit) : null;
  const facts: IndicatorFact[] = [];
  for await (const ids of selectActivityIds(db, actor, filters, 500)) {
    const [results, locations] = await Promise.all([
      loadResults(db, ids),
      locationsOfActivities(db, ids),
    ]);
    const placeIds = new Set<string>(locations.flatMap((l) => (l.place_id ? [l.place_id] : [])));
    for (const r of results)
      for (const i of r.indicators)
        for (const v of [...i.baselines, ...i.periods.flatMap((p) => [...p.targets, ...p.actuals])])
          if (v.place_id) placeIds.add(v.place_id);
    const muniOf = await municipalitiesOf(db, [...placeIds]);
    const byRef = new Map(
      locations.filter((l) => l.ref).map((l) => [`${l.activity_id} ${l.ref ?? ''}`, l.place_id]),
    );
    const fact = (
      activityId: string,
      v: Omit<StoredValue, 'comment'> & { when?: string | null },
    ): FactValue => {
      const refPlace = v.locationRefs
        .map((ref) => byRef.get(`${activityId} ${ref}`))
        .find((p): p is string => !!p);
      const place = v.placeId ?? refPlace ?? null;
      return {
        value: v.value,
        placeKey: v.placeId
          ? `p:${v.placeId}`
          : v.locationRefs.length
            ? `r:${[...v.locationRefs].sort().join(',')}`
            : null,
        municipalityId: place ? (muniOf.get(place) ?? null) : null,
        hasDimensions: (v.dimensions ?? []).length > 0,
        ...(v.when !== undefined ? { when: v.when } : {}),
      };
    };
    for (const r of results) {
      for (const i of r.indicators) {
        if (wanted && i.unit_key !== wanted) continue;
        const value = (x: {
          value: string | null;
          location_refs: string[];
          place_id: string | null;
          dimensions?: { name: string; value: string }[];
        }) => ({
          value: x.value,
          locationRefs: x.location_refs,
          placeId: x.place_id,
          dimensions: x.dimensions ?? [],
        });
        facts.push({
          indicatorId: i.id,
          activityId: r.activity_id,
          title: i.title,
          measure: i.measure,
          unit: i.unit,
          unitKey: i.unit_key,
          aggregatable: i.aggregation_status !== false && r.aggregation_status !== false,
          baselines: i.baselines.map((b) =>
            fact(r.activity_id, { ...value(b), when: b.iso_date ?? b.year }),
          ),
          periods: i.periods.map((p) => ({
            start: p.period_start,
            end: p.period_end,
            targets: p.targets.map((t) => fact(r.activity_id, value(t))),
            actuals: p.actuals.map((t) => fact(r.activity_id, value(t))),
          })),
        });
      }
    }
  }
  const rolled = rollUp(facts, by_indicator === true);
  const muniIds = [
    ...new Set(
      rolled.units.flatMap((u) =>
        u.by_municipality.flatMap((m) => (m.municipality_id ? [m.municipality_id] : [])),
      ),
    ),
  ];
  const places = new Map((await findPlacesByIds(db, muniIds)).map((p) => [p.id, p]));
  return {
    not_summed: rolled.not_summed,
    units: rolled.units.map((u) => ({
      ...u,
      by_municipality: u.by_municipality.map((m) => {
        const p = m.municipality_id ? places.get(m.municipality_id) : undefined;
        return { ...m, municipality: p ? { id: p.id, code: p.code, names: p.names } : null };
      }),
    })),
  };
}
