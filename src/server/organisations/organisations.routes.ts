import { Hono } from 'hono';
import { z } from 'zod';
import { historyOf } from '../audit/audit.service.js';
import type { AppEnv } from '../http/context.js';
import { describe } from '../http/openapi.js';
import { parseBody, parseQuery, parseWith } from '../http/validate.js';
import { pageSchema, Uuid, Version } from '../shared/schemas.js';
import {
  OrganisationCreate,
  OrganisationListQuery,
  OrganisationOut,
  OrganisationUpdate,
} from './organisations.schemas.js';
import {
  createOrganisation,
  getOrganisation,
  patchOrganisation,
  removeOrganisation,
  searchOrganisations,
} from './organisations.service.js';

const IdParam = z.object({ id: Uuid });
const DeleteQuery = z.object({ version: z.coerce.number().pipe(Version).optional() });
const tags = ['Organisations'];

describe({
  method: 'get',
  path: '/api/v1/organisations',
  summary: 'List and search organisations',
  tags,
  query: OrganisationListQuery,
  response: pageSchema(OrganisationOut),
});
describe({
  method: 'post',
  path: '/api/v1/organisations',
  summary: 'Create an organisation',
  tags,
  auth: 'required',
  body: OrganisationCreate,
  response: OrganisationOut,
});
describe({
  method: 'get',
  path: '/api/v1/organisations/:id',
  summary: 'Read an organisation',
  tags,
  params: IdParam,
  response: OrganisationOut,
});
describe({
  method: 'patch',
  path: '/api/v1/organisations/:id',
  summary: 'Update an organisation (send the version you read)',
  tags,
  auth: 'required',
  params: IdParam,
  body: OrganisationUpdate,
  response: OrganisationOut,
});
describe({
  method: 'delete',
  path: '/api/v1/organisations/:id',
  summary: 'Delete an organisation nothing refers to',
  tags,
  auth: 'required',
  params: IdParam,
  query: DeleteQuery,
});

describe({
  method: 'get',
  path: '/api/v1/organisations/:id/history',
  summary: 'Every change of the organisation: who, when, which fields, before and after',
  tags,
  auth: 'required',
  params: IdParam,
});

export const organisationRoutes = new Hono<AppEnv>()
  .get('/', async (c) =>
    c.json(await searchOrganisations(c.var.db, c.var.actor, parseQuery(c, OrganisationListQuery))),
  )
  .post('/', async (c) => {
    const body = await parseBody(c, OrganisationCreate);
    return c.json(await createOrganisation(c.var.db, c.var.actor, body), 201);
  })
  .get('/:id', async (c) => {
    const { id } = parseWith(IdParam, c.req.param());
    return c.json(await getOrganisation(c.var.db, c.var.actor, id));
  })
  .patch('/:id', async (c) => {
    const { id } = parseWith(IdParam, c.req.param());
    const body = await parseBody(c, OrganisationUpdate);
    return c.json(await patchOrganisation(c.var.db, c.var.actor, id, body));
  })
  .delete('/:id', async (c) => {
    const { id } = parseWith(IdParam, c.req.param());
    const { version } = parseQuery(c, DeleteQuery);
    await removeOrganisation(c.var.db, c.var.actor, id, version ?? null);
    return c.body(null, 204);
  })
  .get('/:id/history', async (c) => {
    const { id } = parseWith(IdParam, c.req.param());
    return c.json({ items: await historyOf(c.var.db, c.var.actor, 'organisation', id) });
  });
