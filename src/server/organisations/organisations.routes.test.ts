import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/db.js';
import { testDb } from '../../../tests/support/db.js';
import {
  makeOrganisation,
  makeUser,
  municipality,
  testApp,
  uniq,
  type TestUser,
} from '../../../tests/support/factories.js';
import type { OrganisationOut } from './organisations.schemas.js';

let db: Database;
let app: ReturnType<typeof testApp>;
let coordinator: TestUser;

beforeAll(async () => {
  db = await testDb();
  app = testApp(db);
  coordinator = await makeUser(db, 'coordinator');
});

function send(method: string, path: string, body: unknown, headers: Record<string, string>) {
  return app.request(path, { method, headers, body: JSON.stringify(body) });
}

describe('organisations API', () => {
  it('creates an organisation with names in several languages and derives the other Serbian script', async () => {
    const res = await send(
      'POST',
      '/api/v1/organisations',
      {
        names: {
          en: `OSCE Mission test ${uniq()}`,
          'sr-Latn': 'Misija OEBS u Srbiji',
          sq: 'Misioni i OSBE-së në Serbi',
        },
        acronym: 'OSCE',
        kind: 'osce',
        iati_type: '40',
        country: 'RS',
      },
      coordinator.headers,
    );
    expect(res.status).toBe(201);
    const org = (await res.json()) as OrganisationOut;
    expect(org.names['sr-Cyrl']).toBe('Мисија ОЕБС у Србији');
    expect(org.names_derived).toEqual(['sr-Cyrl']);
    expect(org.version).toBe(1);
  });

  it('links a field office to its mission and refuses a loop', async () => {
    const mission = await makeOrganisation(db, { kind: 'osce' });
    const office = await makeOrganisation(db, { kind: 'osce', parent_id: mission.id });
    expect(office.parent_id).toBe(mission.id);
    const loop = await send(
      'PATCH',
      `/api/v1/organisations/${mission.id}`,
      { version: mission.version, parent_id: office.id },
      coordinator.headers,
    );
    expect(loop.status).toBe(422);
  });

  it('validates codes and bodies with the failing field path', async () => {
    const res = await send(
      'POST',
      '/api/v1/organisations',
      { names: {}, kind: 'alien', iati_type: '99' },
      coordinator.headers,
    );
    expect(res.status).toBe(422);
    const paths = (
      (await res.json()) as { error: { details: { path: string }[] } }
    ).error.details.map((d) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['names', 'kind']));
    const badType = await send(
      'POST',
      '/api/v1/organisations',
      { names: { en: 'x' }, kind: 'ngo', iati_type: '98' },
      coordinator.headers,
    );
    expect(badType.status).toBe(422);
    expect(JSON.stringify(await badType.json())).toContain('iati_type');
  });

  it('needs a token to write and the right role', async () => {
    const anon = await send(
      'POST',
      '/api/v1/organisations',
      { names: { en: 'x' }, kind: 'ngo' },
      { 'content-type': 'application/json' },
    );
    expect(anon.status).toBe(401);
    const viewer = await makeUser(db, 'viewer');
    const res = await send(
      'POST',
      '/api/v1/organisations',
      { names: { en: 'x' }, kind: 'ngo' },
      viewer.headers,
    );
    expect(res.status).toBe(403);
  });

  it('lets a partner editor edit their own organisation but not another', async () => {
    const own = await makeOrganisation(db, { kind: 'ngo' });
    const other = await makeOrganisation(db, { kind: 'ngo' });
    const editor = await makeUser(db, 'partner_editor', { organisation: own.id });
    const ok = await send(
      'PATCH',
      `/api/v1/organisations/${own.id}`,
      { version: own.version, website: 'https://example.org/' },
      editor.headers,
    );
    expect(ok.status).toBe(200);
    const no = await send(
      'PATCH',
      `/api/v1/organisations/${other.id}`,
      { version: other.version, website: 'https://example.org/' },
      editor.headers,
    );
    expect(no.status).toBe(403);
    const kind = await send(
      'PATCH',
      `/api/v1/organisations/${own.id}`,
      { version: own.version + 1, kind: 'eu' },
      editor.headers,
    );
    expect(kind.status).toBe(403);
  });

  it('answers a stale version with 409', async () => {
    const org = await makeOrganisation(db);
    const a = await send(
      'PATCH',
      `/api/v1/organisations/${org.id}`,
      { version: 1, acronym: 'A' },
      coordinator.headers,
    );
    expect(a.status).toBe(200);
    const b = await send(
      'PATCH',
      `/api/v1/organisations/${org.id}`,
      { version: 1, acronym: 'B' },
      coordinator.headers,
    );
    expect(b.status).toBe(409);
    const now = (await (
      await app.request(`/api/v1/organisations/${org.id}`)
    ).json()) as OrganisationOut;
    expect(now.acronym).toBe('A');
  });

  it('refuses two organisations with the same IATI identifier', async () => {
    const ref = `XM-TEST-${uniq()}`;
    await makeOrganisation(db, { iati_ref: ref });
    const dup = await send(
      'POST',
      '/api/v1/organisations',
      { names: { en: 'dup' }, kind: 'ngo', iati_ref: ref },
      coordinator.headers,
    );
    expect(dup.status).toBe(409);
  });

  it('refuses to delete an organisation that activities still use', async () => {
    const org = await makeOrganisation(db, { kind: 'eu' });
    const act = await send(
      'POST',
      '/api/v1/activities',
      { title: { en: 'uses org' }, participants: [{ organisation_id: org.id, role: 'funding' }] },
      coordinator.headers,
    );
    expect(act.status).toBe(201);
    expect(
      (
        await app.request(`/api/v1/organisations/${org.id}`, {
          method: 'DELETE',
          headers: coordinator.headers,
        })
      ).status,
    ).toBe(409);
    const free = await makeOrganisation(db);
    expect(
      (
        await app.request(`/api/v1/organisations/${free.id}`, {
          method: 'DELETE',
          headers: coordinator.headers,
        })
      ).status,
    ).toBe(204);
    expect(
      (await app.request(`/api/v1/organisations/${free.id}`, { headers: coordinator.headers }))
        .status,
    ).toBe(404);
  });

  it('searches names in any script and the acronym', async () => {
    const tag = uniq().replace(/\d/g, 'q');
    const org = await makeOrganisation(db, {
      names: { 'sr-Cyrl': `Општина Прешево ${tag}` },
      kind: 'municipality',
      place_id: (await municipality(db, '70963')).id,
    });
    for (const q of [
      `opstina presevo ${tag}`,
      `ОПШТИНА ПРЕШЕВО ${tag}`,
      `Opština Preševo ${tag}`,
    ]) {
      const res = await app.request(`/api/v1/organisations?q=${encodeURIComponent(q)}`);
      expect(
        ((await res.json()) as { items: OrganisationOut[] }).items.map((o) => o.id),
        q,
      ).toContain(org.id);
    }
  });
});
