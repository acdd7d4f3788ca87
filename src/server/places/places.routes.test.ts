import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { beforeAll, describe, expect, it } from 'vitest';
import { testDb } from '../../../tests/support/db.js';
import type { Role } from '../auth/actor.js';
import type { Database } from '../db/db.js';
import { AppError, fromDatabaseError } from '../errors.js';
import { resolveActor } from '../http/auth.middleware.js';
import type { AppEnv } from '../http/context.js';
import { openApiDocument } from '../http/openapi.js';
import { createToken, createUser } from '../users/users.service.js';
import { loadGazetteer } from './places.load.js';
import { placeRoutes } from './places.routes.js';
import type { PlaceDetailOut, PlaceOut } from './places.schemas.js';

interface Page {
  items: PlaceOut[];
  next_cursor: string | null;
}
interface ErrorBody {
  error: { code: string; message: string; details?: { path: string }[] };
}

let db: Database;
let app: Hono<AppEnv>;
let coordinator: Record<string, string>;
let viewer: Record<string, string>;
const json = { 'content-type': 'application/json' };

async function headersFor(role: Role): Promise<Record<string, string>> {
  const email = `${role}-${randomUUID().slice(0, 8)}@places.test`;
  await createUser(db, { email, password: 'correct horse battery staple', role });
  const { token } = await createToken(db, email);
  return { ...json, authorization: `Bearer ${token}` };
}

/**
 * What createApp does for /api (database, actor from the bearer token, error mapping), with only the
 * places routes: they are not mounted in http/routes.ts yet, and createApp's web route
 * /:lang{sq|…|en} also catches any path ending in "en", such as /api/v1/places/:id/children.
 */
function placesApp(database: Database): Hono<AppEnv> {
  const a = new Hono<AppEnv>();
  a.use('*', async (c, next) => {
    c.set('db', database);
    c.set('actor', null);
    await next();
  });
  a.use('/api/*', resolveActor);
  a.route('/api/v1/places', placeRoutes);
  a.onError((err, c) => {
    const e =
      err instanceof AppError
        ? err
        : (fromDatabaseError(err) ?? new AppError('internal', 500, String(err)));
    return c.json({ error: { code: e.code, message: e.message, details: e.details } }, e.status);
  });
  return a;
}

beforeAll(async () => {
  db = await testDb();
  await loadGazetteer(db);
  app = placesApp(db);
  coordinator = await headersFor('coordinator');
  viewer = await headersFor('viewer');
});

async function get<T>(path: string): Promise<T> {
  const res = await app.request(path);
  expect(res.status, path).toBe(200);
  return (await res.json()) as T;
}

function send(method: string, path: string, body: unknown, headers: Record<string, string>) {
  return app.request(path, { method, headers, body: JSON.stringify(body) });
}

describe('places API: reading', () => {
  it('lists the three focus municipalities, without geometry unless asked', async () => {
    const page = await get<Page>('/api/v1/places?kind=municipality&focus=true');
    expect(page.items.map((p) => p.names['sr-Latn'])).toEqual(['Bujanovac', 'Medveđa', 'Preševo']);
    expect(page.items.every((p) => p.focus && !('geometry' in p))).toBe(true);
    expect(page.items[0]).toMatchObject({
      kind: 'municipality',
      code: '70351',
      names: { sq: 'Bujanoc' },
      version: 1,
    });
    const withGeometry = await get<Page>(
      '/api/v1/places?kind=municipality&focus=true&include=geometry',
    );
    expect(withGeometry.items.every((p) => p.geometry?.type === 'Polygon')).toBe(true);
  });

  it('filters by municipality, by RGZ number or id: the municipality and its settlements', async () => {
    const byCode = await get<Page>('/api/v1/places?municipality=70963&limit=500');
    expect(byCode.items.filter((p) => p.kind === 'municipality').map((p) => p.code)).toEqual([
      '70963',
    ]);
    expect(byCode.items.filter((p) => p.kind === 'settlement').length).toBeGreaterThanOrEqual(34);
    const id = byCode.items.find((p) => p.kind === 'municipality')?.id ?? '';
    const byId = await get<Page>(`/api/v1/places?municipality=${id}&limit=500`);
    expect(byId.items.map((p) => p.id)).toEqual(byCode.items.map((p) => p.id));
    const unknown = await get<Page>('/api/v1/places?municipality=99999');
    expect(unknown.items).toEqual([]);
  });

  it('searches in any script and spelling', async () => {
    for (const q of ['Прешево', 'Preshevë', 'presevo']) {
      const page = await get<Page>(`/api/v1/places?kind=municipality&q=${encodeURIComponent(q)}`);
      expect(
        page.items.map((p) => p.code),
        q,
      ).toEqual(['70963']);
    }
  });

  it('reads one place with geometry, ancestors and children count, by id and by code', async () => {
    const byCode = await get<PlaceDetailOut>('/api/v1/places/by-code/municipality/70815');
    expect(byCode.names).toMatchObject({
      'sr-Latn': 'Medveđa',
      'sr-Cyrl': 'Медвеђа',
      sq: 'Medvegjë',
      en: 'Medveđa',
    });
    expect(byCode.geometry?.type).toBe('Polygon');
    expect(byCode.ancestors.map((a) => a.code)).toEqual(['RS', 'RS-23']);
    expect(byCode.children_count).toBeGreaterThanOrEqual(55);
    const byId = await get<PlaceDetailOut>(`/api/v1/places/${byCode.id}`);
    expect(byId).toEqual(byCode);
    const missing = await app.request(`/api/v1/places/${randomUUID()}`);
    expect(missing.status).toBe(404);
    expect((await app.request('/api/v1/places/by-code/region/1')).status).toBe(422);
  });

  it('pages through children with cursors, in name order, without repeats', async () => {
    const bujanovac = await get<PlaceDetailOut>('/api/v1/places/by-code/municipality/70351');
    const seen: PlaceOut[] = [];
    let next: string | null = null;
    do {
      const page: Page = await get<Page>(
        `/api/v1/places/${bujanovac.id}/children?kind=settlement&limit=10${next ? `&cursor=${next}` : ''}`,
      );
      expect(page.items.length).toBeLessThanOrEqual(10);
      seen.push(...page.items);
      next = page.next_cursor;
    } while (next);
    expect(seen.length).toBeGreaterThanOrEqual(56);
    expect(new Set(seen.map((p) => p.id)).size).toBe(seen.length);
    // The server's order: lower case, Serbian diacritics folded (č → c, đ → d), bytewise.
    const fold = (s: string) =>
      s.toLowerCase().replace(/đ/g, 'd').normalize('NFD').replace(/\p{M}/gu, '');
    const keys = seen.map((p) => fold(p.names['sr-Latn'] ?? ''));
    expect(keys).toEqual([...keys].sort());
    expect(keys).toContain('dordevac');
    expect(seen.every((p) => p.parent_id === bujanovac.id)).toBe(true);
  });

  it('rejects malformed query parameters with 400', async () => {
    expect((await app.request('/api/v1/places?focus=maybe')).status).toBe(400);
    expect((await app.request('/api/v1/places?kind=planet')).status).toBe(400);
    expect((await app.request('/api/v1/places?municipality=Presevo')).status).toBe(400);
    expect((await app.request('/api/v1/places?cursor=nonsense')).status).toBe(400);
  });

  it('describes every route in the OpenAPI document', () => {
    const paths = (openApiDocument().paths ?? {}) as Record<string, Record<string, unknown>>;
    expect(Object.keys(paths['/api/v1/places'] ?? {}).sort()).toEqual(['get', 'post']);
    expect(Object.keys(paths['/api/v1/places/{id}'] ?? {}).sort()).toEqual([
      'delete',
      'get',
      'patch',
    ]);
    expect(paths['/api/v1/places/{id}/children']).toHaveProperty('get');
    expect(paths['/api/v1/places/by-code/{kind}/{code}']).toHaveProperty('get');
  });
});

describe('places API: writing', () => {
  it('needs a token (401) and a coordinator or admin role (403)', async () => {
    const preševo = await get<PlaceDetailOut>('/api/v1/places/by-code/municipality/70963');
    const body = {
      kind: 'settlement',
      code: `test-${randomUUID().slice(0, 8)}`,
      parent_id: preševo.id,
      names: { 'sr-Latn': 'Selo' },
    };
    expect((await send('POST', '/api/v1/places', body, json)).status).toBe(401);
    expect((await send('POST', '/api/v1/places', body, viewer)).status).toBe(403);
    expect(
      (await app.request(`/api/v1/places/${preševo.id}`, { method: 'DELETE', headers: viewer }))
        .status,
    ).toBe(403);
  });

  it('creates, updates with the version read (409 when stale) and deletes', async () => {
    const preševo = await get<PlaceDetailOut>('/api/v1/places/by-code/municipality/70963');
    const created = await send(
      'POST',
      '/api/v1/places',
      {
        kind: 'settlement',
        code: `test-${randomUUID().slice(0, 8)}`,
        parent_id: preševo.id,
        names: { 'sr-Latn': 'Novo Naselje', sq: 'Lagjja e Re' },
        lat: 42.31,
        lon: 21.65,
      },
      coordinator,
    );
    expect(created.status).toBe(201);
    const place = (await created.json()) as PlaceDetailOut;
    expect(place.names['sr-Cyrl']).toBe('Ново Насеље');
    expect(place.ancestors.map((a) => a.code)).toEqual(['RS', 'RS-24', '70963']);

    const patched = await send(
      'PATCH',
      `/api/v1/places/${place.id}`,
      { version: 1, population: 250 },
      coordinator,
    );
    expect(patched.status).toBe(200);
    expect((await patched.json()) as PlaceDetailOut).toMatchObject({ population: 250, version: 2 });
    const stale = await send(
      'PATCH',
      `/api/v1/places/${place.id}`,
      { version: 1, population: 300 },
      coordinator,
    );
    expect(stale.status).toBe(409);
    expect(((await stale.json()) as ErrorBody).error.code).toBe('conflict');

    const deleted = await app.request(`/api/v1/places/${place.id}?version=2`, {
      method: 'DELETE',
      headers: coordinator,
    });
    expect(deleted.status).toBe(204);
    expect((await app.request(`/api/v1/places/${place.id}`)).status).toBe(404);
  });

  it('answers invalid bodies with 422 and the failing fields', async () => {
    const res = await send(
      'POST',
      '/api/v1/places',
      { kind: 'hamlet', code: 'bad code', names: {}, lat: 123 },
      coordinator,
    );
    expect(res.status).toBe(422);
    const paths = ((await res.json()) as ErrorBody).error.details?.map((d) => d.path) ?? [];
    expect(paths).toEqual(expect.arrayContaining(['kind', 'code', 'names', 'lat']));
    const noVersion = await send(
      'PATCH',
      `/api/v1/places/${randomUUID()}`,
      { focus: true },
      coordinator,
    );
    expect(noVersion.status).toBe(422);
    const district = await get<PlaceDetailOut>('/api/v1/places/by-code/district/RS-24');
    const rule = await send(
      'POST',
      '/api/v1/places',
      {
        kind: 'settlement',
        code: `test-${randomUUID().slice(0, 8)}`,
        parent_id: district.id,
        names: { en: 'x' },
      },
      coordinator,
    );
    expect(rule.status).toBe(422);
    expect(((await rule.json()) as ErrorBody).error.details?.map((d) => d.path)).toEqual([
      'parent_id',
    ]);
  });

  it('refuses to delete a place still referenced, with 409 and the reason', async () => {
    const preševo = await get<PlaceDetailOut>('/api/v1/places/by-code/municipality/70963');
    const res = await app.request(`/api/v1/places/${preševo.id}`, {
      method: 'DELETE',
      headers: coordinator,
    });
    expect(res.status).toBe(409);
    expect(((await res.json()) as ErrorBody).error.message).toMatch(/child place/);
  });
});
