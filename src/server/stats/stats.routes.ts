import { Hono } from 'hono';
import type { AppEnv } from '../http/context.js';
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

export const statsRoutes = new Hono<AppEnv>().get('/totals', async (c) => {
  const { group_by, measure, currency, sector_vocabulary, lang, ...filters } = parseQuery(
    c,
    TotalsQuery,
  );
  return c.json(
    await getTotals(c.var.db, c.var.actor, {
      groupBy: group_by,
      measure,
      currency,
      sectorVocabulary: sector_vocabulary,
      lang,
      filters,
    }),
  );
});
