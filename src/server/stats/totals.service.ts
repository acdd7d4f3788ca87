import { z } from 'zod';
import {
  resolveActivityKeys,
  resolveMunicipalities,
  resolveOrganisations,
} from '../activities/activities.resolve.js';
import { descendantsOf } from '../activities/activities.queries.js';
import type { Actor } from '../auth/actor.js';
import { canSeeUnpublished } from '../auth/actor.js';
import { officeSectors } from '../codelists/codelists.vocabularies.js';
import type { Database, Queryable } from '../db/db.js';
import { ValidationError } from '../errors.js';
import { findPlaceById, findPlaceByKindCode } from '../places/places.queries.js';
import { escapeLike, foldQuery, pickNarrative } from '../text/index.js';
import {
  activityTitles,
  codelistNames,
  hasRates,
  organisationNames,
  placeNames,
  rateSources,
  selectTotals,
  type FactFilter,
} from './totals.queries.js';
import { refreshTotals } from './totals.refresh.js';
import { GroupKey, Measure, TotalsQuery, UNSPECIFIED, type TotalsOut } from './totals.schemas.js';

/** The activity list's filters, as the portal and the API pass them. */
export const TotalsFilters = TotalsQuery.pick({
  q: true,
  municipality: true,
  settlement: true,
  sector: true,
  organisation: true,
  role: true,
  programme: true,
  status: true,
  year_from: true,
  year_to: true,
});
export type TotalsFilters = z.input<typeof TotalsFilters>;

export const TotalsRequest = z.object({
  groupBy: z
    .array(GroupKey)
    .default([])
    .refine((keys) => new Set(keys).size === keys.length, 'lists a key twice'),
  measure: Measure,
  currency: TotalsQuery.shape.currency,
  sectorVocabulary: TotalsQuery.shape.sector_vocabulary,
  lang: TotalsQuery.shape.lang,
  filters: TotalsFilters.default({}),
});
export type TotalsRequest = z.input<typeof TotalsRequest>;

const CONVERSION_METHOD =
  'Each figure is converted on its value date with the latest quote on or before that date ' +
  '(never a later one), through the euro; quotes are units per euro.';

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NOTHING = '00000000-0000-0000-0000-000000000000';

async function resolveSettlements(db: Queryable, keys: readonly string[]): Promise<string[]> {
  const ids: string[] = [];
  for (const key of keys) {
    const place = UUID_RE.test(key)
      ? await findPlaceById(db, key)
      : await findPlaceByKindCode(db, 'settlement', key);
    if (place) ids.push(place.id);
  }
  return ids.length ? ids : [NOTHING];
}

async function toFilter(
  db: Database,
  actor: Actor | null,
  measure: Measure,
  f: z.output<typeof TotalsFilters>,
): Promise<FactFilter> {
  const some = <T>(xs: T[] | undefined): xs is T[] => Array.isArray(xs) && xs.length > 0;
  const folded = f.q ? foldQuery(f.q) : '';
  let activityIds: string[] | null = null;
  if (some(f.programme)) {
    const roots = await resolveActivityKeys(db, f.programme);
    activityIds = [...roots, ...(await descendantsOf(db, roots))];
  }
  return {
    measure,
    publishedOnly: !canSeeUnpublished(actor),
    municipalityIds: some(f.municipality) ? await resolveMunicipalities(db, f.municipality) : null,
    settlementIds: some(f.settlement) ? await resolveSettlements(db, f.settlement) : null,
    sectorCodes: some(f.sector) ? f.sector : null,
    sectorPrefixes: (f.sector ?? []).filter((c) => /^\d{3}$/.test(c)),
    organisationIds: some(f.organisation) ? await resolveOrganisations(db, f.organisation) : null,
    roles: some(f.role) ? f.role : null,
    activityIds,
    statuses: some(f.status) ? f.status : null,
    likeQ: folded ? escapeLike(folded) : null,
    yearFrom: f.year_from ?? null,
    yearTo: f.year_to ?? null,
  };
}

function parseRequest(query: TotalsRequest): z.output<typeof TotalsRequest> {
  const res = TotalsRequest.safeParse(query);
  if (!res.success) {
    throw new ValidationError(
      res.error.issues.map((i) => ({
        path: i.path.map(String).join('.'),
        message: i.message,
        code: i.code,
      })),
    );
  }
  return res.data;
}

type Names = Record<string, string>;

function pick(names: Names, lang: string): string | null {
  return pickNarrative(names, [lang, 'en', 'sr-Latn', 'sq'])?.text ?? null;
}

async function labelsFor(
  db: Database,
  keys: readonly GroupKey[],
  values: Map<GroupKey, Set<string>>,
  lang: string,
  sectorVocabulary: '1' | '99',
): Promise<Record<string, Record<string, string>>> {
  const out: Record<string, Record<string, string>> = {};
  const put = (key: GroupKey, rows: { id: string; names: Names }[]) => {
    const m: Record<string, string> = {};
    for (const r of rows) {
      const text = pick(r.names, lang);
      if (text) m[r.id] = text;
    }
    out[key] = m;
  };
  for (const key of keys) {
    const ids = [...(values.get(key) ?? [])].filter((v) => v !== UNSPECIFIED);
    switch (key) {
      case 'organisation':
        put(
          key,
          (await organisationNames(db, ids)).map((o) => ({
            id: o.id,
            names: Object.keys(o.names).length ? o.names : { en: o.acronym ?? o.id },
          })),
        );
        break;
      case 'municipality':
      case 'settlement':
        put(key, await placeNames(db, ids));
        break;
      case 'programme':
        put(key, await activityTitles(db, ids));
        break;
      case 'sector':
        if (sectorVocabulary === '99') {
          put(
            key,
            officeSectors()
              .items.filter((s) => ids.includes(s.code))
              .map((s) => ({ id: s.code, names: s.name })),
          );
        } else {
          put(key, await codelistNames(db, 'Sector', ids));
        }
        break;
      case 'transaction_type':
        put(key, await codelistNames(db, 'TransactionType', ids));
        break;
      case 'year':
      case 'role':
        break;
    }
  }
  return out;
}

/**
 * Totals of one measure, counted once (docs/decisions/007-counting-money-once.md), grouped by the
 * requested keys, in the requested currency. Anonymous callers see published activities only.
 * Every write committed before the call is reflected: the facts of changed activities are
 * recomputed first (unless the caller did so with refreshTotals and says `refreshed`).
 */
export async function getTotals(
  db: Database,
  actor: Actor | null,
  query: TotalsRequest,
  options: { refreshed?: boolean } = {},
): Promise<TotalsOut> {
  const q = parseRequest(query);
  if (!['EUR', 'USD', 'RSD'].includes(q.currency) && !(await hasRates(db, q.currency))) {
    throw new ValidationError([
      {
        path: 'currency',
        message: `no exchange rates for ${q.currency}: use EUR, USD, RSD or a currency with rates`,
      },
    ]);
  }
  // a caller asking for several totals at once brings them up to date once, beforehand
  if (!options.refreshed) await refreshTotals(db);
  const filter = await toFilter(db, actor, q.measure, q.filters);
  const result = await selectTotals(db, {
    groupBy: q.groupBy,
    currency: q.currency,
    sectorVocabulary: q.sectorVocabulary,
    filter,
  });
  const totalRow = result.find((r) => r.total);
  const values = new Map<GroupKey, Set<string>>(q.groupBy.map((k) => [k, new Set<string>()]));
  const rows = result
    .filter((r) => !r.total)
    .map((r) => {
      const row: Record<string, string | number> = {};
      q.groupBy.forEach((k, i) => {
        const v = r.keys[i] ?? UNSPECIFIED;
        row[k] = k === 'year' ? Number(v) : String(v);
        values.get(k)?.add(String(v));
      });
      return { row, value: r.value };
    });
  const labels = await labelsFor(db, q.groupBy, values, q.lang, q.sectorVocabulary);
  const collator = new Intl.Collator(q.lang);
  const sortKey = (k: GroupKey, v: string | number) =>
    typeof v === 'number' ? v : v === UNSPECIFIED ? '\uffff' : (labels[k]?.[v] ?? v);
  rows.sort((a, b) => {
    for (const k of q.groupBy) {
      const x = sortKey(k, a.row[k] ?? '');
      const y = sortKey(k, b.row[k] ?? '');
      const c =
        typeof x === 'number' && typeof y === 'number'
          ? x - y
          : collator.compare(String(x), String(y));
      if (c !== 0) return c;
    }
    return 0;
  });
  return {
    currency: q.currency,
    measure: q.measure,
    group_by: q.groupBy,
    sector_vocabulary: q.sectorVocabulary,
    rows: rows.map((r) => ({ ...r.row, value: r.value })),
    total: totalRow?.value ?? '0.00',
    without_rate: { count: totalRow?.missing ?? 0 },
    conversion: { method: CONVERSION_METHOD, source: await rateSources(db) },
    labels,
  };
}
