import type { FieldIssue } from '../errors.js';
import { compare, decimal, formatDecimal, parseDecimal } from './decimal.js';
import type { QuoteWrite } from './currency.queries.js';

/** numeric(24, 10): at most 14 digits before the point and 10 after. */
const MAX_PER_EUR = decimal('99999999999999.9999999999');
const MAX_ISSUES = 50;

export type RateLayout = 'quotes' | 'ecb';

export interface ParsedRates {
  layout: RateLayout;
  quotes: QuoteWrite[];
  issues: FieldIssue[];
}

function splitLine(line: string): string[] {
  return line.split(',').map((f) => f.trim().replace(/^"(.*)"$/, '$1'));
}

function issue(line: number, field: string, message: string, code: string): FieldIssue {
  return { path: `line ${line}: ${field}`, message, code };
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date as YYYY-MM-DD (not 2020-02-30). */
function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value;
}

function checkDate(line: number, field: string, value: string, issues: FieldIssue[]): boolean {
  if (isIsoDate(value)) return true;
  issues.push(issue(line, field, `"${value}" is not a date as YYYY-MM-DD`, 'invalid_date'));
  return false;
}

function checkRate(
  line: number,
  field: string,
  value: string,
  issues: FieldIssue[],
): string | null {
  const d = /^\d+(\.\d+)?$/.test(value) ? parseDecimal(value) : null;
  if (!d || d.units === 0n) {
    issues.push(
      issue(
        line,
        field,
        `"${value}" is not a positive decimal number (write 117.25)`,
        'invalid_rate',
      ),
    );
    return null;
  }
  if (d.scale > 10 || compare(d, MAX_PER_EUR) > 0) {
    issues.push(
      issue(
        line,
        field,
        `"${value}" does not fit: at most 14 digits before the decimal point and 10 after`,
        'invalid_rate',
      ),
    );
    return null;
  }
  return formatDecimal(d);
}

function checkCurrency(line: number, field: string, value: string, issues: FieldIssue[]): boolean {
  if (!/^[A-Z]{3}$/.test(value)) {
    issues.push(
      issue(
        line,
        field,
        `"${value}" is not an ISO 4217 code in capitals such as RSD`,
        'invalid_currency',
      ),
    );
    return false;
  }
  if (value === 'EUR') {
    issues.push(issue(line, field, 'EUR is the base: it needs no quote', 'invalid_currency'));
    return false;
  }
  return true;
}

/**
 * Reads a rate file in one of two layouts, recognised by the header:
 *  - `currency,date,per_eur`: one quote a line (the layout of data/rates);
 *  - the ECB's eurofxref-hist.csv: `Date,USD,JPY,…` and one line per day, "N/A" where a currency
 *    has no quote that day.
 * Every problem is reported with its line (1 = the header) and field; a file with any problem
 * loads nothing. A (currency, date) given twice is a problem.
 */
export function parseRatesCsv(text: string): ParsedRates {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = splitLine(lines[0] ?? '').filter((h, i, all) => h !== '' || i < all.length - 1);
  const issues: FieldIssue[] = [];
  const quotes: QuoteWrite[] = [];
  const lower = header.map((h) => h.toLowerCase());
  let layout: RateLayout;
  if (lower.join(',') === 'currency,date,per_eur') layout = 'quotes';
  else if (lower[0] === 'date' && header.length > 1) layout = 'ecb';
  else {
    issues.push({
      path: 'line 1',
      message: `unknown header "${lines[0] ?? ''}": expected currency,date,per_eur or the ECB layout Date,USD,JPY,…`,
      code: 'invalid_header',
    });
    return { layout: 'quotes', quotes, issues };
  }
  if (layout === 'ecb')
    header.slice(1).forEach((c, i) => checkCurrency(1, `column ${i + 2}`, c, issues));
  const seen = new Set<string>();
  const add = (line: number, field: string, q: QuoteWrite) => {
    const key = `${q.currency}/${q.date}`;
    if (seen.has(key)) {
      issues.push(
        issue(line, field, `a second quote for ${q.currency} on ${q.date}`, 'duplicate_quote'),
      );
      return;
    }
    seen.add(key);
    quotes.push(q);
  };

  for (let i = 1; i < lines.length && issues.length < MAX_ISSUES; i++) {
    const raw = lines[i] ?? '';
    if (raw.trim() === '') continue;
    const n = i + 1;
    const fields = splitLine(raw);
    if (layout === 'quotes') {
      if (fields.length !== 3) {
        issues.push(
          issue(
            n,
            'line',
            `has ${fields.length} fields; expected currency,date,per_eur`,
            'field_count',
          ),
        );
        continue;
      }
      const [currency = '', date = '', rate = ''] = fields;
      const okCurrency = checkCurrency(n, 'currency', currency, issues);
      const okDate = checkDate(n, 'date', date, issues);
      const perEur = checkRate(n, 'per_eur', rate, issues);
      if (okCurrency && okDate && perEur) add(n, 'date', { currency, date, per_eur: perEur });
    } else {
      // The ECB file ends each line with a comma; trailing empty fields are not columns.
      while (fields.length > header.length && fields.at(-1) === '') fields.pop();
      if (fields.length !== header.length) {
        issues.push(
          issue(
            n,
            'line',
            `has ${fields.length} fields; the header has ${header.length}`,
            'field_count',
          ),
        );
        continue;
      }
      const date = fields[0] ?? '';
      if (!checkDate(n, 'Date', date, issues)) continue;
      for (let c = 1; c < header.length; c++) {
        const currency = header[c] ?? '';
        const value = fields[c] ?? '';
        if (value === '' || value === 'N/A') continue;
        const perEur = checkRate(n, currency, value, issues);
        if (perEur) add(n, currency, { currency, date, per_eur: perEur });
      }
    }
  }
  if (issues.length === 0 && quotes.length === 0)
    issues.push({ path: 'line 2', message: 'the file has no quotes', code: 'empty' });
  return { layout, quotes, issues };
}
