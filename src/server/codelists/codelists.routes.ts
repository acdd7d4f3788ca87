import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../http/context.js';
import { describe } from '../http/openapi.js';
import { parseQuery, parseWith } from '../http/validate.js';
import {
  CodelistOut,
  CodelistParams,
  CodelistQuery,
  CodelistSummaryOut,
} from './codelists.schemas.js';
import { getCodelist, listCodelists } from './codelists.service.js';

const tags = ['Codelists'];

describe({
  method: 'get',
  path: '/api/v1/codelists',
  summary:
    'List the loaded codelists (IATI 2.03 and the office sectors) with version and item count',
  tags,
  response: z.array(CodelistSummaryOut),
});
describe({
  method: 'get',
  path: '/api/v1/codelists/:name',
  summary: 'Read a codelist: its items with names and descriptions in every language it has',
  tags,
  params: CodelistParams,
  query: CodelistQuery,
  response: CodelistOut,
});

/** Public and read-only: codelists change only when the reference data is loaded. */
export const codelistRoutes = new Hono<AppEnv>()
  .get('/', async (c) => c.json(await listCodelists(c.var.db)))
  .get('/:name', async (c) => {
    const { name } = parseWith(CodelistParams, c.req.param());
    return c.json(await getCodelist(c.var.db, name, parseQuery(c, CodelistQuery)));
  });
