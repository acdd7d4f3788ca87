import { Hono } from 'hono';
import type { AppContext, AppEnv } from '../http/context.js';
import { csvLine } from '../web/csv.js';
import { describe } from '../http/openapi.js';
import { parseQuery } from '../http/validate.js';
import { TotalsOut, TotalsQuery } from './totals.schemas.js';
import { getTotals } from './totals.service.js';

describe({
  method: 'get',
  path: '/api/v1/stats/totals',
  summary:
    'Totals of one measure counted once (docs/decisions/007), grouped by the given keys, with the list filters',
  tags: ['Statistics'],
  auth: 'optional',
  query: TotalsQuery,
  response: TotalsOut,
});

describe({
  method: 'get',
  path: '/api/v1/stats/totals.csv',
  summary:
    'The same totals as CSV (UTF-8 with BOM): a key and label column per grouping key, the value, the currency',
  tags: ['Statistics'],
  auth: 'optional',
  query: TotalsQuery,
  responseType: 'text/csv',
});

function totalsOf(c: AppContext): Promise<TotalsOut> {
  const { group_by, measure, currency, sector_vocabulary, lang, ...filters } = parseQuery(
    c,
    TotalsQuery,
  );
  return getTotals(c.var.db, c.var.actor, {
    groupBy: group_by,
    measure,
    currency,
    sectorVocabulary: sector_vocabulary,
    lang,
    filters,
  });
}

export const statsRoutes = new Hono<AppEnv>()
  .get('/totals', async (c) => c.json(await totalsOf(c)))
  .get('/totals.csv', async (c) => {
    const t = await totalsOf(c);
    const head = [...t.group_by.flatMap((k) => [k, `${k}_label`]), 'value', 'currency'];
    const lines = t.rows.map((r) =>
      csvLine([
        ...t.group_by.flatMap((k) => {
          const key = String(r[k] ?? '');
          return [key, t.labels[k]?.[key] ?? ''];
        }),
        r.value,
        t.currency,
      ]),
    );
    const name = t.group_by.length ? t.group_by.join('-') : 'all';
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header('Content-Disposition', `attachment; filename="totals-${t.measure}-${name}.csv"`);
    return c.body('\uFEFF' + csvLine(head) + lines.join(''));
  });
