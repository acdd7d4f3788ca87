import { addDecimal, sumDecimals } from './results.decimal.js';

/**
 * The roll-up of indicators across projects (docs/decisions/008-results-roll-up.md): only unit
 * indicators (measure 1) that may be aggregated add up, grouped by their normalised unit; values
 * broken down by a dimension never add into totals; percentages and qualitative indicators are
 * listed, never summed.
 */
export interface FactValue {
  value: string | null;
  /** The place the value is for, as the roll-up groups it: a location key, or null. */
  placeKey: string | null;
  municipalityId: string | null;
  hasDimensions: boolean;
  /** Baselines only: when it was measured (ISO date or year). */
  when?: string | null;
}

export interface IndicatorFact {
  indicatorId: string;
  activityId: string;
  title: Record<string, string>;
  measure: string;
  unit: string | null;
  unitKey: string | null;
  aggregatable: boolean;
  baselines: FactValue[];
  periods: { start: string; end: string; targets: FactValue[]; actuals: FactValue[] }[];
}

export interface Totals {
  baseline: string;
  target: string;
  actual: string;
}

export interface MunicipalityRollup extends Totals {
  municipality_id: string | null;
  projects: number;
}

export interface IndicatorRollup extends Totals {
  indicator_id: string;
  activity_id: string;
  title: Record<string, string>;
  unit: string | null;
}

export interface UnitRollup extends Totals {
  unit_key: string;
  units: string[];
  projects: number;
  indicators: number;
  by_year: { year: number; target: string; actual: string }[];
  by_municipality: MunicipalityRollup[];
  by_indicator?: IndicatorRollup[];
}

export type NotSummedReason =
  'percentage' | 'nominal' | 'ordinal' | 'qualitative' | 'no_unit' | 'not_aggregatable';

export interface NotSummed {
  indicator_id: string;
  activity_id: string;
  title: Record<string, string>;
  measure: string;
  unit: string | null;
  reason: NotSummedReason;
}

export interface Rollup {
  units: UnitRollup[];
  not_summed: NotSummed[];
}

const MEASURE_REASON: Record<string, NotSummedReason> = {
  '2': 'percentage',
  '3': 'nominal',
  '4': 'ordinal',
  '5': 'qualitative',
};

type Part = { municipalityId: string | null; value: string };

/** A period's side: values without a place are the total; otherwise the placed values add up. */
function periodParts(values: FactValue[]): Part[] {
  const usable = values.filter(
    (v): v is FactValue & { value: string } => v.value !== null && !v.hasDimensions,
  );
  const whole = usable.filter((v) => v.placeKey === null);
  const chosen = whole.length ? whole : usable;
  return chosen.map((v) => ({ municipalityId: v.municipalityId, value: v.value }));
}

/** Baselines: the latest per place; a baseline without a place is the indicator's total. */
function baselineParts(values: FactValue[]): Part[] {
  const latest = new Map<string, FactValue & { value: string }>();
  for (const v of values) {
    if (v.value === null || v.hasDimensions) continue;
    const key = v.placeKey ?? '';
    const seen = latest.get(key);
    if (!seen || (v.when ?? '') > (seen.when ?? '')) latest.set(key, { ...v, value: v.value });
  }
  const whole = latest.get('');
  const chosen = whole ? [whole] : [...latest.values()];
  return chosen.map((v) => ({ municipalityId: v.municipalityId, value: v.value }));
}

const sum = (parts: Part[]) => sumDecimals(parts.map((p) => p.value));

export function rollUp(facts: readonly IndicatorFact[], byIndicator = false): Rollup {
  const notSummed: NotSummed[] = [];
  const units = new Map<string, IndicatorFact[]>();
  for (const f of facts) {
    const reason: NotSummedReason | null =
      f.measure !== '1'
        ? (MEASURE_REASON[f.measure] ?? 'qualitative')
        : !f.unitKey
          ? 'no_unit'
          : !f.aggregatable
            ? 'not_aggregatable'
            : null;
    if (reason || !f.unitKey) {
      notSummed.push({
        indicator_id: f.indicatorId,
        activity_id: f.activityId,
        title: f.title,
        measure: f.measure,
        unit: f.unit,
        reason: reason ?? 'no_unit',
      });
      continue;
    }
    const list = units.get(f.unitKey) ?? [];
    list.push(f);
    units.set(f.unitKey, list);
  }

  const out: UnitRollup[] = [];
  for (const [key, list] of units) {
    const total: Totals = { baseline: '0', target: '0', actual: '0' };
    const years = new Map<number, { target: string; actual: string }>();
    const munis = new Map<string, Totals & { projects: Set<string> }>();
    const perIndicator: IndicatorRollup[] = [];
    const muni = (id: string | null) => {
      const k = id ?? '';
      let m = munis.get(k);
      if (!m) {
        m = { baseline: '0', target: '0', actual: '0', projects: new Set() };
        munis.set(k, m);
      }
      return m;
    };
    for (const f of list) {
      const own: Totals = { baseline: '0', target: '0', actual: '0' };
      const baseline = baselineParts(f.baselines);
      own.baseline = sum(baseline);
      for (const p of baseline) {
        const m = muni(p.municipalityId);
        m.baseline = addDecimal(m.baseline, p.value);
        m.projects.add(f.activityId);
      }
      for (const period of f.periods) {
        const year = Number(period.end.slice(0, 4));
        const y = years.get(year) ?? { target: '0', actual: '0' };
        for (const side of ['target', 'actual'] as const) {
          const parts = periodParts(side === 'target' ? period.targets : period.actuals);
          const s = sum(parts);
          own[side] = addDecimal(own[side], s);
          y[side] = addDecimal(y[side], s);
          for (const p of parts) {
            const m = muni(p.municipalityId);
            m[side] = addDecimal(m[side], p.value);
            m.projects.add(f.activityId);
          }
        }
        years.set(year, y);
      }
      for (const side of ['baseline', 'target', 'actual'] as const)
        total[side] = addDecimal(total[side], own[side]);
      perIndicator.push({
        indicator_id: f.indicatorId,
        activity_id: f.activityId,
        title: f.title,
        unit: f.unit,
        ...own,
      });
    }
    out.push({
      unit_key: key,
      units: [...new Set(list.map((f) => f.unit).filter((u): u is string => u !== null))].sort(),
      projects: new Set(list.map((f) => f.activityId)).size,
      indicators: list.length,
      ...total,
      by_year: [...years.entries()].sort(([a], [b]) => a - b).map(([year, v]) => ({ year, ...v })),
      by_municipality: [...munis.entries()]
        .map(([id, m]) => ({
          municipality_id: id || null,
          baseline: m.baseline,
          target: m.target,
          actual: m.actual,
          projects: m.projects.size,
        }))
        .sort((a, b) => (a.municipality_id ?? '~').localeCompare(b.municipality_id ?? '~')),
      ...(byIndicator ? { by_indicator: perIndicator } : {}),
    });
  }
  out.sort((a, b) => a.unit_key.localeCompare(b.unit_key));
  return { units: out, not_summed: notSummed };
}
