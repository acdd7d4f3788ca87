import { Hono } from 'hono';
import { beforeAll, describe, expect, it } from 'vitest';
import { testDb } from '../../../tests/support/db.js';
import type { Database } from '../db/db.js';
import { AppError } from '../errors.js';
import type { AppEnv } from '../http/context.js';
import { openApiDocument } from '../http/openapi.js';
import { loadCodelists } from './codelists.load.js';
import { codelistRoutes } from './codelists.routes.js';
import type { CodelistOut, CodelistSummaryOut } from './codelists.schemas.js';

let db: Database;

// The routes as routes.ts will mount them, with the context and error mapping of http/app.ts.
const app = new Hono<AppEnv>();
app.use('*', async (c, next) => {
  c.set('db', db);
  c.set('actor', null);
  await next();
});
app.route('/api/v1/codelists', codelistRoutes);
app.onError((err, c) => {
  if (err instanceof AppError)
    return c.json({ error: { code: err.code, message: err.message } }, err.status);
  throw err;
});

beforeAll(async () => {
  db = await testDb();
  await loadCodelists(db);
});

async function get<T>(path: string, status = 200): Promise<T> {
  const res = await app.request(path);
  expect(res.status, path).toBe(status);
  return (await res.json()) as T;
}

const list = (name: string, query = '') => get<CodelistOut>(`/api/v1/codelists/${name}${query}`);

describe('GET /api/v1/codelists', () => {
  it('lists every codelist with its version and counts', async () => {
    const all = await get<CodelistSummaryOut[]>('/api/v1/codelists');
    const byName = new Map(all.map((l) => [l.name, l]));
    expect(all.length).toBeGreaterThanOrEqual(71);
    expect(byName.get('Sector')).toMatchObject({
      version: 'master@7aeece773c60',
      embedded: false,
      item_count: 325,
      active_count: 295,
    });
    expect(byName.get('TransactionType')).toMatchObject({
      version: '2.03@75e827bacd29',
      embedded: true,
      item_count: 13,
    });
    expect(byName.get('OfficeSector')).toMatchObject({ embedded: false, item_count: 8 });
  });
});

describe('GET /api/v1/codelists/:name', () => {
  it('gives every language the list has, and labels in the one asked for', async () => {
    const roles = await list('OrganisationRole', '?lang=fr');
    expect(roles.languages).toEqual(['en', 'fr']);
    expect(roles.items.map((i) => [i.code, i.label])).toEqual([
      ['1', 'Financement'],
      ['2', 'Responsabilité'],
      ['3', 'Octroi'],
      ['4', 'Mise en œuvre'],
    ]);
    expect(roles.items[0]?.description.en).toMatch(/provides funds/);
  });

  it('falls back to English where the list has no text in the language', async () => {
    const countries = await list('Country', '?lang=sq');
    expect(countries.items.find((i) => i.code === 'RS')?.label).toBe('Serbia');
    const noLabel = await list('OrganisationRole');
    expect(noLabel.items[0]).not.toHaveProperty('label');
  });

  it('derives sr-Cyrl from sr-Latn for the office sectors', async () => {
    const sectors = await list('OfficeSector', '?lang=sr-Cyrl');
    expect(sectors.languages).toEqual(['en', 'sq', 'sr-Cyrl', 'sr-Latn']);
    const economy = sectors.items.find((i) => i.code === 'economy');
    expect(economy).toMatchObject({
      label: 'Привреда',
      name: { en: 'Economy', sq: 'Ekonomia', 'sr-Latn': 'Privreda', 'sr-Cyrl': 'Привреда' },
      derived: ['sr-Cyrl'],
    });
    expect(economy?.extra.dac3).toContain('250');
    const health = (await list('OfficeSector', '?lang=sq')).items.find((i) => i.code === 'health');
    expect(health?.label).toBe('Mbrojtja shëndetësore');
  });

  it('orders codes as numbers where they are numbers', async () => {
    const types = await list('TransactionType');
    expect(types.items.map((i) => i.code)).toEqual([
      '1',
      '2',
      '3',
      '4',
      '5',
      '6',
      '7',
      '8',
      '9',
      '10',
      '11',
      '12',
      '13',
    ]);
    const targets = (await list('UNSDG-Targets')).items.map((i) => i.code);
    expect(targets.slice(0, 7)).toEqual(['1.1', '1.2', '1.3', '1.4', '1.5', '1.a', '1.b']);
    expect(targets.indexOf('9.1')).toBeLessThan(targets.indexOf('10.1'));
  });

  it('filters by status', async () => {
    const active = await list('Sector', '?status=active');
    expect(active.items).toHaveLength(295);
    expect(active.item_count).toBe(325);
    const withdrawn = await list('Sector', '?status=withdrawn');
    expect(withdrawn.items).toHaveLength(30);
    expect(withdrawn.items.every((i) => i.status === 'withdrawn')).toBe(true);
  });

  it('answers 404 for a list it does not have and 400 for a bad query', async () => {
    const missing = await get<{ error: { code: string } }>('/api/v1/codelists/NoSuchList', 404);
    expect(missing.error.code).toBe('not_found');
    const bad = await get<{ error: { code: string } }>('/api/v1/codelists/Sector?lang=de', 400);
    expect(bad.error.code).toBe('bad_request');
    await get('/api/v1/codelists/bad%20name', 422);
  });

  it('is described in the OpenAPI document', () => {
    const paths = openApiDocument().paths as Record<string, unknown>;
    expect(Object.keys(paths)).toEqual(
      expect.arrayContaining(['/api/v1/codelists', '/api/v1/codelists/{name}']),
    );
  });
});
