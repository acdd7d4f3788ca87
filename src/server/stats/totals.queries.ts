import type { Queryable } from '../db/db.js';
import type { GroupKey, Measure } from './totals.schemas.js';

/** Filters already resolved to ids and codes. */
export interface FactFilter {
  measure: Measure;
  publishedOnly: boolean;
  municipalityIds: string[] | null;
  settlementIds: string[] | null;
  sectorCodes: string[] | null;
  sectorPrefixes: string[];
  organisationIds: string[] | null;
  roles: string[] | null;
  activityIds: string[] | null;
  statuses: string[] | null;
  likeQ: string | null;
  yearFrom: number | null;
  yearTo: number | null;
}

export interface TotalsSpec {
  groupBy: GroupKey[];
  /** 'EUR' | 'USD' | 'RSD' read stored values; any other currency is converted from euros. */
  currency: string;
  sectorVocabulary: '1' | '99';
  filter: FactFilter;
}

export interface TotalsResultRow {
  keys: (string | number | null)[];
  value: string;
  missing: number;
  total: boolean;
}

const STORED = new Set(['EUR', 'USD', 'RSD']);

/** What a query needs of a table of sums: its grouping keys and the keys its filters test. */
type SumKey = 'year' | 'sector' | 'municipality' | 'organisation' | 'role' | 'transaction_type';

/** The tables of sums, narrowest first; each answers the queries whose keys it holds. */
const SUM_TABLES: readonly { table: string; keys: ReadonlySet<SumKey> }[] = [
  { table: 'money_by_place', keys: new Set<SumKey>(['year', 'sector', 'municipality']) },
  {
    table: 'money_by_org',
    keys: new Set<SumKey>(['year', 'organisation', 'role', 'transaction_type']),
  },
  {
    table: 'money_cube',
    keys: new Set<SumKey>([
      'year',
      'sector',
      'municipality',
      'organisation',
      'role',
      'transaction_type',
    ]),
  },
];

function neededKeys(spec: TotalsSpec): string[] {
  const f = spec.filter;
  const keys: string[] = [...spec.groupBy];
  if (f.yearFrom !== null || f.yearTo !== null) keys.push('year');
  if (f.municipalityIds) keys.push('municipality');
  if (f.organisationIds) keys.push('organisation');
  if (f.roles) keys.push('role');
  if (f.sectorCodes) keys.push('sector');
  return keys;
}

/**
 * The narrowest table of sums that answers the query, or null when only the facts do (another
 * currency, a settlement or programme key, filters on activities, statuses or words).
 */
export function sumTableFor(spec: TotalsSpec): string | null {
  const f = spec.filter;
  if (!STORED.has(spec.currency) || f.settlementIds || f.activityIds || f.statuses || f.likeQ) {
    return null;
  }
  const keys = neededKeys(spec);
  return SUM_TABLES.find((t) => keys.every((k) => t.keys.has(k as SumKey)))?.table ?? null;
}

function builder() {
  const params: unknown[] = [];
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  return { params, p };
}

/** Sums of one measure over the requested keys, and the grand total (the row with total: true). */
export async function selectTotals(db: Queryable, spec: TotalsSpec): Promise<TotalsResultRow[]> {
  const table = sumTableFor(spec);
  return table ? fromSums(db, table, spec) : fromFacts(db, spec);
}

function finish(rows: Record<string, unknown>[], keys: readonly GroupKey[]): TotalsResultRow[] {
  return rows.map((r) => ({
    keys: keys.map((_, i) => {
      const v = r[`k${i}`];
      if (v === null || v === undefined) return null;
      return typeof v === 'number' || typeof v === 'string' ? v : JSON.stringify(v);
    }),
    value: String(r.value),
    missing: Number(r.missing),
    total: keys.length === 0 || Number(r.g) !== 0,
  }));
}

function groupSql(exprs: string[]): { select: string; groupBy: string; grouping: string } {
  if (exprs.length === 0) return { select: '', groupBy: '', grouping: '1 as g' };
  return {
    select: exprs.map((e, i) => `${e} as k${i},`).join(' '),
    groupBy: `group by grouping sets ((${exprs.join(', ')}), ())`,
    grouping: `grouping(${exprs.join(', ')}) as g`,
  };
}

async function fromSums(
  db: Queryable,
  table: string,
  spec: TotalsSpec,
): Promise<TotalsResultRow[]> {
  const { params, p } = builder();
  const f = spec.filter;
  const col = spec.currency.toLowerCase();
  const sector = spec.sectorVocabulary === '1' ? 'sector_dac' : 'sector_office';
  const expr: Record<GroupKey, string> = {
    year: 'year::int',
    sector: `nullif(${sector}, '')`,
    municipality: "nullif(municipality, '')",
    settlement: 'null',
    organisation: "nullif(org, '')",
    role: "nullif(role, '')",
    programme: 'null',
    transaction_type: "nullif(transaction_type, '')",
  };
  const where = [`measure = ${p(f.measure)}`, f.publishedOnly ? 'published' : 'internal'];
  if (f.yearFrom !== null) where.push(`year >= ${p(f.yearFrom)}`);
  if (f.yearTo !== null) where.push(`year <= ${p(f.yearTo)}`);
  if (f.municipalityIds) where.push(`municipality = any(${p(f.municipalityIds)}::text[])`);
  if (f.organisationIds) where.push(`org = any(${p(f.organisationIds)}::text[])`);
  if (f.roles) where.push(`role = any(${p(f.roles)}::text[])`);
  if (f.sectorCodes) where.push(sectorWhere(p, f, 'sector_dac', 'sector_office'));
  const g = groupSql(spec.groupBy.map((k) => expr[k]));
  const rows = await db.query(
    `select ${g.select} coalesce(sum(${col}), 0)::numeric(24, 2)::text as value,
            coalesce(sum(${col}_missing), 0)::int as missing, ${g.grouping}
       from ${table} where ${where.join(' and ')} ${g.groupBy}`,
    params,
  );
  return finish(rows, spec.groupBy);
}

function sectorWhere(
  p: (v: unknown) => string,
  f: FactFilter,
  dac: string,
  office: string,
): string {
  const codes = p(f.sectorCodes);
  return `(${dac} = any(${codes}::text[]) or ${office} = any(${codes}::text[])
           or left(${dac}, 3) = any(${p(f.sectorPrefixes)}::text[]))`;
}

async function fromFacts(db: Queryable, spec: TotalsSpec): Promise<TotalsResultRow[]> {
  const { params, p } = builder();
  const f = spec.filter;
  const sector = spec.sectorVocabulary === '1' ? 'f.sector_dac' : 'f.sector_office';
  const expr: Record<GroupKey, string> = {
    year: 'f.year::int',
    sector,
    municipality: 'f.municipality_id::text',
    settlement: 'f.settlement_id::text',
    organisation: 'f.org_id::text',
    role: 'f.role',
    programme: 'f.programme_id::text',
    transaction_type: 'f.transaction_type',
  };
  const where = [`f.measure = ${p(f.measure)}`, f.publishedOnly ? 'f.published' : 'f.internal'];
  if (f.yearFrom !== null) where.push(`f.year >= ${p(f.yearFrom)}`);
  if (f.yearTo !== null) where.push(`f.year <= ${p(f.yearTo)}`);
  if (f.municipalityIds) where.push(`f.municipality_id = any(${p(f.municipalityIds)}::uuid[])`);
  if (f.settlementIds) where.push(`f.settlement_id = any(${p(f.settlementIds)}::uuid[])`);
  if (f.organisationIds) where.push(`f.org_id = any(${p(f.organisationIds)}::uuid[])`);
  if (f.roles) where.push(`f.role = any(${p(f.roles)}::text[])`);
  if (f.activityIds) where.push(`f.activity_id = any(${p(f.activityIds)}::uuid[])`);
  if (f.statuses) where.push(`f.activity_status = any(${p(f.statuses)}::text[])`);
  if (f.sectorCodes) where.push(sectorWhere(p, f, 'f.sector_dac', 'f.sector_office'));
  if (f.likeQ) {
    where.push(
      `f.activity_id in (select a.id from activity a where a.search_text like ${p(`%${f.likeQ}%`)})`,
    );
  }
  let value: string;
  let join = '';
  if (STORED.has(spec.currency)) {
    value = `f.value_${spec.currency.toLowerCase()}`;
  } else {
    // Another currency: the euro figure at the latest quote on or before the value date.
    const c = p(spec.currency);
    join = `left join lateral (select e.per_eur from exchange_rate e
              where e.currency = ${c} and e.rate_date <= f.value_date
              order by e.rate_date desc limit 1) r on true`;
    value = `case when f.currency = ${c} then f.value_orig else round(f.value_eur * r.per_eur, 2) end`;
  }
  const g = groupSql(spec.groupBy.map((k) => expr[k]));
  const rows = await db.query(
    `select ${g.select} coalesce(sum(${value}), 0)::numeric(24, 2)::text as value,
            (count(*) filter (where ${value} is null))::int as missing, ${g.grouping}
       from money_fact f ${join} where ${where.join(' and ')} ${g.groupBy}`,
    params,
  );
  return finish(rows, spec.groupBy);
}

export async function hasRates(db: Queryable, currency: string): Promise<boolean> {
  const rows = await db.query<{ ok: boolean }>(
    'select exists (select 1 from exchange_rate where currency = $1) as ok',
    [currency],
  );
  return rows[0]?.ok === true;
}

export async function rateSources(db: Queryable): Promise<string[]> {
  const rows = await db.query<{ value: string }>(
    "select value from money_meta where key = 'rate_sources'",
  );
  const v = rows[0]?.value;
  return v ? (JSON.parse(v) as string[]) : [];
}

export async function storeRateSources(tx: Queryable): Promise<void> {
  await tx.query(`
    insert into money_meta (key, value)
    select 'rate_sources', coalesce(json_agg(s order by s)::text, '[]')
      from (select distinct source as s from exchange_rate) x
    on conflict (key) do update set value = excluded.value`);
}

export async function ratesChanged(tx: Queryable): Promise<boolean> {
  const rows = await tx.query<{ d: boolean }>(
    'select exists (select 1 from money_dirty where currency is not null) as d',
  );
  return rows[0]?.d === true;
}

// ---- labels ----

export async function organisationNames(
  db: Queryable,
  ids: readonly string[],
): Promise<{ id: string; names: Record<string, string>; acronym: string | null }[]> {
  if (ids.length === 0) return [];
  return db.query('select id::text, names, acronym from organisation where id = any($1::uuid[])', [
    ids,
  ]);
}

export async function placeNames(
  db: Queryable,
  ids: readonly string[],
): Promise<{ id: string; names: Record<string, string> }[]> {
  if (ids.length === 0) return [];
  return db.query('select id::text, names from place where id = any($1::uuid[])', [ids]);
}

export async function activityTitles(
  db: Queryable,
  ids: readonly string[],
): Promise<{ id: string; names: Record<string, string> }[]> {
  if (ids.length === 0) return [];
  return db.query('select id::text, title as names from activity where id = any($1::uuid[])', [
    ids,
  ]);
}

export async function codelistNames(
  db: Queryable,
  codelist: string,
  codes: readonly string[],
): Promise<{ id: string; names: Record<string, string> }[]> {
  if (codes.length === 0) return [];
  return db.query(
    'select code as id, name as names from codelist_item where codelist = $1 and code = any($2::text[])',
    [codelist, codes],
  );
}
