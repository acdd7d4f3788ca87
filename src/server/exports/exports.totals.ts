import { Hono } from 'hono';
import type { AppEnv } from '../http/context.js';
import { describe } from '../http/openapi.js';
import { parseQuery } from '../http/validate.js';
import { TotalsQuery, type TotalsOut } from '../stats/totals.schemas.js';
import { getTotals } from '../stats/totals.service.js';
import { headers } from './exports.lists.js';
import { respondTabular } from './respond.js';
import { TABULAR_CONTENT_TYPES, type Column, type TabularRow } from './tabular.js';

describe({
  method: 'get',
  path: '/api/v1/stats/totals.xlsx',
  summary:
    'The totals of GET /api/v1/stats/totals as XLSX: the same columns as totals.csv (a key and a label per grouping key, value, currency)',
  tags: ['Statistics'],
  auth: 'optional',
  query: TotalsQuery,
  responseType: TABULAR_CONTENT_TYPES.xlsx,
});

/** The columns of a totals answer, named as in totals.csv so both read the same. */
export function totalsColumns(t: TotalsOut): Column[] {
  return [
    ...t.group_by.flatMap((k): Column[] => [
      { key: k, header: headers(k, k, k), type: k === 'year' ? 'number' : 'text' },
      {
        key: `${k}_label`,
        header: headers(`${k}_label`, `${k}_label`, `${k}_label`),
        type: 'text',
        width: 40,
      },
    ]),
    { key: 'value', header: headers('value', 'value', 'value'), type: 'decimal', width: 16 },
    {
      key: 'currency',
      header: headers('currency', 'currency', 'currency'),
      type: 'text',
      width: 8,
    },
  ];
}

export function* totalsRows(t: TotalsOut): Generator<TabularRow> {
  for (const r of t.rows) {
    const row: Record<string, unknown> = { value: r.value, currency: t.currency };
    for (const k of t.group_by) {
      const key = String(r[k] ?? '');
      row[k] = key;
      row[`${k}_label`] = t.labels[k]?.[key] ?? '';
    }
    yield row;
  }
}

/** Totals as a spreadsheet, from the one totals engine (docs/decisions/007). */
export const totalsExportRoutes = new Hono<AppEnv>().get('/stats/totals.xlsx', async (c) => {
  const { group_by, measure, currency, sector_vocabulary, lang, ...filters } = parseQuery(
    c,
    TotalsQuery,
  );
  const t = await getTotals(c.var.db, c.var.actor, {
    groupBy: group_by,
    measure,
    currency,
    sectorVocabulary: sector_vocabulary,
    lang,
    filters,
  });
  const name = `totals-${t.measure}-${t.group_by.length ? t.group_by.join('-') : 'all'}`;
  return respondTabular(c, 'xlsx', name, totalsColumns(t), totalsRows(t), {
    locale: lang,
    sheetName: 'Totals',
  });
});
