import { z } from 'zod';
import { ActivityListQuery } from '../activities/activities.schemas.js';
import { selectActivityIds } from '../activities/activities.service.js';
import type { Database } from '../db/db.js';
import { pickNarrative, withDerivedScripts } from '../text/index.js';
import type { GroupKey, Measure, TotalsOut } from '../stats/totals.schemas.js';
import { refreshTotals } from '../stats/totals.refresh.js';
import { getTotals, type TotalsFilters, type TotalsRequest } from '../stats/totals.service.js';

/** The activity list filters a portal view takes (the explorer's form, the downloads). */
export const SelectionQuery = ActivityListQuery.omit({
  limit: true,
  cursor: true,
  publication_status: true,
  hierarchy: true,
});
export type SelectionQuery = z.output<typeof SelectionQuery>;

/** The currencies a reader can choose on the portal; anything else reads as the euro. */
export const PORTAL_CURRENCIES = ['EUR', 'USD', 'RSD'] as const;
export type PortalCurrency = (typeof PORTAL_CURRENCIES)[number];

export function portalCurrency(raw: string | undefined): PortalCurrency {
  const up = (raw ?? '').toUpperCase();
  return (PORTAL_CURRENCIES as readonly string[]).includes(up) ? (up as PortalCurrency) : 'EUR';
}

/**
 * A selection's filters as the totals engine takes them. The names are the same; the totals
 * engine reads them as "the money attributed to" the place, sector or organisation (and dated in
 * the years), which is what a figure of the selection means.
 */
export function totalsFiltersOf(s: SelectionQuery & { settlement?: string[] }): TotalsFilters {
  const f: TotalsFilters = {};
  if (s.q) f.q = s.q;
  if (s.municipality?.length) f.municipality = s.municipality;
  if (s.settlement?.length) f.settlement = s.settlement;
  if (s.sector?.length) f.sector = s.sector;
  if (s.organisation?.length) f.organisation = s.organisation;
  if (s.role?.length) f.role = s.role;
  if (s.programme?.length) f.programme = s.programme;
  if (s.status?.length) f.status = s.status;
  if (s.year_from !== undefined) f.year_from = s.year_from;
  if (s.year_to !== undefined) f.year_to = s.year_to;
  return f;
}

export interface FiguresRequest {
  lang: string;
  currency?: PortalCurrency;
  measure?: Measure;
  groupBy?: GroupKey;
  filters?: TotalsFilters;
}

/**
 * One of the portal's money figures: the totals engine's answer (docs/decisions/007) as an
 * anonymous caller gets it from GET /api/v1/stats/totals, so the portal and the API never differ.
 */
export function portalFigures(db: Database, r: FiguresRequest): Promise<TotalsOut> {
  return getTotals(db, null, figuresQuery(r));
}

function figuresQuery(r: FiguresRequest): TotalsRequest {
  return {
    measure: r.measure ?? 'budget',
    currency: r.currency ?? 'EUR',
    groupBy: r.groupBy ? [r.groupBy] : [],
    lang: r.lang,
    filters: r.filters ?? {},
  };
}

/**
 * The figures of one page: the totals are brought up to date once, at the first figure, and
 * every figure of the page is then read as of that moment.
 */
export function pageFigures(
  db: Database,
  base: Pick<FiguresRequest, 'lang' | 'currency' | 'filters'>,
): (r: Omit<FiguresRequest, 'lang' | 'currency'>) => Promise<TotalsOut> {
  let fresh: Promise<unknown> | null = null;
  return async (r) => {
    fresh ??= refreshTotals(db);
    await fresh;
    const q = { ...base, ...r };
    return getTotals(db, null, figuresQuery(q), { refreshed: true });
  };
}

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
