/**
 * The activity editor's form model: flat field names ("title.sq", "sectors.1.percentage") with
 * string values, so that the same form posts without JavaScript, comes back with errors, and can
 * be merged field by field with someone else's save.
 */
import { EDIT_LANGS } from './constants';

export type FormValues = Record<string, string>;

export const GROUPS = {
  participants: ['organisation_id', 'role'],
  locations: ['place'],
  sectors: ['code', 'percentage'],
  budgets: ['period_start', 'period_end', 'value', 'currency', 'value_date', 'type', 'status'],
} as const;
export type Group = keyof typeof GROUPS;

export const SCALARS = [
  ...EDIT_LANGS.map((l) => `title.${l}`),
  ...EDIT_LANGS.map((l) => `description.${l}`),
  'iati_identifier',
  'hierarchy',
  'status',
  'planned_start',
  'planned_end',
  'default_currency',
] as const;

/** How many rows of a group the values hold. */
export function rowCount(values: FormValues, group: Group): number {
  let n = 0;
  const prefix = `${group}.`;
  for (const k of Object.keys(values)) {
    if (k.startsWith(prefix)) {
      const i = Number(k.slice(prefix.length).split('.')[0]);
      if (Number.isInteger(i)) n = Math.max(n, i + 1);
    }
  }
  return n;
}

/** One group's rows as objects, leaving out blank rows. */
export function rowsOf(values: FormValues, group: Group): Record<string, string>[] {
  const out: Record<string, string>[] = [];
  for (let i = 0; i < rowCount(values, group); i++) {
    const row: Record<string, string> = {};
    for (const f of GROUPS[group]) row[f] = (values[`${group}.${i}.${f}`] ?? '').trim();
    const defaults = group === 'budgets' ? ['type', 'status', 'currency'] : ['role'];
    const filled = Object.entries(row).some(([k, v]) => v !== '' && !defaults.includes(k));
    if (filled) out.push(row);
  }
  return out;
}

/** Values with the rows renumbered from 0, blank rows and rows marked for removal dropped. */
export function compact(values: FormValues): FormValues {
  const out: FormValues = {};
  for (const k of SCALARS) out[k] = values[k] ?? '';
  for (const group of Object.keys(GROUPS) as Group[]) {
    const kept = rowsOf(values, group).filter((_r, i) => i >= 0);
    kept.forEach((row, i) => {
      for (const [f, v] of Object.entries(row)) out[`${group}.${i}.${f}`] = v;
    });
  }
  return out;
}

/** Reads a posted form: every field except the CSRF token, intent and rows marked "remove". */
export function fromFormData(form: FormData): FormValues {
  const values: FormValues = {};
  const removed = new Set<string>();
  for (const [k, v] of form.entries()) {
    if (typeof v !== 'string') continue;
    const m = /^(\w+)\.(\d+)\._remove$/.exec(k);
    if (m) removed.add(`${m[1]}.${m[2]}.`);
    else if (k !== '_csrf' && k !== 'intent' && k !== 'version' && k !== 'base') values[k] = v;
  }
  for (const k of Object.keys(values)) {
    if ([...removed].some((p) => k.startsWith(p))) values[k] = '';
  }
  return values;
}

/** Adds one blank row to a group (a form button, so it works without JavaScript). */
export function withBlankRow(values: FormValues, group: Group, defaults: FormValues): FormValues {
  const i = rowCount(values, group);
  const out = { ...values };
  for (const f of GROUPS[group]) out[`${group}.${i}.${f}`] = defaults[f] ?? '';
  return out;
}

/** A field's value compared across versions: list groups compare whole. */
export function fieldKeys(): string[] {
  return [...SCALARS, ...Object.keys(GROUPS)];
}

export function fieldValue(values: FormValues, key: string): string {
  if (key in GROUPS) return JSON.stringify(rowsOf(values, key as Group));
  return (values[key] ?? '').trim();
}

export interface Merge {
  merged: FormValues;
  theirs: string[];
  both: string[];
}

/**
 * Three-way merge of the form: where only the other person changed a field, take theirs; where
 * only I did, keep mine; where we both did, keep mine and report theirs. Nothing typed is lost.
 */
export function mergeValues(base: FormValues, mine: FormValues, theirs: FormValues): Merge {
  const merged: FormValues = {};
  const changedByThem: string[] = [];
  const both: string[] = [];
  for (const key of fieldKeys()) {
    const b = fieldValue(base, key);
    const m = fieldValue(mine, key);
    const t = fieldValue(theirs, key);
    const source = m !== b ? mine : theirs;
    if (t !== b) changedByThem.push(key);
    if (t !== b && m !== b && m !== t) both.push(key);
    if (key in GROUPS) {
      rowsOf(source, key as Group).forEach((row, i) => {
        for (const [f, v] of Object.entries(row)) merged[`${key}.${i}.${f}`] = v;
      });
    } else {
      merged[key] = source[key] ?? '';
    }
  }
  return { merged, theirs: changedByThem, both };
}
