import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/db.js';
import { testDb } from '../../../tests/support/db.js';
import {
  makeUser,
  municipality,
  testApp,
  uniq,
  type TestUser,
} from '../../../tests/support/factories.js';
import { makeActivity } from '../meetings/dialogue.test-helpers.js';
import { importNeedsCsv } from './needs.import.js';
import type { NeedOut } from './needs.schemas.js';

// Needs in Bujanovac are recorded by the summary test only, so its counts are its own.
let db: Database;
let app: ReturnType<typeof testApp>;
let coordinator: TestUser;
let presevo: { id: string };
let medvedja: { id: string };
let presevoSettlement: { id: string; names: Record<string, string>; code: string };
let medvedjaSettlement: { id: string };

beforeAll(async () => {
  db = await testDb();
  app = testApp(db);
  coordinator = await makeUser(db, 'coordinator');
  presevo = await municipality(db, '70963');
  medvedja = await municipality(db, '70815');
  const rows = await db.query<{ id: string; names: Record<string, string>; code: string }>(
    `select id, names, code from place where kind = 'settlement' and parent_id = $1 order by code limit 1`,
    [presevo.id],
  );
  presevoSettlement = rows[0] as (typeof rows)[0];
  medvedjaSettlement = (
    await db.query<{ id: string }>(
      `select id from place where kind = 'settlement' and parent_id = $1 limit 1`,
      [medvedja.id],
    )
  )[0] as { id: string };
});

function send(method: string, path: string, body: unknown, headers: Record<string, string> = {}) {
  return app.request(path, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

const base = () => ({
  municipality_id: presevo.id,
  sector: { vocabulary: '99', code: 'infrastructure' },
  title: { 'sr-Latn': 'Vodovod u selu', sq: 'Ujësjellësi në fshat' },
  raised_on: '2026-10-01',
});

async function createNeed(body: Record<string, unknown>, who: TestUser = coordinator) {
  const res = await send('POST', '/api/v1/needs', { ...base(), ...body }, who.headers);
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as NeedOut;
}

describe('local needs register', () => {
  it('records a need with settlement, sector, priority and a decimal cost', async () => {
    const n = await createNeed({
      settlement_id: presevoSettlement.id,
      priority: 'high',
      estimated_cost: '125000.50',
      currency: 'EUR',
    });
    expect(n.municipality_name['sr-Latn']).toBe('Preševo');
    expect(n.settlement_id).toBe(presevoSettlement.id);
    expect(n.sector).toMatchObject({ vocabulary: '99', code: 'infrastructure' });
    expect(n.sector.name?.en).toBe('Infrastructure');
    expect(n.priority).toBe(1);
    expect(n.priority_level).toBe('high');
    expect(n.estimated_cost).toBe('125000.50');
    expect(n.title['sr-Cyrl']).toBe('Водовод у селу');
    expect(n.status).toBe('raised');
  });

  it('refuses a settlement of another municipality, unknown sectors and a cost without currency', async () => {
    const res = await send(
      'POST',
      '/api/v1/needs',
      {
        ...base(),
        settlement_id: medvedjaSettlement.id,
        sector: { vocabulary: '1', code: '99999' },
        estimated_cost: '1000',
      },
      coordinator.headers,
    );
    expect(res.status).toBe(422);
    const paths = (
      (await res.json()) as { error: { details: { path: string }[] } }
    ).error.details.map((d) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['settlement_id', 'sector.code', 'currency']));
    const notMunicipality = await send(
      'POST',
      '/api/v1/needs',
      { ...base(), municipality_id: presevoSettlement.id },
      coordinator.headers,
    );
    expect(notMunicipality.status).toBe(422);
    const badMoney = await send(
      'POST',
      '/api/v1/needs',
      { ...base(), estimated_cost: '12,5', currency: 'EUR', priority: 7 },
      coordinator.headers,
    );
    expect(badMoney.status).toBe(422);
  });

  it('lets a municipality editor write only the needs of their municipality, as drafts', async () => {
    const editor = await makeUser(db, 'municipality_editor', { municipality: presevo.id });
    const own = await createNeed({}, editor);
    expect(own.publication_status).toBe('draft');
    const other = await send(
      'POST',
      '/api/v1/needs',
      { ...base(), municipality_id: medvedja.id },
      editor.headers,
    );
    expect(other.status).toBe(403);
    const publish = await send(
      'PATCH',
      `/api/v1/needs/${own.id}`,
      { version: own.version, publication_status: 'published' },
      editor.headers,
    );
    expect(publish.status).toBe(403);
    const move = await send(
      'PATCH',
      `/api/v1/needs/${own.id}`,
      { version: own.version, municipality_id: medvedja.id },
      editor.headers,
    );
    expect(move.status).toBe(403);
    const partner = await makeUser(db, 'viewer');
    expect((await send('POST', '/api/v1/needs', base(), partner.headers)).status).toBe(403);
    expect((await send('POST', '/api/v1/needs', base())).status).toBe(401);
  });

  it('links needs to the activities that answer them and lists the needs still without a project', async () => {
    const project = await makeActivity(db);
    const tag = uniq();
    const answered = await createNeed({
      title: { en: `Answered need ${tag}` },
      publication_status: 'published',
    });
    const waiting = await createNeed({
      title: { en: `Waiting need ${tag}` },
      publication_status: 'published',
    });
    const linked = await send(
      'PATCH',
      `/api/v1/needs/${answered.id}`,
      {
        version: answered.version,
        status: 'in_progress',
        activities: [{ activity_id: project.id, note: 'Phase 1 covers the main pipe' }],
      },
      coordinator.headers,
    );
    expect(linked.status).toBe(200);
    const body = (await linked.json()) as NeedOut;
    expect(body.activities).toEqual([
      expect.objectContaining({ activity_id: project.id, note: 'Phase 1 covers the main pipe' }),
    ]);
    const without = (await (
      await app.request(`/api/v1/needs?without_activity=true&q=${tag}`)
    ).json()) as { items: NeedOut[] };
    const ids = without.items.map((i) => i.id);
    expect(ids).toEqual([waiting.id]);
    const withActivity = (await (
      await app.request(`/api/v1/needs?without_activity=false&q=${tag}`)
    ).json()) as { items: NeedOut[] };
    expect(withActivity.items.map((i) => i.id)).toEqual([answered.id]);
    const byActivity = (await (
      await app.request(`/api/v1/needs?activity=${project.id}`)
    ).json()) as { items: NeedOut[] };
    expect(byActivity.items.map((i) => i.id)).toEqual([answered.id]);
    const dup = await send(
      'PATCH',
      `/api/v1/needs/${waiting.id}`,
      {
        version: waiting.version,
        activities: [{ activity_id: project.id }, { activity_id: project.id }],
      },
      coordinator.headers,
    );
    expect(dup.status).toBe(422);
  });

  it('shows anonymous readers published needs only', async () => {
    const draft = await createNeed({ title: { en: 'Draft need' } });
    expect((await app.request(`/api/v1/needs/${draft.id}`)).status).toBe(404);
    expect(
      (await app.request(`/api/v1/needs/${draft.id}`, { headers: coordinator.headers })).status,
    ).toBe(200);
  });

  it('counts per municipality the needs met, still open and open without any activity', async () => {
    // No other test of this file records needs in Bujanovac.
    const bujanovac = await municipality(db, '70351');
    const project = await makeActivity(db);
    const post = async (b: Record<string, unknown>) => {
      await createNeed({
        municipality_id: bujanovac.id,
        publication_status: 'published',
        ...b,
      });
    };
    await post({ status: 'met', activities: [{ activity_id: project.id }] });
    await post({ status: 'planned', activities: [{ activity_id: project.id }] });
    await post({ status: 'raised' });
    await post({ status: 'rejected' });
    await post({ status: 'raised', publication_status: 'draft' });
    type Row = { municipality_id: string } & Record<string, unknown>;
    const anon = (await (await app.request('/api/v1/needs/summary')).json()) as { items: Row[] };
    expect(anon.items.find((r) => r.municipality_id === bujanovac.id)).toEqual({
      municipality_id: bujanovac.id,
      code: '70351',
      name: expect.objectContaining({ 'sr-Latn': 'Bujanovac', 'sr-Cyrl': 'Бујановац' }) as unknown,
      total: 4,
      met: 1,
      open: 2,
      rejected: 1,
      open_without_activity: 1,
    });
    const staffView = (await (
      await app.request('/api/v1/needs/summary', { headers: coordinator.headers })
    ).json()) as { items: Row[] };
    expect(staffView.items.find((r) => r.municipality_id === bujanovac.id)).toMatchObject({
      total: 5,
      open_without_activity: 2,
    });
  });
});

describe('needs CSV import', () => {
  const header =
    'municipality,settlement,sector_vocabulary,sector,title_sr_latn,title_sq,title_en,priority,estimated_cost,currency,status,raised_on';

  it('imports every line in one go, matching settlements by name in any script', async () => {
    const name = presevoSettlement.names['sr-Latn'] ?? '';
    const tag = uniq();
    const csv = [
      '\uFEFF' + header,
      `70963,${name.toUpperCase()},99,education,"Škola, krov ${tag}",Shkolla,School roof,2,"30000.00",EUR,raised,2026-09-01`,
      `70815,,1,14010,Vodovod,,,"low",,,,2026-09-02`,
      `70963,,99,health,"Ambulanta ""Centar"" ${tag}",,,,,,planned,2026-09-03`,
    ].join('\r\n');
    const result = await importNeedsCsv(db, coordinator.actor, csv);
    expect(result).toEqual({ rows: 3, created: 3, dry_run: false });
    const list = (await (
      await app.request(`/api/v1/needs?q=${tag}&sector=health`, { headers: coordinator.headers })
    ).json()) as { items: NeedOut[] };
    expect(list.items.map((i) => i.title['sr-Latn'])).toEqual([`Ambulanta "Centar" ${tag}`]);
    const roof = (await (
      await app.request(`/api/v1/needs?q=krov%20${tag}`, { headers: coordinator.headers })
    ).json()) as { items: NeedOut[] };
    expect(roof.items[0]).toMatchObject({
      settlement_id: presevoSettlement.id,
      estimated_cost: '30000.00',
      priority: 2,
    });
    const history = (await (
      await app.request(`/api/v1/needs/${roof.items[0]?.id}/history`, {
        headers: coordinator.headers,
      })
    ).json()) as { items: { action: string; user_id: string }[] };
    expect(history.items).toEqual([
      expect.objectContaining({ action: 'create', user_id: coordinator.actor.userId }),
    ]);
  });

  it('imports nothing when any line is wrong, and names each line and field', async () => {
    const tag = uniq();
    const csv = [
      header,
      `70963,,99,education,Dobar red ${tag},,,,,,,2026-09-01`,
      '99999,,99,education,Loša opština,,,,,,,2026-09-01',
      '70963,Nepostojeće selo,99,education,Loše selo,,,,,,,2026-09-01',
      '70963,,99,astronomy,Loš sektor,,,,,,,2026-09-01',
      '70963,,99,education,Loš datum,,,,,,,2026-13-01',
    ].join('\n');
    await expect(importNeedsCsv(db, coordinator.actor, csv)).rejects.toMatchObject({
      status: 422,
      details: expect.arrayContaining([
        expect.objectContaining({ line: 3, path: 'municipality' }),
        expect.objectContaining({ line: 4, path: 'settlement' }),
        expect.objectContaining({ line: 5, path: 'sector.code' }),
        expect.objectContaining({ line: 6, path: 'raised_on' }),
      ]) as unknown,
    });
    const written = await db.query<{ n: number }>(
      `select count(*)::int as n from local_need where title->>'sr-Latn' = $1`,
      [`Dobar red ${tag}`],
    );
    expect(written[0]?.n).toBe(0);
    await expect(
      importNeedsCsv(db, coordinator.actor, 'municipality,colour\n70963,red'),
    ).rejects.toThrow(/unknown column "colour"/);
    await expect(
      importNeedsCsv(db, coordinator.actor, `${header}\n70963,"unclosed`),
    ).rejects.toThrow(/not closed/);
  });

  it('checks a municipality editor’s lines against their municipality, over HTTP too', async () => {
    const editor = await makeUser(db, 'municipality_editor', { municipality: medvedja.id });
    const res = await app.request('/api/v1/needs/import?dry_run=true', {
      method: 'POST',
      headers: { ...editor.headers, 'content-type': 'text/csv' },
      body: `${header}\n70815,,99,education,Naš red,,,,,,,2026-09-01\n70963,,99,education,Tuđi red,,,,,,,2026-09-01`,
    });
    expect(res.status).toBe(422);
    const body = (await res.json()) as { error: { details: { line: number; path: string }[] } };
    expect(body.error.details).toEqual([
      expect.objectContaining({ line: 3, path: 'municipality' }),
    ]);
    const ok = await app.request('/api/v1/needs/import?dry_run=true', {
      method: 'POST',
      headers: { ...editor.headers, 'content-type': 'text/csv' },
      body: `${header}\n70815,,99,education,Naš red,,,,,,,2026-09-01`,
    });
    expect(await ok.json()).toEqual({ rows: 1, created: 0, dry_run: true });
  });
});
