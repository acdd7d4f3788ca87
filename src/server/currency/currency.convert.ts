import type { Queryable } from '../db/db.js';
import { ratesInForce } from './currency.queries.js';
import { decimal, divide, formatDecimal, multiply } from './decimal.js';

/** A quote cited by a converted figure. */
export interface RateUsed {
  currency: string;
  date: string;
  per_eur: string;
  source: string;
}

export interface Conversion {
  /** The converted value, rounded half to even to 2 places; null when a quote is missing. */
  value: string | null;
  rates: RateUsed[];
  /** Why there is no value: the currency without a quote on or before the date. */
  missing: { currency: string; date: string; reason: string } | null;
}

export interface ConversionRequest {
  value: string;
  from: string;
  to: string;
  /** The value date: quotes of this day or the latest before it are used. */
  date: string;
}

const EUR_QUOTE = (date: string): RateUsed => ({
  currency: 'EUR',
  date,
  per_eur: '1',
  source: 'EUR is the base',
});

/**
 * value_to = value / per_eur(from) × per_eur(to), each per_eur the latest quote on or before the
 * value date (EUR: 1), computed exactly and rounded half to even to 2 places at the end. The same
 * currency on both sides is the identity and needs no quote.
 */
export function convertWith(
  req: ConversionRequest,
  quote: (currency: string) => RateUsed | null,
): Conversion {
  if (req.from === req.to)
    return { value: formatDecimal(decimal(req.value), 2), rates: [], missing: null };
  const rates: RateUsed[] = [];
  for (const currency of [req.from, req.to]) {
    const q = currency === 'EUR' ? EUR_QUOTE(req.date) : quote(currency);
    if (!q) {
      return {
        value: null,
        rates,
        missing: {
          currency,
          date: req.date,
          reason: `no ${currency} rate on or before ${req.date}`,
        },
      };
    }
    rates.push(q);
  }
  const [from, to] = rates as [RateUsed, RateUsed];
  const value = divide(multiply(decimal(req.value), decimal(to.per_eur)), decimal(from.per_eur), 2);
  return { value: formatDecimal(value, 2), rates, missing: null };
}

/** Converts many values at once: one query finds every quote in force. */
export async function convertMany(
  db: Queryable,
  requests: readonly ConversionRequest[],
): Promise<Conversion[]> {
  const keys = new Map<string, { currency: string; date: string }>();
  for (const r of requests) {
    if (r.from === r.to) continue;
    for (const currency of [r.from, r.to])
      if (currency !== 'EUR') keys.set(`${currency}/${r.date}`, { currency, date: r.date });
  }
  const found = new Map<string, RateUsed | null>();
  for (const row of await ratesInForce(db, [...keys.values()])) {
    found.set(
      `${row.currency}/${row.on_date}`,
      row.per_eur !== null && row.rate_date !== null && row.source !== null
        ? { currency: row.currency, date: row.rate_date, per_eur: row.per_eur, source: row.source }
        : null,
    );
  }
  return requests.map((r) =>
    convertWith(r, (currency) => found.get(`${currency}/${r.date}`) ?? null),
  );
}
