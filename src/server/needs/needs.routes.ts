import { Hono } from 'hono';
import { z } from 'zod';
import { historyOf } from '../audit/audit.service.js';
import { BadRequestError } from '../errors.js';
import type { AppEnv } from '../http/context.js';
import { describe } from '../http/openapi.js';
import { parseBody, parseQuery, parseWith } from '../http/validate.js';
import { pageSchema, Uuid, Version } from '../shared/schemas.js';
import { importNeedsCsv, NEED_CSV_COLUMNS } from './needs.import.js';
import { NeedCreate, NeedListQuery, NeedOut, NeedSummaryOut, NeedUpdate } from './needs.schemas.js';
import {
  createNeed,
  getNeed,
  patchNeed,
  removeNeed,
  searchNeeds,
  summariseNeeds,
} from './needs.service.js';

const IdParam = z.object({ id: Uuid });
const DeleteQuery = z.object({ version: z.coerce.number().pipe(Version).optional() });
const ImportQuery = z.object({
  dry_run: z
    .enum(['true', 'false', '1', '0'])
    .transform((v) => v === 'true' || v === '1')
    .optional(),
});
const tags = ['Local needs'];

describe({
  method: 'get',
  path: '/api/v1/needs',
  summary:
    'The register of local needs (most urgent first); without_activity=true lists needs no project answers',
  tags,
  query: NeedListQuery,
  response: pageSchema(NeedOut),
});
describe({
  method: 'get',
  path: '/api/v1/needs/summary',
  summary: 'Needs per municipality: met, still open, rejected, open without any activity',
  tags,
  response: NeedSummaryOut,
});
describe({
  method: 'post',
  path: '/api/v1/needs',
  summary: 'Record a local need',
  tags,
  auth: 'required',
  body: NeedCreate,
  response: NeedOut,
});
describe({
  method: 'post',
  path: '/api/v1/needs/import',
  summary: `Import needs from CSV (Content-Type: text/csv), all or none; columns: ${NEED_CSV_COLUMNS.join(', ')}`,
  tags,
  auth: 'required',
  query: ImportQuery,
  response: z.object({ rows: z.number(), created: z.number(), dry_run: z.boolean() }),
});
describe({
  method: 'get',
  path: '/api/v1/needs/:id',
  summary: 'Read a local need with the activities that answer it',
  tags,
  params: IdParam,
  response: NeedOut,
});
describe({
  method: 'patch',
  path: '/api/v1/needs/:id',
  summary: 'Update a need (send the version you read); activities replaces the linked list',
  tags,
  auth: 'required',
  params: IdParam,
  body: NeedUpdate,
  response: NeedOut,
});
describe({
  method: 'delete',
  path: '/api/v1/needs/:id',
  summary: 'Delete a need',
  tags,
  auth: 'required',
  params: IdParam,
  query: DeleteQuery,
});
describe({
  method: 'get',
  path: '/api/v1/needs/:id/history',
  summary: 'Every change of the need',
  tags,
  auth: 'required',
  params: IdParam,
});

export const needRoutes = new Hono<AppEnv>()
  .get('/', async (c) =>
    c.json(await searchNeeds(c.var.db, c.var.actor, parseQuery(c, NeedListQuery))),
  )
  .get('/summary', async (c) => c.json(await summariseNeeds(c.var.db, c.var.actor)))
  .post('/', async (c) => {
    const body = await parseBody(c, NeedCreate);
    return c.json(await createNeed(c.var.db, c.var.actor, body), 201);
  })
  .post('/import', async (c) => {
    const { dry_run } = parseQuery(c, ImportQuery);
    const type = c.req.header('content-type') ?? '';
    if (!type.includes('text/csv'))
      throw new BadRequestError('Send the needs as CSV with Content-Type: text/csv.');
    const csv = await c.req.text();
    const result = await importNeedsCsv(c.var.db, c.var.actor, csv, { dryRun: dry_run ?? false });
    return c.json(result, dry_run ? 200 : 201);
  })
  .get('/:id', async (c) => {
    const { id } = parseWith(IdParam, c.req.param());
    return c.json(await getNeed(c.var.db, c.var.actor, id));
  })
  .patch('/:id', async (c) => {
    const { id } = parseWith(IdParam, c.req.param());
    const body = await parseBody(c, NeedUpdate);
    return c.json(await patchNeed(c.var.db, c.var.actor, id, body));
  })
  .delete('/:id', async (c) => {
    const { id } = parseWith(IdParam, c.req.param());
    const { version } = parseQuery(c, DeleteQuery);
    await removeNeed(c.var.db, c.var.actor, id, version ?? null);
    return c.body(null, 204);
  })
  .get('/:id/history', async (c) => {
    const { id } = parseWith(IdParam, c.req.param());
    return c.json({ items: await historyOf(c.var.db, c.var.actor, 'local_need', id) });
  });
