import { Hono } from 'hono';
import { z } from 'zod';
import { historyOf } from '../audit/audit.service.js';
import type { AppEnv } from '../http/context.js';
import { describe } from '../http/openapi.js';
import { parseBody, parseQuery, parseWith } from '../http/validate.js';
import { pageSchema, Uuid, Version } from '../shared/schemas.js';
import {
  ActivityCreate,
  ActivityListQuery,
  ActivityOut,
  ActivityUpdate,
} from './activities.schemas.js';
import {
  createActivity,
  getActivity,
  patchActivity,
  removeActivity,
  searchActivities,
} from './activities.service.js';

const IdParam = z.object({ id: Uuid });
const DeleteQuery = z.object({ version: z.coerce.number().pipe(Version).optional() });
const tags = ['Activities'];

describe({
  method: 'get',
  path: '/api/v1/activities',
  summary: 'List, filter and search programmes, projects and sub-projects',
  tags,
  query: ActivityListQuery,
  response: pageSchema(ActivityOut),
});
describe({
  method: 'post',
  path: '/api/v1/activities',
  summary: 'Create an activity with its partnerships, places, sectors, budgets and links',
  tags,
  auth: 'required',
  body: ActivityCreate,
  response: ActivityOut,
});
describe({
  method: 'get',
  path: '/api/v1/activities/:id',
  summary: 'Read an activity',
  tags,
  params: IdParam,
  response: ActivityOut,
});
describe({
  method: 'patch',
  path: '/api/v1/activities/:id',
  summary: 'Update an activity (send the version you read; lists sent replace the stored ones)',
  tags,
  auth: 'required',
  params: IdParam,
  body: ActivityUpdate,
  response: ActivityOut,
});
describe({
  method: 'delete',
  path: '/api/v1/activities/:id',
  summary: 'Delete an activity without sub-activities',
  tags,
  auth: 'required',
  params: IdParam,
  query: DeleteQuery,
});

describe({
  method: 'get',
  path: '/api/v1/activities/:id/history',
  summary: 'Every change of the activity: who, when, which fields, before and after',
  tags,
  auth: 'required',
  params: IdParam,
});

export const activityRoutes = new Hono<AppEnv>()
  .get('/', async (c) =>
    c.json(await searchActivities(c.var.db, c.var.actor, parseQuery(c, ActivityListQuery))),
  )
  .post('/', async (c) => {
    const body = await parseBody(c, ActivityCreate);
    return c.json(await createActivity(c.var.db, c.var.actor, body), 201);
  })
  .get('/:id', async (c) => {
    const { id } = parseWith(IdParam, c.req.param());
    return c.json(await getActivity(c.var.db, c.var.actor, id));
  })
  .patch('/:id', async (c) => {
    const { id } = parseWith(IdParam, c.req.param());
    const body = await parseBody(c, ActivityUpdate);
    return c.json(await patchActivity(c.var.db, c.var.actor, id, body));
  })
  .delete('/:id', async (c) => {
    const { id } = parseWith(IdParam, c.req.param());
    const { version } = parseQuery(c, DeleteQuery);
    await removeActivity(c.var.db, c.var.actor, id, version ?? null);
    return c.body(null, 204);
  })
  .get('/:id/history', async (c) => {
    const { id } = parseWith(IdParam, c.req.param());
    return c.json({ items: await historyOf(c.var.db, c.var.actor, 'activity', id) });
  });
