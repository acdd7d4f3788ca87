import { z } from 'zod';
import { ActivityListQuery } from '../activities/activities.schemas.js';
import { selectActivityIds } from '../activities/activities.service.js';
import { officeSectors } from '../codelists/codelists.vocabularies.js';
import type { Database } from '../db/db.js';
import { pickNarrative, withDerivedScripts } from '../text/index.js';
import {
  countPublished,
  organisationNames,
  placeNames,
  sumMoney,
  type GroupBy,
  type Measure,
} from './portal.queries.js';

/** The activity list filters a portal view takes (the explorer's form, the downloads). */
export const SelectionQuery = ActivityListQuery.omit({
  limit: true,
  cursor: true,
  publication_status: true,
  hierarchy: true,
});
export type SelectionQuery = z.output<typeof SelectionQuery>;

export const PortalTotalsQuery = SelectionQuery.extend({
  group_by: z
    .enum(['year', 'sector', 'municipality', 'organisation'])
    .optional()
    .describe('One grouping; without it, one row per currency'),
  measure: z
    .enum(['budget', 'commitment', 'disbursement'])
    .default('budget')
    .describe('budget (revised over original), commitment (type 2) or disbursement (type 3)'),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 currency code')
    .default('EUR')
    .describe('The currency totalled; amounts in other currencies are listed apart, unconverted'),
  lang: z.enum(['sq', 'sr-Latn', 'sr-Cyrl', 'en']).default('en').describe('Language of labels'),
});
export type PortalTotalsQuery = z.output<typeof PortalTotalsQuery>;

export const PortalTotalsOut = z.object({
  currency: z.string(),
  measure: z.string(),
  group_by: z.string().nullable(),
  rows: z.array(z.record(z.string(), z.string().nullable())),
  labels: z.record(z.string(), z.string()),
  total: z.string(),
  activities: z.number().int(),
  other_currencies: z.array(z.object({ currency: z.string(), total: z.string() })),
});
export type PortalTotalsOut = z.infer<typeof PortalTotalsOut>;

const FILTER_KEYS = [
  'q',
  'municipality',
  'sector',
  'organisation',
  'role',
  'programme',
  'status',
  'year_from',
  'year_to',
] as const;

export function hasFilters(q: SelectionQuery): boolean {
  return FILTER_KEYS.some((k) => {
    const v = q[k];
    return Array.isArray(v) ? v.length > 0 : v !== undefined && v !== '';
  });
}

/**
 * The ids of the published activities a selection holds, or null for "all published" (no
 * filter), which lets the aggregates skip the id list altogether.
 */
export async function selectionIds(db: Database, q: SelectionQuery): Promise<string[] | null> {
  if (!hasFilters(q)) return null;
  const ids: string[] = [];
  for await (const page of selectActivityIds(db, null, q, 5000)) ids.push(...page);
  return ids;
}

/** A text in the reader's language, else the closest one, with Serbian in either script. */
export function nameIn(lang: string, names: Record<string, string>, acronym?: string | null) {
  const order =
    lang === 'sq'
      ? ['sq', 'en', 'sr-Latn']
      : lang === 'en'
        ? ['en', 'sr-Latn', 'sq']
        : [lang, lang === 'sr-Cyrl' ? 'sr-Latn' : 'sr-Cyrl', 'en', 'sq'];
  const full = withDerivedScripts(names).text;
  const picked = pickNarrative(full, order);
  const name = picked?.text ?? '';
  return acronym && name.length > 40 ? acronym : name || acronym || '';
}

async function labelsFor(
  db: Database,
  group: GroupBy | null,
  keys: string[],
  lang: string,
): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  if (group === 'sector') {
    for (const s of officeSectors().items)
      if (keys.includes(s.code)) out[s.code] = nameIn(lang, s.name);
  } else if (group === 'municipality') {
    for (const p of await placeNames(db, keys)) out[p.id] = nameIn(lang, p.names);
  } else if (group === 'organisation') {
    for (const o of await organisationNames(db, keys)) out[o.id] = nameIn(lang, o.names, o.acronym);
  }
  return out;
}

/**
 * Totals of one measure over a selection, grouped by one key, in one currency. The grouped rows
 * of a currency add up to its total but for the cents that rounding each split share can shift.
 */
export async function portalTotals(
  db: Database,
  q: PortalTotalsQuery,
  ids?: string[] | null,
): Promise<PortalTotalsOut> {
  const selection = ids === undefined ? await selectionIds(db, q) : ids;
  const measure: Measure = q.measure;
  const group: GroupBy | null = q.group_by ?? null;
  const [grandRows, groupRows, activities] = await Promise.all([
    sumMoney(db, measure, null, selection),
    group ? sumMoney(db, measure, group, selection) : Promise.resolve([]),
    countPublished(db, selection),
  ]);
  const total = grandRows.find((r) => r.currency === q.currency)?.value ?? '0.00';
  const rows = group
    ? groupRows
        .filter((r) => r.currency === q.currency)
        .map((r) => ({ [group]: r.key, value: r.value }))
    : [{ value: total }];
  const keys = groupRows.map((r) => r.key).filter((k): k is string => k !== null);
  return {
    currency: q.currency,
    measure,
    group_by: group,
    rows,
    labels: await labelsFor(db, group, [...new Set(keys)], q.lang),
    total,
    activities,
    other_currencies: grandRows
      .filter((r) => r.currency !== q.currency)
      .map((r) => ({ currency: r.currency, total: r.value })),
  };
}
