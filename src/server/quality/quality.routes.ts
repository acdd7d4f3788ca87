import { Hono } from 'hono';
import type { AppEnv } from '../http/context.js';
import { describe } from '../http/openapi.js';
import { parseQuery } from '../http/validate.js';
import { QualityQuery, QualityReport } from './quality.schemas.js';
import { qualityReport } from './quality.service.js';

describe({
  method: 'get',
  path: '/api/v1/quality',
  summary:
    'Data quality: what is missing or inconsistent in the activities you may edit, each with a link to fix it',
  tags: ['Data quality'],
  auth: 'required',
  query: QualityQuery,
  response: QualityReport,
});

export const qualityRoutes = new Hono<AppEnv>().get('/', async (c) =>
  c.json(await qualityReport(c.var.db, c.var.actor, parseQuery(c, QualityQuery))),
);
