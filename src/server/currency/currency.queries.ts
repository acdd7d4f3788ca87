import type { Queryable } from '../db/db.js';

export type RateRow = {
  currency: string;
  rate_date: string;
  per_eur: string;
  source: string;
};

export interface QuoteWrite {
  currency: string;
  date: string;
  per_eur: string;
}

/**
 * The quote in force for a currency on a date: the latest one on or before it. A LATERAL subquery
 * over `exchange_rate` (its primary key (currency, rate_date) makes each lookup one index probe),
 * for set-based conversions such as totals over many money rows:
 *
 *   select t.value, fx.per_eur as from_per_eur, tx.per_eur as to_per_eur
 *   from activity_transaction t
 *   left join lateral ${rateAt('t.currency', 't.value_date')} fx on true
 *   left join lateral ${rateAt('$1', 't.value_date')} tx on true
 *
 * gives per_eur, rate_date and source, or nulls when no quote exists on or before the date (a later
 * quote is never used). EUR has no rows: pair it with `convertedSql`, which treats it as 1.
 */
export function rateAt(currencySql: string, dateSql: string): string {
  return `(select r.per_eur, r.rate_date, r.source from exchange_rate r
    where r.currency = ${currencySql} and r.rate_date <= ${dateSql}
    order by r.rate_date desc limit 1)`;
}

/**
 * The SQL numeric of `valueSql` (in `fromSql`) converted to `toSql`, from two `rateAt` lookups
 * aliased `fromAlias` and `toAlias`: value / per_eur(from) * per_eur(to), multiplied before
 * dividing and left unrounded, so that sums round once at the end. Null when a quote is missing.
 */
export function convertedSql(
  valueSql: string,
  fromSql: string,
  toSql: string,
  fromAlias: string,
  toAlias: string,
): string {
  return `(case when ${fromSql} = ${toSql} then ${valueSql}::numeric
    else ${valueSql}::numeric
      * (case when ${toSql} = 'EUR' then 1::numeric else ${toAlias}.per_eur end)
      / (case when ${fromSql} = 'EUR' then 1::numeric else ${fromAlias}.per_eur end) end)`;
}

/** Quotes in force for each (currency, date) pair; missing pairs come back with null per_eur. */
export async function ratesInForce(
  db: Queryable,
  pairs: readonly { currency: string; date: string }[],
): Promise<
  {
    currency: string;
    on_date: string;
    rate_date: string | null;
    per_eur: string | null;
    source: string | null;
  }[]
> {
  if (pairs.length === 0) return [];
  return db.query(
    `select q.currency, q.on_date::text as on_date, fx.rate_date::text as rate_date,
            trim_scale(fx.per_eur)::text as per_eur, fx.source
       from unnest($1::text[], $2::date[]) as q(currency, on_date)
       left join lateral ${rateAt('q.currency', 'q.on_date')} fx on true`,
    [pairs.map((p) => p.currency), pairs.map((p) => p.date)],
  );
}

/** The first quote of a currency, to say how far back the table goes. */
export async function firstRateDate(db: Queryable, currency: string): Promise<string | null> {
  const [row] = await db.query<{ d: string | null }>(
    `select min(rate_date)::text as d from exchange_rate where currency = $1`,
    [currency],
  );
  return row?.d ?? null;
}

export interface RateFilter {
  currency: string | null;
  from: string | null;
  to: string | null;
  after: { currency: string; date: string } | null;
  limit: number;
}

export async function listRates(db: Queryable, f: RateFilter): Promise<RateRow[]> {
  return db.query<RateRow>(
    `select currency, rate_date::text as rate_date, trim_scale(per_eur)::text as per_eur, source
       from exchange_rate
      where ($1::text is null or currency = $1)
        and ($2::date is null or rate_date >= $2)
        and ($3::date is null or rate_date <= $3)
        and ($4::text is null or (currency, rate_date) > ($4::text, $5::date))
      order by currency, rate_date
      limit $6`,
    [f.currency, f.from, f.to, f.after?.currency ?? null, f.after?.date ?? null, f.limit + 1],
  );
}

export async function rateSummary(
  db: Queryable,
): Promise<{ currency: string; quotes: number; first: string; last: string }[]> {
  return db.query(
    `select currency, count(*)::int as quotes, min(rate_date)::text as first,
            max(rate_date)::text as last
       from exchange_rate group by currency order by currency`,
  );
}

export interface UpsertCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}

/**
 * Writes quotes; a quote for a (currency, date) already stored replaces it. With `onlySource`,
 * a stored quote is replaced only if it came from that source (shipped data never overwrites
 * quotes someone imported).
 */
export async function upsertQuotes(
  db: Queryable,
  quotes: readonly QuoteWrite[],
  source: string,
  onlySource = false,
): Promise<UpsertCounts> {
  if (quotes.length === 0) return { inserted: 0, updated: 0, unchanged: 0 };
  const rows = await db.query<{ inserted: boolean }>(
    `insert into exchange_rate as e (currency, rate_date, per_eur, source)
     select c, d, p, $4 from unnest($1::text[], $2::date[], $3::numeric[]) as q(c, d, p)
     on conflict (currency, rate_date) do update
       set per_eur = excluded.per_eur, source = excluded.source
       where (e.per_eur, e.source) is distinct from (excluded.per_eur, excluded.source)
         and ($5::boolean is false or e.source = excluded.source)
     returning (xmax = 0) as inserted`,
    [
      quotes.map((q) => q.currency),
      quotes.map((q) => q.date),
      quotes.map((q) => q.per_eur),
      source,
      onlySource,
    ],
  );
  const inserted = rows.filter((r) => r.inserted).length;
  const updated = rows.length - inserted;
  return { inserted, updated, unchanged: quotes.length - rows.length };
}

/** Removes the quotes of a source that a new version of its file no longer has. */
export async function deleteQuotesNotIn(
  db: Queryable,
  source: string,
  keep: readonly QuoteWrite[],
): Promise<number> {
  const rows = await db.query(
    `delete from exchange_rate e
      where e.source = $1
        and not exists (select 1 from unnest($2::text[], $3::date[]) as k(c, d)
                         where k.c = e.currency and k.d = e.rate_date)
      returning 1`,
    [source, keep.map((q) => q.currency), keep.map((q) => q.date)],
  );
  return rows.length;
}

export async function rateFileChecksum(db: Queryable, name: string): Promise<string | null> {
  const [row] = await db.query<{ checksum: string }>(
    'select checksum from exchange_rate_file where name = $1',
    [name],
  );
  return row?.checksum ?? null;
}

export async function recordRateFile(
  db: Queryable,
  f: { name: string; source: string; checksum: string; quotes: number },
): Promise<void> {
  await db.query(
    `insert into exchange_rate_file (name, source, checksum, quotes) values ($1, $2, $3, $4)
     on conflict (name) do update
       set source = excluded.source, checksum = excluded.checksum, quotes = excluded.quotes,
           loaded_at = now()`,
    [f.name, f.source, f.checksum, f.quotes],
  );
}

/** Serialises loads of the shipped files between processes starting together. */
export async function lockRateLoad(db: Queryable): Promise<void> {
  await db.query('select pg_advisory_xact_lock($1)', [7_311_2011]);
}
