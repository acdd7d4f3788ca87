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
import type { ActivityOut } from './activities.schemas.js';

let db: Database;
let app: ReturnType<typeof testApp>;
let coordinator: TestUser;

beforeAll(async () => {
  db = await testDb();
  app = testApp(db);
  coordinator = await makeUser(db, 'coordinator');
});

async function post(path: string, body: unknown, headers: Record<string, string>) {
  return app.request(path, { method: 'POST', headers, body: JSON.stringify(body) });
}

async function patch(path: string, body: unknown, headers: Record<string, string>) {
  return app.request(path, { method: 'PATCH', headers, body: JSON.stringify(body) });
}

async function createProject(headers: Record<string, string>, body: Record<string, unknown>) {
  const res = await post(
    '/api/v1/activities',
    { title: { en: `Project ${uniq()}` }, ...body },
    headers,
  );
  return {
    res,
    json: (await res.json()) as ActivityOut & {
      error?: { code: string; details: { path: string }[] };
    },
  };
}

describe('activities API: authentication and validation', () => {
  it('refuses a write without a token with 401', async () => {
    const res = await post(
      '/api/v1/activities',
      { title: { en: 'x' } },
      { 'content-type': 'application/json' },
    );
    expect(res.status).toBe(401);
    const body = (await res.json()) as { error: { code: string } };
    expect(body.error.code).toBe('unauthenticated');
  });

  it('refuses an unknown token with 401, never treating it as anonymous', async () => {
    const res = await app.request('/api/v1/activities', {
      headers: { authorization: 'Bearer kt_' + 'x'.repeat(43) },
    });
    expect(res.status).toBe(401);
  });

  it('answers an invalid body with 422 naming the failing field', async () => {
    const { res, json } = await createProject(coordinator.headers, {
      planned_start: '2020-13-45',
      sectors: [{ code: '11110', percentage: 150 }],
    });
    expect(res.status).toBe(422);
    const paths = json.error?.details.map((d) => d.path) ?? [];
    expect(paths).toContain('planned_start');
    expect(paths).toContain('sectors.0.percentage');
  });

  it('answers malformed JSON with 400 and a bad query with 400', async () => {
    const res = await app.request('/api/v1/activities', {
      method: 'POST',
      headers: coordinator.headers,
      body: '{"title":',
    });
    expect(res.status).toBe(400);
    const q = await app.request('/api/v1/activities?limit=abc');
    expect(q.status).toBe(400);
    expect(((await q.json()) as { error: { message: string } }).error.message).toContain('limit');
  });

  it('checks codes against the IATI codelists', async () => {
    const { res, json } = await createProject(coordinator.headers, {
      status: '9',
      default_currency: 'XYZ',
    });
    expect(res.status).toBe(422);
    expect(json.error?.details.map((d) => d.path)).toEqual(
      expect.arrayContaining(['status', 'default_currency']),
    );
  });
});

describe('activities: model rules', () => {
  it('requires sector percentages to add up to 100 per vocabulary', async () => {
    const bad = await createProject(coordinator.headers, {
      sectors: [
        { vocabulary: '1', code: '11110', percentage: 60 },
        { vocabulary: '1', code: '12110', percentage: 30 },
      ],
    });
    expect(bad.res.status).toBe(422);
    expect(JSON.stringify(bad.json.error)).toContain('add up to 90');

    const good = await createProject(coordinator.headers, {
      sectors: [
        { vocabulary: '1', code: '11110', percentage: 33.33 },
        { vocabulary: '1', code: '12110', percentage: 33.33 },
        { vocabulary: '1', code: '14010', percentage: 33.34 },
        { vocabulary: '99', code: 'education' },
      ],
    });
    expect(good.res.status).toBe(201);
    expect(good.json.sectors).toHaveLength(4);
  });

  it('requires location percentages to be all or none and sum to 100', async () => {
    const presevo = await municipality(db, '70963');
    const bujanovac = await municipality(db, '70351');
    const bad = await createProject(coordinator.headers, {
      locations: [{ place_id: presevo.id, percentage: 50 }, { place_id: bujanovac.id }],
    });
    expect(bad.res.status).toBe(422);
    const good = await createProject(coordinator.headers, {
      locations: [
        { place_id: presevo.id, percentage: 50 },
        { place_id: bujanovac.id, percentage: 50 },
      ],
    });
    expect(good.res.status).toBe(201);
    expect(good.json.locations.map((l) => l.municipality_id).sort()).toEqual(
      [presevo.id, bujanovac.id].sort(),
    );
  });

  it('keeps the office roles for the right organisations and summarises the partnership', async () => {
    const donor = await makeOrganisation(db, { kind: 'bilateral_donor' });
    const gov = await makeOrganisation(db, { kind: 'national_government' });
    const presevo = await municipality(db, '70963');
    const mun = await makeOrganisation(db, { kind: 'municipality', place_id: presevo.id });

    const wrong = await createProject(coordinator.headers, {
      participants: [{ organisation_id: donor.id, role: 'co_financing' }],
    });
    expect(wrong.res.status).toBe(422);
    expect(JSON.stringify(wrong.json.error)).toContain('co-financing');

    const notMunicipality = await createProject(coordinator.headers, {
      participants: [{ organisation_id: gov.id, role: 'beneficiary' }],
    });
    expect(notMunicipality.res.status).toBe(422);

    const ok = await createProject(coordinator.headers, {
      participants: [
        { organisation_id: donor.id, role: 'funding' },
        { organisation_id: gov.id, role: 'co_financing' },
        { organisation_id: mun.id, role: 'beneficiary' },
      ],
    });
    expect(ok.res.status).toBe(201);
    expect(ok.json.partnership.summary).toEqual(['government', 'municipality', 'international']);
    expect(ok.json.participants.find((p) => p.role === 'funding')?.iati_role_code).toBe('1');
    expect(ok.json.participants.find((p) => p.role === 'co_financing')?.iati_role_code).toBeNull();
  });

  it('builds the programme → project → sub-project hierarchy and refuses cycles', async () => {
    const programme = await createProject(coordinator.headers, {
      title: { en: `Programme ${uniq()}` },
    });
    expect(programme.json.hierarchy).toBe(1);
    expect(programme.json.level).toBe('programme');
    const project = await createProject(coordinator.headers, { parent_id: programme.json.id });
    expect(project.json.hierarchy).toBe(2);
    const sub = await createProject(coordinator.headers, { parent_id: project.json.id });
    expect(sub.json.level).toBe('sub_project');

    const cycle = await patch(
      `/api/v1/activities/${programme.json.id}`,
      { version: programme.json.version, parent_id: sub.json.id, hierarchy: 4 },
      coordinator.headers,
    );
    expect(cycle.status).toBe(422);
    expect(JSON.stringify(await cycle.json())).toContain('under itself');

    const shallow = await createProject(coordinator.headers, {
      parent_id: project.json.id,
      hierarchy: 1,
    });
    expect(shallow.res.status).toBe(422);

    const del = await app.request(`/api/v1/activities/${programme.json.id}`, {
      method: 'DELETE',
      headers: coordinator.headers,
    });
    expect(del.status).toBe(409);

    const list = await app.request(`/api/v1/activities?programme=${programme.json.id}&limit=10`, {
      headers: coordinator.headers,
    });
    const ids = ((await list.json()) as { items: ActivityOut[] }).items.map((a) => a.id).sort();
    expect(ids).toEqual([project.json.id, sub.json.id].sort());
  });

  it('refuses end dates before start dates and actual dates in the future', async () => {
    const r = await createProject(coordinator.headers, {
      planned_start: '2020-05-01',
      planned_end: '2019-01-01',
      actual_start: '2999-01-01',
    });
    expect(r.res.status).toBe(422);
    expect(r.json.error?.details.map((d) => d.path)).toEqual(
      expect.arrayContaining(['planned_end', 'actual_start']),
    );
  });

  it('keeps IATI identifiers unique with a 409', async () => {
    const id = `XM-TEST-${uniq()}`;
    expect((await createProject(coordinator.headers, { iati_identifier: id })).res.status).toBe(
      201,
    );
    const dup = await createProject(coordinator.headers, { iati_identifier: id });
    expect(dup.res.status).toBe(409);
  });
});

describe('activities: versions and history', () => {
  it('increments the version and answers a stale version with 409, losing nothing', async () => {
    const { json: a } = await createProject(coordinator.headers, { description: { en: 'first' } });
    const first = await patch(
      `/api/v1/activities/${a.id}`,
      { version: a.version, description: { en: 'second' } },
      coordinator.headers,
    );
    expect(first.status).toBe(200);
    const updated = (await first.json()) as ActivityOut;
    expect(updated.version).toBe(a.version + 1);

    const stale = await patch(
      `/api/v1/activities/${a.id}`,
      { version: a.version, description: { en: 'third' } },
      coordinator.headers,
    );
    expect(stale.status).toBe(409);
    const body = (await stale.json()) as { error: { details: { current_version: number } } };
    expect(body.error.details.current_version).toBe(updated.version);

    const now = (await (
      await app.request(`/api/v1/activities/${a.id}`, { headers: coordinator.headers })
    ).json()) as ActivityOut;
    expect(now.description.en).toBe('second');
  });

  it('derives the other Serbian script on output without storing it', async () => {
    const { json } = await createProject(coordinator.headers, {
      title: { 'sr-Latn': 'Vodovod u Preševu', en: 'Water supply in Preševo' },
    });
    expect(json.title['sr-Cyrl']).toBe('Водовод у Прешеву');
    expect(json.title_derived).toEqual(['sr-Cyrl']);
  });
});

describe('activities: publication and visibility', () => {
  it('shows anonymous callers only published activities', async () => {
    const { json: draft } = await createProject(coordinator.headers, {});
    expect(draft.publication_status).toBe('draft');
    expect((await app.request(`/api/v1/activities/${draft.id}`)).status).toBe(404);
    expect(
      (await app.request(`/api/v1/activities/${draft.id}`, { headers: coordinator.headers }))
        .status,
    ).toBe(200);
    const published = await patch(
      `/api/v1/activities/${draft.id}`,
      { version: draft.version, publication_status: 'published' },
      coordinator.headers,
    );
    expect(published.status).toBe(200);
    expect((await app.request(`/api/v1/activities/${draft.id}`)).status).toBe(200);
  });
});

describe('activities: permissions per role', () => {
  it('lets a partner editor work only on activities their organisation takes part in', async () => {
    const org = await makeOrganisation(db, { kind: 'multilateral' });
    const other = await makeOrganisation(db, { kind: 'multilateral' });
    const editor = await makeUser(db, 'partner_editor', { organisation: org.id });

    const outside = await createProject(editor.headers, {
      participants: [{ organisation_id: other.id, role: 'implementing' }],
    });
    expect(outside.res.status).toBe(403);

    const mine = await createProject(editor.headers, {
      participants: [{ organisation_id: org.id, role: 'implementing' }],
    });
    expect(mine.res.status).toBe(201);

    const publish = await patch(
      `/api/v1/activities/${mine.json.id}`,
      { version: mine.json.version, publication_status: 'published' },
      editor.headers,
    );
    expect(publish.status).toBe(403);
    const submit = await patch(
      `/api/v1/activities/${mine.json.id}`,
      { version: mine.json.version, publication_status: 'submitted' },
      editor.headers,
    );
    expect(submit.status).toBe(200);

    const { json: theirs } = await createProject(coordinator.headers, {
      participants: [{ organisation_id: other.id, role: 'funding' }],
    });
    const edit = await patch(
      `/api/v1/activities/${theirs.id}`,
      { version: theirs.version, description: { en: 'mine now' } },
      editor.headers,
    );
    expect(edit.status).toBe(403);
  });

  it('lets a municipality editor work only on activities in their municipality', async () => {
    const presevo = await municipality(db, '70963');
    const medvedja = await municipality(db, '70815');
    const editor = await makeUser(db, 'municipality_editor', { municipality: '70963' });

    const mine = await createProject(editor.headers, { locations: [{ place_id: presevo.id }] });
    expect(mine.res.status).toBe(201);
    const elsewhere = await createProject(editor.headers, {
      locations: [{ place_id: medvedja.id }],
    });
    expect(elsewhere.res.status).toBe(403);

    const { json: theirs } = await createProject(coordinator.headers, {
      locations: [{ place_id: medvedja.id }],
    });
    const res = await patch(
      `/api/v1/activities/${theirs.id}`,
      { version: theirs.version, title: { en: 'taken' } },
      editor.headers,
    );
    expect(res.status).toBe(403);
    const del = await app.request(`/api/v1/activities/${theirs.id}`, {
      method: 'DELETE',
      headers: editor.headers,
    });
    expect(del.status).toBe(403);
  });

  it('keeps viewers read-only', async () => {
    const viewer = await makeUser(db, 'viewer');
    const { res } = await createProject(viewer.headers, {});
    expect(res.status).toBe(403);
  });
});

describe('activities: search and filters', () => {
  it('finds activities whatever the case, diacritics or script of the query', async () => {
    const word = `Šušaja${uniq().replace(/\d/g, 'x')}`;
    const { json } = await createProject(coordinator.headers, {
      title: { 'sr-Latn': `Škola u selu ${word}` },
      publication_status: 'published',
    });
    for (const q of [
      word.toLowerCase(),
      word.replace('Š', 'S').replace('š', 's'),
      word.toUpperCase(),
    ]) {
      const res = await app.request(`/api/v1/activities?q=${encodeURIComponent(q)}`);
      const ids = ((await res.json()) as { items: ActivityOut[] }).items.map((a) => a.id);
      expect(ids, q).toContain(json.id);
    }
    const cyr = await app.request(
      `/api/v1/activities?q=${encodeURIComponent('школа у селу')}&limit=500`,
    );
    expect(((await cyr.json()) as { items: ActivityOut[] }).items.map((a) => a.id)).toContain(
      json.id,
    );
  });

  it('filters by municipality (settlements included), sector, organisation and role, status and years', async () => {
    const tag = uniq();
    const org = await makeOrganisation(db, { kind: 'eu', names: { en: `EU test ${tag}` } });
    const bujanovac = await municipality(db, '70351');
    const { json } = await createProject(coordinator.headers, {
      title: { en: `Filtered ${tag}` },
      status: '2',
      planned_start: '2015-01-01',
      planned_end: '2017-12-31',
      participants: [{ organisation_id: org.id, role: 'funding' }],
      locations: [{ place_id: bujanovac.id }],
      sectors: [{ vocabulary: '1', code: '11220' }],
      publication_status: 'published',
    });
    const hit = async (query: string) => {
      const res = await app.request(`/api/v1/activities?q=${tag}&${query}`);
      expect(res.status, query).toBe(200);
      return ((await res.json()) as { items: ActivityOut[] }).items.some((a) => a.id === json.id);
    };
    expect(await hit('municipality=70351')).toBe(true);
    expect(await hit('municipality=70963')).toBe(false);
    expect(await hit('sector=112')).toBe(true);
    expect(await hit('sector=11220')).toBe(true);
    expect(await hit('sector=121')).toBe(false);
    expect(await hit(`organisation=${org.id}&role=funding`)).toBe(true);
    expect(await hit(`organisation=${org.id}&role=implementing`)).toBe(false);
    expect(await hit('status=2')).toBe(true);
    expect(await hit('status=3')).toBe(false);
    expect(await hit('year_from=2016&year_to=2016')).toBe(true);
    expect(await hit('year_from=2018')).toBe(false);
    expect(await hit('year_to=2014')).toBe(false);
  });

  it('pages with a cursor without repeating or skipping rows', async () => {
    const tag = `page${uniq()}`;
    for (let i = 0; i < 5; i++)
      await createProject(coordinator.headers, {
        title: { en: `${tag} ${i}` },
        publication_status: 'published',
      });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await app.request(
        `/api/v1/activities?q=${tag}&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      const page = (await res.json()) as { items: ActivityOut[]; next_cursor: string | null };
      seen.push(...page.items.map((a) => a.id));
      cursor = page.next_cursor;
    } while (cursor);
    expect(seen).toHaveLength(5);
    expect(new Set(seen).size).toBe(5);
    expect((await app.request('/api/v1/activities?cursor=garbage')).status).toBe(400);
  });
});

describe('activities: history', () => {
  it('records every change with who, which fields, before and after', async () => {
    const { json: a } = await createProject(coordinator.headers, { description: { en: 'before' } });
    await patch(
      `/api/v1/activities/${a.id}`,
      { version: a.version, description: { en: 'after' } },
      coordinator.headers,
    );
    const res = await app.request(`/api/v1/activities/${a.id}/history`, {
      headers: coordinator.headers,
    });
    expect(res.status).toBe(200);
    const { items } = (await res.json()) as {
      items: {
        action: string;
        user_id: string;
        changed: string[];
        before: { description: { en: string } } | null;
      }[];
    };
    expect(items.map((e) => e.action)).toEqual(['create', 'update']);
    expect(items[1]?.user_id).toBe(coordinator.actor.userId);
    expect(items[1]?.changed).toContain('description');
    expect(items[1]?.before?.description.en).toBe('before');
    expect((await app.request(`/api/v1/activities/${a.id}/history`)).status).toBe(401);
  });
});

describe('activities: office sectors, policy markers and SDG tags', () => {
  it('finds by an office sector the activities that report only DAC codes under it', async () => {
    const tag = uniq();
    const { json: dacOnly } = await createProject(coordinator.headers, {
      title: { en: `Primary school ${tag}` },
      sectors: [{ vocabulary: '1', code: '11220' }],
      publication_status: 'published',
    });
    const { json: health } = await createProject(coordinator.headers, {
      title: { en: `Clinic ${tag}` },
      sectors: [{ vocabulary: '1', code: '12220' }],
      publication_status: 'published',
    });
    const res = await app.request(`/api/v1/activities?q=${tag}&sector=education`);
    const ids = ((await res.json()) as { items: ActivityOut[] }).items.map((a) => a.id);
    expect(ids).toContain(dacOnly.id);
    expect(ids).not.toContain(health.id);
  });

  it('checks policy markers (gender equality first) and SDG tags against their codelists', async () => {
    const ok = await createProject(coordinator.headers, {
      policy_markers: [{ vocabulary: '1', code: '1', significance: '2' }],
      tags: [{ vocabulary: '2', code: '5' }],
    });
    expect(ok.res.status).toBe(201);
    expect(ok.json.policy_markers).toEqual([{ vocabulary: '1', code: '1', significance: '2' }]);
    expect(ok.json.tags).toEqual([{ vocabulary: '2', code: '5' }]);
    const bad = await createProject(coordinator.headers, {
      policy_markers: [{ code: '99', significance: '7' }],
      tags: [{ vocabulary: '2', code: '18' }],
    });
    expect(bad.res.status).toBe(422);
    expect(bad.json.error?.details.map((d) => d.path)).toEqual(
      expect.arrayContaining([
        'policy_markers.0.code',
        'policy_markers.0.significance',
        'tags.0.code',
      ]),
    );
  });
});
