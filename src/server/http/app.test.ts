import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/db.js';
import { testDb } from '../../../tests/support/db.js';
import { testApp } from '../../../tests/support/factories.js';

let db: Database;
let app: ReturnType<typeof testApp>;

beforeAll(async () => {
  db = await testDb();
  app = testApp(db);
});

describe('HTTP basics', () => {
  it('answers /healthz with the engine in use', async () => {
    const res = await app.request('/healthz');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { status: string; engine: string };
    expect(body.status).toBe('ok');
    expect(body.engine).toBe(process.env.DATABASE_URL ? 'postgres' : 'pglite');
  });

  it('publishes an OpenAPI 3.1 document covering the resources', async () => {
    const res = await app.request('/api/v1/openapi.json');
    const doc = (await res.json()) as {
      openapi: string;
      paths: Record<string, Record<string, { parameters?: { name: string }[] }>>;
    };
    expect(doc.openapi).toBe('3.1.0');
    for (const path of [
      '/api/v1/activities',
      '/api/v1/activities/{id}',
      '/api/v1/organisations',
      '/api/v1/organisations/{id}',
    ]) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
    const params = doc.paths['/api/v1/activities']?.get?.parameters?.map((p) => p.name) ?? [];
    expect(params).toEqual(
      expect.arrayContaining([
        'q',
        'municipality',
        'sector',
        'organisation',
        'role',
        'programme',
        'status',
        'year_from',
        'year_to',
        'limit',
        'cursor',
      ]),
    );
  });

  it('serves a browsable API reference', async () => {
    const res = await app.request('/api/v1/docs');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('/api/v1/activities');
  });

  it('answers unknown routes with the JSON error shape', async () => {
    const res = await app.request('/api/v1/nothing-here');
    expect(res.status).toBe(404);
    // Page routes match whole language tags only, not any path ending in one.
    expect((await app.request('/garden')).status).toBe(404);
    expect((await app.request('/api/v1/places/x/children-en')).status).not.toBe(200);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('not_found');
  });

  it('redirects / to the reader’s language and serves the home page in each', async () => {
    const res = await app.request('/', { headers: { 'accept-language': 'sq,en;q=0.5' } });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/sq/');
    // Serbian Latin lives at /sr/; its old address /sr-Latn/ moves there for good
    const moved = await app.request('/sr-Latn/');
    expect(moved.status).toBe(301);
    expect(moved.headers.get('location')).toBe('/sr/');
    for (const [lang, path, word] of [
      ['sq', 'sq', 'Programet'],
      ['sr-Latn', 'sr', 'Programi'],
      ['sr-Cyrl', 'sr-Cyrl', 'Програми'],
      ['en', 'en', 'Programmes'],
    ] as const) {
      const page = await app.request(`/${path}/`);
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain(`<html lang="${lang}"`);
      expect(html).toContain(word);
      expect(html).toContain('hreflang="sr-Cyrl"');
    }
  });
});
