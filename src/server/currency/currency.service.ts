import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Actor } from '../auth/actor.js';
import { requireRole } from '../auth/permissions.js';
import type { Database } from '../db/db.js';
import { ValidationError } from '../errors.js';
import { projectPath } from '../paths.js';
import { decodeCursor, encodeCursor } from '../shared/cursor.js';
import type { Page } from '../shared/schemas.js';
import { convertMany } from './currency.convert.js';
import { parseRatesCsv } from './currency.csv.js';
import {
  deleteQuotesNotIn,
  firstRateDate,
  listRates,
  lockRateLoad,
  rateFileChecksum,
  recordRateFile,
  upsertQuotes,
  type UpsertCounts,
} from './currency.queries.js';
import type {
  ConvertOut,
  ConvertQuery,
  RateImportOut,
  RateListQuery,
  RateOut,
} from './currency.schemas.js';
import { SHIPPED_RATE_FILES, type ShippedRateFile } from './rates.files.js';

/** Rows per statement when writing quotes: bounded parameter arrays, progress between them. */
const CHUNK = 2000;

export interface ShippedRatesResult {
  /** Files written by this call (their content changed since the last load). */
  loaded: string[];
  unchanged: number;
  quotes: number;
}

/**
 * Loads the rate files shipped in data/rates. Idempotent and cheap when nothing changed: each
 * file's checksum is compared with the one recorded at its last load (one query). A changed file
 * is loaded in one transaction; its quotes never overwrite a quote imported from another source.
 */
export async function loadShippedRates(
  db: Database,
  files: readonly ShippedRateFile[] = SHIPPED_RATE_FILES,
  dir = projectPath('data/rates'),
): Promise<ShippedRatesResult> {
  const result: ShippedRatesResult = { loaded: [], unchanged: 0, quotes: 0 };
  for (const f of files) {
    const text = readFileSync(`${dir}/${f.file}`, 'utf8');
    const checksum = createHash('sha256').update(f.source).update('\0').update(text).digest('hex');
    if ((await rateFileChecksum(db, f.file)) === checksum) {
      result.unchanged++;
      continue;
    }
    const parsed = parseRatesCsv(text);
    if (parsed.issues.length)
      throw new ValidationError(parsed.issues, `data/rates/${f.file} is not a valid rate file`);
    const wrote = await db.transaction(async (tx) => {
      await lockRateLoad(tx);
      // Another process may have loaded it while this one waited for the lock.
      if ((await rateFileChecksum(tx, f.file)) === checksum) return false;
      for (let i = 0; i < parsed.quotes.length; i += CHUNK)
        await upsertQuotes(tx, parsed.quotes.slice(i, i + CHUNK), f.source, true);
      await deleteQuotesNotIn(tx, f.source, parsed.quotes);
      await recordRateFile(tx, {
        name: f.file,
        source: f.source,
        checksum,
        quotes: parsed.quotes.length,
      });
      return true;
    });
    if (wrote) {
      result.loaded.push(f.file);
      result.quotes += parsed.quotes.length;
    } else result.unchanged++;
  }
  return result;
}

export interface ImportOptions {
  source?: string | undefined;
  fileName?: string;
  /** Called after each chunk written, with the quotes written so far and the file's total. */
  onProgress?: (done: number, total: number) => void;
}

/**
 * Imports a rate file (see parseRatesCsv for the layouts) in one transaction: a file with any
 * problem stores nothing, and the error names each line and field. Quotes for a (currency, date)
 * already stored replace it.
 */
export async function importRates(
  db: Database,
  actor: Actor | null,
  text: string,
  options: ImportOptions = {},
): Promise<RateImportOut> {
  requireRole(actor, ['admin'], 'import exchange rates');
  const parsed = parseRatesCsv(text);
  if (parsed.issues.length) {
    const where = options.fileName ? `${options.fileName}: ` : '';
    throw new ValidationError(
      parsed.issues,
      `${where}${parsed.issues.length} problem(s), nothing imported: ` +
        parsed.issues
          .slice(0, 5)
          .map((i) => `${i.path}: ${i.message}`)
          .join('; '),
    );
  }
  const source =
    options.source ?? (parsed.layout === 'ecb' ? 'ECB euro reference rates' : 'import');
  const counts: UpsertCounts = await db.transaction(async (tx) => {
    const total: UpsertCounts = { inserted: 0, updated: 0, unchanged: 0 };
    for (let i = 0; i < parsed.quotes.length; i += CHUNK) {
      const chunk = parsed.quotes.slice(i, i + CHUNK);
      const c = await upsertQuotes(tx, chunk, source);
      total.inserted += c.inserted;
      total.updated += c.updated;
      total.unchanged += c.unchanged;
      options.onProgress?.(i + chunk.length, parsed.quotes.length);
    }
    return total;
  });
  const dates = parsed.quotes.map((q) => q.date).sort();
  return {
    layout: parsed.layout,
    source,
    quotes: parsed.quotes.length,
    ...counts,
    currencies: [...new Set(parsed.quotes.map((q) => q.currency))].sort(),
    first: dates[0] ?? '',
    last: dates.at(-1) ?? '',
  };
}

export async function searchRates(db: Database, q: RateListQuery): Promise<Page<RateOut>> {
  const cursor = decodeCursor(q.cursor);
  const rows = await listRates(db, {
    currency: q.currency ?? null,
    from: q.from ?? null,
    to: q.to ?? null,
    after: cursor ? { currency: cursor.k, date: cursor.id } : null,
    limit: q.limit,
  });
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return {
    items: page.map((r) => ({
      currency: r.currency,
      date: r.rate_date,
      per_eur: r.per_eur,
      source: r.source,
    })),
    next_cursor:
      rows.length > q.limit && last ? encodeCursor({ k: last.currency, id: last.rate_date }) : null,
  };
}

/** One conversion, citing its quotes; a missing quote is a 422 that says which and how far back the table goes. */
export async function convertAmount(db: Database, q: ConvertQuery): Promise<ConvertOut> {
  const [c] = await convertMany(db, [{ value: q.amount, from: q.from, to: q.to, date: q.date }]);
  if (!c?.value) {
    const missing = c?.missing ?? { currency: q.from, reason: 'no rate' };
    const first = await firstRateDate(db, missing.currency);
    throw new ValidationError(
      [
        {
          path: 'date',
          message: `${missing.reason}: ${first ? `the first ${missing.currency} quote is of ${first}` : `there are no ${missing.currency} quotes; import some with koordinata rates import`}`,
          code: 'no_rate',
        },
      ],
      `No rate: ${missing.reason}.`,
    );
  }
  return {
    amount: q.amount,
    from: q.from,
    to: q.to,
    date: q.date,
    value: c.value,
    rates: c.rates,
  };
}
