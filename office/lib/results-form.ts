/**
 * The result editor's form model. A result has a type and a title in three languages; each
 * indicator a measure, a title, a unit and rows "period start, period end, place, target,
 * actual". Rows with the same dates make one period whose targets and actuals are per place.
 * Fields the screen does not show (baselines, references, breakdowns) are kept from the stored
 * result, indicator by indicator.
 */
import { EDIT_LANGS } from './constants.js';

export interface PeriodRow {
  period_start: string;
  period_end: string;
  place: string;
  target: string;
  actual: string;
}

export interface IndicatorValues {
  measure: string;
  ascending: string;
  unit: string;
  title: Record<string, string>;
  rows: PeriodRow[];
}

export interface ResultValues {
  type: string;
  title: Record<string, string>;
  indicators: IndicatorValues[];
}

interface StoredValue {
  value: string | null;
  place_id: string | null;
  location_refs: string[];
  dimensions: { name: string; value: string }[];
  comment: Record<string, string>;
}

interface StoredIndicator {
  measure: string;
  ascending: boolean | null;
  aggregation_status: boolean | null;
  title: Record<string, string>;
  description: Record<string, string>;
  unit: string | null;
  unit_key: string | null;
  references: unknown[];
  baselines: unknown[];
  periods: {
    period_start: string;
    period_end: string;
    targets: StoredValue[];
    actuals: StoredValue[];
  }[];
}

export interface StoredResult {
  type: string;
  aggregation_status: boolean | null;
  title: Record<string, string>;
  title_derived?: string[];
  description: Record<string, string>;
  indicators: StoredIndicator[];
}

const written = (n: Record<string, string>) =>
  Object.fromEntries(EDIT_LANGS.map((l) => [l, n[l] ?? '']));

/** A plain value (no breakdown, no IATI location ref): the kind the screen edits. */
const plain = (v: StoredValue) => v.dimensions.length === 0 && v.location_refs.length === 0;

export function blankPeriod(): PeriodRow {
  return { period_start: '', period_end: '', place: '', target: '', actual: '' };
}

export function blankIndicator(): IndicatorValues {
  return { measure: '1', ascending: '', unit: '', title: written({}), rows: [blankPeriod()] };
}

export function resultToValues(r: StoredResult): ResultValues {
  return {
    type: r.type,
    title: written(r.title),
    indicators: r.indicators.map((ind) => {
      const rows: PeriodRow[] = [];
      for (const p of ind.periods) {
        const places = new Map<string, PeriodRow>();
        const at = (place: string) => {
          let row = places.get(place);
          if (!row) {
            row = { ...blankPeriod(), period_start: p.period_start, period_end: p.period_end };
            row.place = place;
            places.set(place, row);
          }
          return row;
        };
        for (const v of p.targets.filter(plain)) at(v.place_id ?? '').target = v.value ?? '';
        for (const v of p.actuals.filter(plain)) at(v.place_id ?? '').actual = v.value ?? '';
        if (places.size === 0) at('');
        rows.push(...places.values());
      }
      return {
        measure: ind.measure,
        ascending: ind.ascending === null ? '' : String(ind.ascending),
        unit: ind.unit ?? '',
        title: written(ind.title),
        rows,
      };
    }),
  };
}

/** The posted form's fields ("indicators.0.rows.2.target") as values. */
export function readResultForm(entries: Iterable<[string, unknown]>): ResultValues {
  const out: ResultValues = { type: '1', title: written({}), indicators: [] };
  const ind = (i: number) => {
    while (out.indicators.length <= i) out.indicators.push({ ...blankIndicator(), rows: [] });
    return out.indicators[i] as IndicatorValues;
  };
  for (const [name, value] of entries) {
    if (typeof value !== 'string') continue;
    let m: RegExpExecArray | null;
    if (name === 'type') out.type = value;
    else if ((m = /^title\.([A-Za-z-]+)$/.exec(name)) && m[1]) out.title[m[1]] = value;
    else if ((m = /^indicators\.(\d{1,3})\.(measure|ascending|unit)$/.exec(name)) && m[2])
      ind(Number(m[1]))[m[2] as 'measure' | 'ascending' | 'unit'] = value;
    else if ((m = /^indicators\.(\d{1,3})\.title\.([A-Za-z-]+)$/.exec(name)) && m[2])
      ind(Number(m[1])).title[m[2]] = value;
    else if (
      (m =
        /^indicators\.(\d{1,3})\.rows\.(\d{1,3})\.(period_start|period_end|place|target|actual)$/.exec(
          name,
        )) &&
      m[3]
    ) {
      const rows = ind(Number(m[1])).rows;
      const j = Number(m[2]);
      while (rows.length <= j) rows.push(blankPeriod());
      (rows[j] as PeriodRow)[m[3] as keyof PeriodRow] = value;
    }
  }
  return out;
}

const rowBlank = (r: PeriodRow) =>
  [r.period_start, r.period_end, r.place, r.target, r.actual].every((v) => v.trim() === '');
const indicatorBlank = (i: IndicatorValues) =>
  Object.values(i.title).every((v) => v.trim() === '') &&
  i.unit.trim() === '' &&
  i.rows.every(rowBlank);

/** Blank rows and indicators dropped; each indicator then gets `spare` blank period rows. */
export function tidy(v: ResultValues, spare = 0): ResultValues {
  const kept = v.indicators.filter((i) => !indicatorBlank(i));
  // A form always shows at least one indicator to type into.
  if (spare > 0 && kept.length === 0) kept.push({ ...blankIndicator(), rows: [] });
  return {
    ...v,
    indicators: kept.map((i) => ({
      ...i,
      rows: [...i.rows.filter((r) => !rowBlank(r)), ...Array.from({ length: spare }, blankPeriod)],
    })),
  };
}

const filled = (n: Record<string, string>) =>
  Object.fromEntries(Object.entries(n).filter(([, v]) => v.trim() !== ''));
const decimal = (s: string) => s.trim().replace(/\s/g, '').replace(',', '.');

/** The values as the results service's input, keeping what the screen does not show. */
export function resultInput(v: ResultValues, stored: StoredResult | null): Record<string, unknown> {
  const t = tidy(v);
  return {
    type: t.type,
    aggregation_status: stored?.aggregation_status ?? null,
    title: filled(t.title),
    description: stored?.description ?? {},
    indicators: t.indicators.map((ind, i) => {
      const old = stored?.indicators[i];
      const periods = new Map<
        string,
        { period_start: string; period_end: string; targets: unknown[]; actuals: unknown[] }
      >();
      const periodOf = (start: string, end: string) => {
        const key = `${start}/${end}`;
        let p = periods.get(key);
        if (!p) {
          p = { period_start: start, period_end: end, targets: [], actuals: [] };
          periods.set(key, p);
        }
        return p;
      };
      for (const r of ind.rows) {
        const p = periodOf(r.period_start.trim(), r.period_end.trim());
        const place_id = r.place.trim() || null;
        if (r.target.trim()) p.targets.push({ value: decimal(r.target), place_id });
        if (r.actual.trim()) p.actuals.push({ value: decimal(r.actual), place_id });
      }
      // Breakdowns and IATI location refs are not edited here: they stay as they were.
      for (const op of old?.periods ?? []) {
        const keepT = op.targets.filter((x) => !plain(x));
        const keepA = op.actuals.filter((x) => !plain(x));
        if (keepT.length || keepA.length) {
          const p = periodOf(op.period_start, op.period_end);
          p.targets.push(...keepT);
          p.actuals.push(...keepA);
        }
      }
      const unit = ind.unit.trim() || null;
      return {
        measure: ind.measure,
        ascending: ind.ascending === '' ? null : ind.ascending === 'true',
        aggregation_status: old?.aggregation_status ?? null,
        title: filled(ind.title),
        description: old?.description ?? {},
        unit,
        unit_key: old && old.unit === unit ? old.unit_key : null,
        references: old?.references ?? [],
        baselines: old?.baselines ?? [],
        periods: [...periods.values()],
      };
    }),
  };
}
