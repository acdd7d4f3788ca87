import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../http/context.js';
import { describe } from '../http/openapi.js';
import { parseBody, parseQuery, parseWith } from '../http/validate.js';
import { pageSchema, Uuid, Version } from '../shared/schemas.js';
import {
  PlaceChildrenQuery,
  PlaceCreate,
  PlaceDetailOut,
  PlaceKind,
  PlaceListQuery,
  PlaceOut,
  PlaceUpdate,
} from './places.schemas.js';
import {
  createPlace,
  getPlace,
  getPlaceByCode,
  listPlaceChildren,
  patchPlace,
  removePlace,
  searchPlaces,
} from './places.service.js';

const IdParam = z.object({ id: Uuid });
const CodeParams = z.object({ kind: PlaceKind, code: z.string().min(1).max(64) });
const DeleteQuery = z.object({ version: z.coerce.number().pipe(Version).optional() });
const tags = ['Places'];
const base = '/api/v1/places';

describe({
  method: 'get',
  path: base,
  summary: 'List and search places (country, districts, municipalities, settlements)',
  tags,
  query: PlaceListQuery,
  response: pageSchema(PlaceOut),
});
describe({
  method: 'post',
  path: base,
  summary: 'Create a place',
  tags,
  auth: 'required',
  body: PlaceCreate,
  response: PlaceDetailOut,
});
describe({
  method: 'get',
  path: `${base}/by-code/:kind/:code`,
  summary:
    'Read a place by kind and code (RGZ number for municipalities, ISO 3166-2 for districts)',
  tags,
  params: CodeParams,
  response: PlaceDetailOut,
});
describe({
  method: 'get',
  path: `${base}/:id`,
  summary: 'Read a place with its geometry, parent chain and number of children',
  tags,
  params: IdParam,
  response: PlaceDetailOut,
});
describe({
  method: 'get',
  path: `${base}/:id/children`,
  summary: 'List the places directly under a place',
  tags,
  params: IdParam,
  query: PlaceChildrenQuery,
  response: pageSchema(PlaceOut),
});
describe({
  method: 'patch',
  path: `${base}/:id`,
  summary: 'Update a place (send the version you read)',
  tags,
  auth: 'required',
  params: IdParam,
  body: PlaceUpdate,
  response: PlaceDetailOut,
});
describe({
  method: 'delete',
  path: `${base}/:id`,
  summary: 'Delete a place nothing refers to',
  tags,
  auth: 'required',
  params: IdParam,
  query: DeleteQuery,
});

export const placeRoutes = new Hono<AppEnv>()
  .get('/', async (c) => c.json(await searchPlaces(c.var.db, parseQuery(c, PlaceListQuery))))
  .post('/', async (c) => {
    const body = await parseBody(c, PlaceCreate);
    return c.json(await createPlace(c.var.db, c.var.actor, body), 201);
  })
  .get('/by-code/:kind/:code', async (c) => {
    const { kind, code } = parseWith(CodeParams, c.req.param());
    return c.json(await getPlaceByCode(c.var.db, kind, code));
  })
  .get('/:id', async (c) => {
    const { id } = parseWith(IdParam, c.req.param());
    return c.json(await getPlace(c.var.db, id));
  })
  .get('/:id/children', async (c) => {
    const { id } = parseWith(IdParam, c.req.param());
    return c.json(await listPlaceChildren(c.var.db, id, parseQuery(c, PlaceChildrenQuery)));
  })
  .patch('/:id', async (c) => {
    const { id } = parseWith(IdParam, c.req.param());
    const body = await parseBody(c, PlaceUpdate);
    return c.json(await patchPlace(c.var.db, c.var.actor, id, body));
  })
  .delete('/:id', async (c) => {
    const { id } = parseWith(IdParam, c.req.param());
    const { version } = parseQuery(c, DeleteQuery);
    await removePlace(c.var.db, c.var.actor, id, version ?? null);
    return c.body(null, 204);
  });
