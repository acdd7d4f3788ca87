import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActivityOut } from '../../src/server/activities/activities.schemas.js';
import type { Database } from '../../src/server/db/db.js';
import { seedDemo } from '../../src/server/demo/demo.seed.js';
import { freshTestDb } from '../support/db.js';
import { makeOrganisation, makeUser, testApp } from '../support/factories.js';

/** The foundation's "done when", walked through the public HTTP API with the demo data loaded. */
let db: Database;
let dispose: () => Promise<void> = () => Promise.resolve();
let app: ReturnType<typeof testApp>;

beforeAll(async () => {
  // Its own database: the seed matches organisations that other test files may have created.
  const fresh = await freshTestDb();
  db = fresh.db;
  dispose = fresh.dispose;
  await seedDemo(db);
  app = testApp(db);
}, 300_000);

afterAll(async () => {
  await dispose();
});

interface PlaceItem {
  kind: string;
  code: string;
  names: Record<string, string>;
  parent_id: string | null;
  id: string;
}

describe('foundation acceptance', () => {
  it('finds the PBILD programme by q=pbild, with its funders and implementers', async () => {
    const res = await app.request('/api/v1/activities?q=pbild');
    expect(res.status).toBe(200);
    const { items } = (await res.json()) as { items: ActivityOut[] };
    const pbild = items.find((a) => a.hierarchy === 1 && JSON.stringify(a.title).includes('PBILD'));
    expect(pbild, JSON.stringify(items.map((a) => a.title))).toBeDefined();
    const funders = pbild?.participants.filter((p) => p.role === 'funding') ?? [];
    const implementers = pbild?.participants.filter((p) => p.role === 'implementing') ?? [];
    expect(funders.length).toBeGreaterThan(0);
    expect(implementers.map((p) => p.organisation.acronym)).toContain('UNDP');
  });

  it('returns each focus municipality with its settlements', async () => {
    for (const [code, name, min] of [
      ['70963', 'Preševo', 30],
      ['70351', 'Bujanovac', 50],
      ['70815', 'Medveđa', 50],
    ] as const) {
      const res = await app.request(`/api/v1/places?municipality=${code}&limit=500`);
      expect(res.status).toBe(200);
      const { items } = (await res.json()) as { items: PlaceItem[] };
      const municipality = items.find((p) => p.kind === 'municipality');
      expect(municipality?.names['sr-Latn']).toBe(name);
      const settlements = items.filter((p) => p.kind === 'settlement');
      expect(settlements.length).toBeGreaterThanOrEqual(min);
      expect(settlements.every((s) => s.parent_id === municipality?.id)).toBe(true);
    }
  });

  it('finds Preševo by its Albanian, Cyrillic and unaccented names', async () => {
    for (const q of ['Preshevë', 'ПРЕШЕВО', 'presevo']) {
      const res = await app.request(`/api/v1/places?kind=municipality&q=${encodeURIComponent(q)}`);
      const { items } = (await res.json()) as { items: PlaceItem[] };
      expect(
        items.map((p) => p.code),
        q,
      ).toContain('70963');
    }
  });

  it('guards writes: 401 without a token, 403 out of scope, 422 with the path, 409 when stale', async () => {
    const json = { 'content-type': 'application/json' };
    const body = JSON.stringify({ title: { en: 'Acceptance project' } });
    expect(
      (await app.request('/api/v1/activities', { method: 'POST', headers: json, body })).status,
    ).toBe(401);

    const partner = await makeOrganisation(db, { kind: 'ngo' });
    const editor = await makeUser(db, 'partner_editor', { organisation: partner.id });
    const other = await makeOrganisation(db, { kind: 'eu' });
    const outOfScope = await app.request('/api/v1/activities', {
      method: 'POST',
      headers: editor.headers,
      body: JSON.stringify({
        title: { en: 'Not mine' },
        participants: [{ organisation_id: other.id, role: 'funding' }],
      }),
    });
    expect(outOfScope.status).toBe(403);

    const invalid = await app.request('/api/v1/activities', {
      method: 'POST',
      headers: editor.headers,
      body: JSON.stringify({ title: { en: 'Bad' }, locations: [{ place_id: 'nowhere' }] }),
    });
    expect(invalid.status).toBe(422);
    const details = ((await invalid.json()) as { error: { details: { path: string }[] } }).error
      .details;
    expect(details.map((d) => d.path)).toContain('locations.0.place_id');

    const created = await app.request('/api/v1/activities', {
      method: 'POST',
      headers: editor.headers,
      body: JSON.stringify({
        title: { en: 'Mine' },
        participants: [{ organisation_id: partner.id, role: 'implementing' }],
      }),
    });
    const activity = (await created.json()) as ActivityOut;
    const update = (title: string) =>
      app.request(`/api/v1/activities/${activity.id}`, {
        method: 'PATCH',
        headers: editor.headers,
        body: JSON.stringify({ version: activity.version, title: { en: title } }),
      });
    expect((await update('first')).status).toBe(200);
    expect((await update('second')).status).toBe(409);
  });

  it('shows the programmes on the first web page in every language', async () => {
    for (const path of ['sq', 'sr', 'sr-Cyrl', 'en']) {
      const html = await (await app.request(`/${path}/`)).text();
      expect(html).toMatch(/PBILD|ПБИЛД/);
      expect(html).toContain('UNDP');
    }
  });
});
