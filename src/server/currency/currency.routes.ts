import { Hono } from 'hono';
import { requireRole } from '../auth/permissions.js';
import { BadRequestError } from '../errors.js';
import type { AppEnv } from '../http/context.js';
import { describe } from '../http/openapi.js';
import { parseQuery } from '../http/validate.js';
import { pageSchema } from '../shared/schemas.js';
import {
  ConvertOut,
  ConvertQuery,
  RateImportOut,
  RateImportQuery,
  RateListQuery,
  RateOut,
} from './currency.schemas.js';
import { convertAmount, importRates, searchRates } from './currency.service.js';

const tags = ['Currencies'];
/** A rate file is text of a few MB at most (the ECB's full history is about 7 MB). */
const MAX_CSV_BYTES = 64 * 1024 * 1024;

describe({
  method: 'get',
  path: '/api/v1/currencies/rates',
  summary: 'Exchange-rate quotes per euro, by currency and date, with their source',
  tags,
  query: RateListQuery,
  response: pageSchema(RateOut),
});
describe({
  method: 'get',
  path: '/api/v1/currencies/convert',
  summary:
    'Convert an amount on a value date with the latest quotes on or before it (422 when there is none)',
  tags,
  query: ConvertQuery,
  response: ConvertOut,
});
describe({
  method: 'post',
  path: '/api/v1/currencies/rates',
  summary:
    'Import quotes (admin): a CSV body, currency,date,per_eur or the ECB eurofxref-hist layout; atomic',
  tags,
  auth: 'required',
  query: RateImportQuery,
  bodyType: 'text/csv',
  response: RateImportOut,
  status: 200,
});

export const currencyRoutes = new Hono<AppEnv>()
  .get('/rates', async (c) => c.json(await searchRates(c.var.db, parseQuery(c, RateListQuery))))
  .get('/convert', async (c) => c.json(await convertAmount(c.var.db, parseQuery(c, ConvertQuery))))
  .post('/rates', async (c) => {
    requireRole(c.var.actor, ['admin'], 'import exchange rates');
    const { source } = parseQuery(c, RateImportQuery);
    const length = Number(c.req.header('content-length') ?? '0');
    if (length > MAX_CSV_BYTES)
      throw new BadRequestError(`The file is larger than ${MAX_CSV_BYTES} bytes.`);
    const text = await c.req.text();
    if (text.trim() === '') throw new BadRequestError('Send the CSV file as the request body.');
    return c.json(await importRates(c.var.db, c.var.actor, text, { source }));
  });
