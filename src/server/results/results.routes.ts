import { Hono } from 'hono';
import { z } from 'zod';
import { ActivityListQuery } from '../activities/activities.schemas.js';
import { historyOf } from '../audit/audit.service.js';
import { exportLocale, ExportLang } from '../exports/exports.routes.js';
import { headers, narrativeIn } from '../exports/exports.lists.js';
import { respondTabular } from '../exports/respond.js';
import { TABULAR_CONTENT_TYPES, type Column, type TabularRow } from '../exports/tabular.js';
import type { AppEnv } from '../http/context.js';
import { describe } from '../http/openapi.js';
import { parseBody, parseQuery, parseWith } from '../http/validate.js';
import { Uuid, Version } from '../shared/schemas.js';
import { ResultInput, ResultOut, ResultUpdate } from './results.schemas.js';
import {
  createResult,
  getResult,
  listResults,
  removeResult,
  updateResult,
} from './results.service.js';
import { resultsRollup, type RollupOut } from './results.stats.js';

const IdParam = z.object({ id: Uuid });
const DeleteQuery = z.object({ version: z.coerce.number().pipe(Version).optional() });
const tags = ['Results'];

export const RollupQuery = ActivityListQuery.omit({ limit: true, cursor: true }).extend({
  unit: z
    .string()
    .max(100)
    .optional()
    .describe('Only this unit (as written or its key: km, people)'),
  by_indicator: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true')
    .describe('Also list each indicator’s own totals'),
});

describe({
  method: 'get',
  path: '/api/v1/activities/:id/results',
  summary: 'The results of an activity with their indicators, baselines and periods',
  tags,
  params: IdParam,
  response: z.object({ items: z.array(ResultOut) }),
});
describe({
  method: 'post',
  path: '/api/v1/activities/:id/results',
  summary: 'Add a result (output, outcome, impact) with its indicators and periods',
  tags,
  auth: 'required',
  params: IdParam,
  body: ResultInput,
  response: ResultOut,
});
describe({
  method: 'get',
  path: '/api/v1/results/:id',
  summary: 'Read a result',
  tags,
  params: IdParam,
  response: ResultOut,
});
describe({
  method: 'put',
  path: '/api/v1/results/:id',
  summary: 'Replace a result whole, indicators and periods included (send the version you read)',
  tags,
  auth: 'required',
  params: IdParam,
  body: ResultUpdate,
  response: ResultOut,
});
describe({
  method: 'delete',
  path: '/api/v1/results/:id',
  summary: 'Delete a result',
  tags,
  auth: 'required',
  params: IdParam,
  query: DeleteQuery,
});
describe({
  method: 'get',
  path: '/api/v1/results/:id/history',
  summary: 'Every change of the result',
  tags,
  auth: 'required',
  params: IdParam,
});
describe({
  method: 'get',
  path: '/api/v1/stats/results',
  summary:
    'Indicators rolled up across projects by unit (measure 1, same unit key): baselines, targets, actuals, projects, by year and municipality; others listed, never summed',
  tags,
  query: RollupQuery,
});
for (const format of ['csv', 'xlsx'] as const)
  describe({
    method: 'get',
    path: `/api/v1/stats/results.${format}`,
    summary: `The results roll-up as ${format.toUpperCase()}: one row per unit, and per municipality`,
    tags: ['Results', 'Exports'],
    query: RollupQuery.extend({ lang: ExportLang }),
    responseType: TABULAR_CONTENT_TYPES[format],
  });

const ROLLUP_COLUMNS: Column[] = [
  { key: 'unit_key', header: headers('Unit', 'Njësia', 'Jedinica'), type: 'text', width: 16 },
  { key: 'units', header: headers('Units as written', 'Njësitë', 'Jedinice'), type: 'text' },
  {
    key: 'municipality',
    header: headers('Municipality', 'Komuna', 'Opština'),
    type: 'text',
    width: 20,
  },
  { key: 'projects', header: headers('Projects', 'Projekte', 'Projekti'), type: 'number' },
  {
    key: 'baseline',
    header: headers('Baseline', 'Vlera bazë', 'Početna vrednost'),
    type: 'decimal',
  },
  {
    key: 'target',
    header: headers('Target', 'Vlera e synuar', 'Ciljna vrednost'),
    type: 'decimal',
  },
  {
    key: 'actual',
    header: headers('Actual', 'Vlera e arritur', 'Ostvarena vrednost'),
    type: 'decimal',
  },
];

function* rollupRows(r: RollupOut, locale: string): Generator<TabularRow> {
  for (const u of r.units) {
    const units = u.units.join('; ');
    yield { ...u, units, municipality: '' };
    for (const m of u.by_municipality)
      yield {
        unit_key: u.unit_key,
        units,
        municipality: m.municipality ? narrativeIn(m.municipality.names, locale) : '—',
        projects: m.projects,
        baseline: m.baseline,
        target: m.target,
        actual: m.actual,
      };
  }
}

export const activityResultRoutes = new Hono<AppEnv>()
  .get('/activities/:id/results', async (c) => {
    const { id } = parseWith(IdParam, c.req.param());
    return c.json({ items: await listResults(c.var.db, c.var.actor, id) });
  })
  .post('/activities/:id/results', async (c) => {
    const { id } = parseWith(IdParam, c.req.param());
    const body = await parseBody(c, ResultInput);
    return c.json(await createResult(c.var.db, c.var.actor, id, body), 201);
  })
  .get('/stats/results', async (c) =>
    c.json(await resultsRollup(c.var.db, c.var.actor, parseQuery(c, RollupQuery))),
  );
for (const format of ['csv', 'xlsx'] as const)
  activityResultRoutes.get(`/stats/results.${format}`, async (c) => {
    const { lang, ...q } = parseQuery(c, RollupQuery.extend({ lang: ExportLang }));
    const locale = exportLocale(c, lang);
    const rolled = await resultsRollup(c.var.db, c.var.actor, q);
    return respondTabular(c, format, 'results', ROLLUP_COLUMNS, rollupRows(rolled, locale), {
      locale,
      sheetName: 'Results',
    });
  });

export const resultRoutes = new Hono<AppEnv>()
  .get('/:id', async (c) => {
    const { id } = parseWith(IdParam, c.req.param());
    return c.json(await getResult(c.var.db, c.var.actor, id));
  })
  .put('/:id', async (c) => {
    const { id } = parseWith(IdParam, c.req.param());
    const body = await parseBody(c, ResultUpdate);
    return c.json(await updateResult(c.var.db, c.var.actor, id, body));
  })
  .delete('/:id', async (c) => {
    const { id } = parseWith(IdParam, c.req.param());
    const { version } = parseQuery(c, DeleteQuery);
    await removeResult(c.var.db, c.var.actor, id, version ?? null);
    return c.body(null, 204);
  })
  .get('/:id/history', async (c) => {
    const { id } = parseWith(IdParam, c.req.param());
    return c.json({ items: await historyOf(c.var.db, c.var.actor, 'result', id) });
  });
