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
import { findPlaceByKindCode } from '../places/places.queries.js';
import { makeActivity } from './dialogue.test-helpers.js';
import type { MeetingOut } from './meetings.schemas.js';

let db: Database;
let app: ReturnType<typeof testApp>;
let coordinator: TestUser;
let presevo: { id: string };
let bujanovac: { id: string };

beforeAll(async () => {
  db = await testDb();
  app = testApp(db);
  coordinator = await makeUser(db, 'coordinator');
  presevo = await municipality(db, '70963');
  bujanovac = await municipality(db, '70351');
});

function send(method: string, path: string, body: unknown, headers: Record<string, string> = {}) {
  return app.request(path, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

async function createMeeting(body: Record<string, unknown>, who: TestUser = coordinator) {
  const res = await send('POST', '/api/v1/meetings', body, who.headers);
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as MeetingOut;
}

function upcoming(days: number, time = '10:00'): string {
  const d = new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
  return `${d}T${time}`;
}

describe('meetings API', () => {
  it('records a meeting in Belgrade time with partners, topics, decisions and participants', async () => {
    const partner = await makeOrganisation(db, { kind: 'osce' });
    const activity = await makeActivity(db);
    const m = await createMeeting({
      kind: 'meeting',
      starts_at: '2026-11-25T10:00',
      ends_at: '2026-11-25T12:30',
      title: { 'sr-Latn': 'Sastanak o zapošljavanju mladih', en: 'Meeting on youth employment' },
      minutes: { en: 'Discussed the employment of young people.' },
      public_summary: { en: 'Youth employment in Preševo.' },
      place_id: presevo.id,
      place_text: 'Municipal hall',
      organisation_ids: [partner.id],
      participants: [{ name: 'Ana Test', organisation_id: partner.id, function: 'Head of office' }],
      topics: ['employment', 'rights-albanian-community', 'education'],
      decisions: [{ text: { en: 'Prepare a call for proposals' } }, { text: { en: 'Meet again' } }],
      activity_ids: [activity.id],
      confidentiality: 'public',
    });
    expect(m.starts_at).toBe('2026-11-25T09:00:00.000Z');
    expect(m.starts_local).toBe('2026-11-25T10:00:00');
    expect(m.ends_local).toBe('2026-11-25T12:30:00');
    expect(m.title['sr-Cyrl']).toBe('Састанак о запошљавању младих');
    expect(m.municipality_id).toBe(presevo.id);
    expect(m.organisations.map((o) => o.id)).toEqual([partner.id]);
    expect(m.decisions.map((d) => d.ref)).toEqual(['1', '2']);
    expect(m.activities.map((a) => a.id)).toEqual([activity.id]);
    expect(m.participants?.[0]?.name).toBe('Ana Test');
  });

  it('shows participants to staff only and minutes to signed-in readers only', async () => {
    const m = await createMeeting({
      starts_at: upcoming(3),
      title: { en: `Public meeting ${uniq()}` },
      minutes: { en: 'Internal notes' },
      participants: [{ name: 'Private Person' }],
      confidentiality: 'public',
    });
    const anon = (await (await app.request(`/api/v1/meetings/${m.id}`)).json()) as MeetingOut;
    expect(anon.participants).toBeNull();
    expect(anon.minutes).toBeNull();
    const viewer = await makeUser(db, 'viewer');
    const asViewer = (await (
      await app.request(`/api/v1/meetings/${m.id}`, { headers: viewer.headers })
    ).json()) as MeetingOut;
    expect(asViewer.participants).toBeNull();
    expect(asViewer.minutes).toEqual({ en: 'Internal notes' });
    const asStaff = (await (
      await app.request(`/api/v1/meetings/${m.id}`, { headers: coordinator.headers })
    ).json()) as MeetingOut;
    expect(asStaff.participants?.map((p) => p.name)).toEqual(['Private Person']);
  });

  it('hides internal meetings from anonymous readers and from editors out of scope', async () => {
    const own = await makeOrganisation(db);
    const other = await makeOrganisation(db);
    const title = `Internal ${uniq()}`;
    const m = await createMeeting({
      starts_at: upcoming(5),
      title: { en: title },
      organisation_ids: [own.id],
    });
    expect(m.confidentiality).toBe('internal');
    expect((await app.request(`/api/v1/meetings/${m.id}`)).status).toBe(404);
    const list = (await (
      await app.request(`/api/v1/meetings?q=${encodeURIComponent(title)}`)
    ).json()) as { items: MeetingOut[] };
    expect(list.items).toHaveLength(0);
    const mine = await makeUser(db, 'partner_editor', { organisation: own.id });
    const theirs = await makeUser(db, 'partner_editor', { organisation: other.id });
    expect((await app.request(`/api/v1/meetings/${m.id}`, { headers: mine.headers })).status).toBe(
      200,
    );
    expect(
      (await app.request(`/api/v1/meetings/${m.id}`, { headers: theirs.headers })).status,
    ).toBe(404);
    const listed = (await (
      await app.request(`/api/v1/meetings?q=${encodeURIComponent(title)}`, {
        headers: mine.headers,
      })
    ).json()) as { items: MeetingOut[] };
    expect(listed.items.map((i) => i.id)).toEqual([m.id]);
  });

  it('lets scoped editors record only their own meetings, and only staff publish them', async () => {
    const own = await makeOrganisation(db);
    const other = await makeOrganisation(db);
    const editor = await makeUser(db, 'partner_editor', { organisation: own.id });
    const outside = await send(
      'POST',
      '/api/v1/meetings',
      { starts_at: upcoming(1), title: { en: 'x' }, organisation_ids: [other.id] },
      editor.headers,
    );
    expect(outside.status).toBe(403);
    const publicOne = await send(
      'POST',
      '/api/v1/meetings',
      {
        starts_at: upcoming(1),
        title: { en: 'x' },
        organisation_ids: [own.id],
        confidentiality: 'public',
      },
      editor.headers,
    );
    expect(publicOne.status).toBe(403);
    const ok = await createMeeting(
      { starts_at: upcoming(1), title: { en: 'Our visit' }, organisation_ids: [own.id] },
      editor,
    );
    expect(ok.participants).toBeNull();
    const viewer = await makeUser(db, 'viewer');
    const v = await send(
      'POST',
      '/api/v1/meetings',
      { starts_at: upcoming(1), title: { en: 'x' } },
      viewer.headers,
    );
    expect(v.status).toBe(403);
    const anon = await send('POST', '/api/v1/meetings', {
      starts_at: upcoming(1),
      title: { en: 'x' },
    });
    expect(anon.status).toBe(401);

    const muniEditor = await makeUser(db, 'municipality_editor', { municipality: bujanovac.id });
    const settlement = (
      await db.query<{ id: string }>(
        `select id from place where kind = 'settlement' and parent_id = $1 limit 1`,
        [bujanovac.id],
      )
    )[0];
    expect(settlement).toBeDefined();
    const inTown = await createMeeting(
      {
        starts_at: upcoming(2),
        title: { en: 'Village visit' },
        kind: 'visit',
        place_id: settlement?.id,
      },
      muniEditor,
    );
    expect(inTown.municipality_id).toBe(bujanovac.id);
    const elsewhere = await send(
      'POST',
      '/api/v1/meetings',
      { starts_at: upcoming(2), title: { en: 'x' }, place_id: presevo.id },
      muniEditor.headers,
    );
    expect(elsewhere.status).toBe(403);
  });

  it('names each invalid field: unknown topics, partners, duplicate decision numbers, end before start', async () => {
    const res = await send(
      'POST',
      '/api/v1/meetings',
      {
        starts_at: '2026-11-25T10:00',
        ends_at: '2026-11-25T09:00',
        title: { en: 'x' },
        topics: ['employment', 'astrology'],
        organisation_ids: ['00000000-0000-4000-8000-000000000001'],
        decisions: [
          { ref: '1', text: { en: 'a' } },
          { ref: '1', text: { en: 'b' } },
        ],
      },
      coordinator.headers,
    );
    expect(res.status).toBe(422);
    const paths = (
      (await res.json()) as { error: { details: { path: string }[] } }
    ).error.details.map((d) => d.path);
    expect(paths).toEqual(
      expect.arrayContaining(['ends_at', 'topics.1', 'organisation_ids.0', 'decisions.1.ref']),
    );
    const badDate = await send(
      'POST',
      '/api/v1/meetings',
      { starts_at: '2026-02-30T10:00', title: { en: 'x' } },
      coordinator.headers,
    );
    expect(badDate.status).toBe(422);
  });

  it('updates with the version read, refuses a stale one, and keeps the history', async () => {
    const m = await createMeeting({ starts_at: upcoming(4), title: { en: 'Before' } });
    const ok = await send(
      'PATCH',
      `/api/v1/meetings/${m.id}`,
      { version: m.version, title: { en: 'After' }, topics: ['rights-roma-community'] },
      coordinator.headers,
    );
    expect(ok.status).toBe(200);
    const after = (await ok.json()) as MeetingOut;
    expect(after.title.en).toBe('After');
    expect(after.starts_at).toBe(m.starts_at);
    const stale = await send(
      'PATCH',
      `/api/v1/meetings/${m.id}`,
      { version: m.version, title: { en: 'Lost' } },
      coordinator.headers,
    );
    expect(stale.status).toBe(409);
    const history = (await (
      await app.request(`/api/v1/meetings/${m.id}/history`, { headers: coordinator.headers })
    ).json()) as { items: { action: string; changed: string[] }[] };
    expect(history.items.map((h) => h.action)).toEqual(['create', 'update']);
    expect(history.items[1]?.changed).toEqual(expect.arrayContaining(['title', 'topics']));
    const del = await send(
      'DELETE',
      `/api/v1/meetings/${m.id}?version=${after.version}`,
      undefined,
      coordinator.headers,
    );
    expect(del.status).toBe(204);
    expect(
      (await app.request(`/api/v1/meetings/${m.id}`, { headers: coordinator.headers })).status,
    ).toBe(404);
  });

  it('filters by topic, partner, municipality and dates in Belgrade time', async () => {
    const partner = await makeOrganisation(db);
    const late = await createMeeting({
      starts_at: '2026-06-10T23:30',
      title: { en: 'Late meeting' },
      organisation_ids: [partner.id],
      topics: ['rights-serbian-community'],
      place_id: presevo.id,
    });
    await createMeeting({
      starts_at: '2026-06-12T09:00',
      title: { en: 'Other meeting' },
      organisation_ids: [partner.id],
      topics: ['security'],
    });
    const get = async (qs: string) =>
      (
        (await (
          await app.request(`/api/v1/meetings?organisation=${partner.id}&${qs}`, {
            headers: coordinator.headers,
          })
        ).json()) as { items: MeetingOut[] }
      ).items.map((i) => i.title.en);
    // 23:30 in Belgrade on 10 June is 21:30 UTC: the local date counts.
    expect(await get('from=2026-06-10&to=2026-06-10')).toEqual(['Late meeting']);
    expect(await get('topic=rights-serbian-community')).toEqual(['Late meeting']);
    expect(await get(`municipality=${presevo.id}`)).toEqual(['Late meeting']);
    expect(await get('order=asc')).toEqual(['Late meeting', 'Other meeting']);
    expect(await get('order=desc&limit=1')).toEqual(['Other meeting']);
    expect(late.starts_at).toBe('2026-06-10T21:30:00.000Z');
  });

  it('lists kinds and topics labelled in four locales', async () => {
    const res = await app.request('/api/v1/meetings/vocabulary');
    const v = (await res.json()) as {
      topics: { code: string; label: Record<string, string> }[];
      kinds: { code: string }[];
    };
    const roma = v.topics.find((t) => t.code === 'rights-roma-community');
    expect(roma?.label).toEqual({
      en: 'Rights of the Roma community',
      sq: 'Të drejtat e komunitetit rom',
      'sr-Latn': 'Prava romske zajednice',
      'sr-Cyrl': 'Права ромске заједнице',
    });
    expect(v.topics.some((t) => t.code === 'education')).toBe(true);
    expect(v.kinds.map((k) => k.code)).toContain('workshop');
  });
});

describe('meetings calendar feed', () => {
  it('serves public meetings to everyone and internal ones through a private token', async () => {
    const tag = uniq();
    const pub = await createMeeting({
      starts_at: upcoming(7, '09:15'),
      title: { en: `Open day ${tag}`, 'sr-Latn': `Dan otvorenih vrata, Preševo; ${tag}` },
      public_summary: { en: 'All welcome' },
      confidentiality: 'public',
      place_id: presevo.id,
    });
    const internal = await createMeeting({
      starts_at: upcoming(8),
      title: { en: `Closed ${tag}` },
    });
    const feed = await app.request('/api/v1/meetings.ics?lang=sr-Latn');
    expect(feed.status).toBe(200);
    expect(feed.headers.get('content-type')).toContain('text/calendar');
    const text = await feed.text();
    expect(text).toContain(`UID:${pub.id}@koordinata`);
    expect(text).not.toContain(`UID:${internal.id}@koordinata`);
    const unfolded = text.replace(/\r\n /g, '');
    expect(unfolded).toContain(`SUMMARY:Dan otvorenih vrata\\, Preševo\\; ${tag}`);
    expect(unfolded).toContain(
      `DTSTART;TZID=Europe/Belgrade:${pub.starts_local.replace(/[-:]/g, '')}`,
    );
    expect(unfolded).toContain('LOCATION:Preševo');
    for (const line of text.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);

    const made = await send('POST', '/api/v1/meetings/calendar-token', {}, coordinator.headers);
    expect(made.status).toBe(201);
    const { path, token } = (await made.json()) as { path: string; token: string };
    const privateFeed = await (await app.request(path)).text();
    expect(privateFeed).toContain(`UID:${internal.id}@koordinata`);
    expect(privateFeed).toContain(`UID:${pub.id}@koordinata`);
    // A new token replaces the old one.
    await send('POST', '/api/v1/meetings/calendar-token', {}, coordinator.headers);
    expect((await app.request(`/api/v1/meetings.ics?token=${token}`)).status).toBe(401);
    expect((await app.request('/api/v1/meetings.ics?token=nonsense')).status).toBe(401);
    expect((await send('POST', '/api/v1/meetings/calendar-token', {})).status).toBe(401);
  });

  it('writes all-day contacts as dates', async () => {
    const day = upcoming(9).slice(0, 10);
    const m = await createMeeting({
      starts_at: day,
      all_day: true,
      title: { en: `Field visit ${uniq()}` },
      confidentiality: 'public',
    });
    const text = (await (await app.request('/api/v1/meetings.ics')).text()).replace(/\r\n /g, '');
    const event = text.slice(text.indexOf(`UID:${m.id}`));
    expect(event).toContain(`DTSTART;VALUE=DATE:${day.replace(/-/g, '')}`);
  });
});

describe('gazetteer used by meetings', () => {
  it('has the focus municipalities', async () => {
    expect(await findPlaceByKindCode(db, 'municipality', '70815')).not.toBeNull();
  });
});

describe('API reference', () => {
  it('documents the dialogue, needs and quality routes with their parameters', async () => {
    const doc = (await (await app.request('/api/v1/openapi.json')).json()) as {
      paths: Record<string, Record<string, { parameters?: { name: string }[] }>>;
    };
    for (const path of [
      '/api/v1/meetings',
      '/api/v1/meetings/{id}',
      '/api/v1/meetings.ics',
      '/api/v1/meetings/calendar-token',
      '/api/v1/meetings/vocabulary',
      '/api/v1/actions',
      '/api/v1/actions/summary',
      '/api/v1/actions/{id}',
      '/api/v1/needs',
      '/api/v1/needs/{id}',
      '/api/v1/needs/summary',
      '/api/v1/needs/import',
      '/api/v1/quality',
    ])
      expect(Object.keys(doc.paths)).toContain(path);
    const names = (path: string) => doc.paths[path]?.get?.parameters?.map((p) => p.name) ?? [];
    expect(names('/api/v1/actions')).toEqual(
      expect.arrayContaining(['view', 'owner_user', 'owner_organisation']),
    );
    expect(names('/api/v1/needs')).toEqual(
      expect.arrayContaining(['without_activity', 'municipality']),
    );
    expect(names('/api/v1/quality')).toEqual(
      expect.arrayContaining(['kind', 'municipality', 'organisation']),
    );
    expect(names('/api/v1/meetings.ics')).toEqual(expect.arrayContaining(['token', 'lang']));
  });
});
