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
import type { ActivityOut } from '../activities/activities.schemas.js';

let db: Database;
let app: ReturnType<typeof testApp>;
let coordinator: TestUser;
let partner: TestUser;
let orgId: string;

beforeAll(async () => {
  db = await testDb();
  app = testApp(db);
  coordinator = await makeUser(db, 'coordinator');
  const org = await makeOrganisation(db);
  orgId = org.id;
  partner = await makeUser(db, 'partner_editor', { organisation: org.id });
});

async function call(method: string, path: string, headers: Record<string, string>, body?: unknown) {
  const res = await app.request(path, {
    method,
    headers,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { res, json: (await res.json().catch(() => null)) as Record<string, unknown> | null };
}

async function draftOfPartner(): Promise<ActivityOut> {
  const { res, json } = await call('POST', '/api/v1/activities', partner.headers, {
    title: { en: `Reviewed ${uniq()}` },
    participants: [{ organisation_id: orgId, role: 'implementing' }],
  });
  expect(res.status).toBe(201);
  return json as unknown as ActivityOut;
}

describe('review workflow', () => {
  it('walks draft → submitted → approved → published; only then is it public', async () => {
    const a = await draftOfPartner();
    const anon = { 'content-type': 'application/json' };
    expect((await call('GET', `/api/v1/activities/${a.id}`, anon)).res.status).toBe(404);

    const sub = await call('POST', `/api/v1/activities/${a.id}/submit`, partner.headers, {
      version: a.version,
    });
    expect(sub.res.status).toBe(200);
    expect(sub.json?.publication_status).toBe('submitted');

    // The editor may not approve their own work.
    const denied = await call('POST', `/api/v1/activities/${a.id}/approve`, partner.headers);
    expect(denied.res.status).toBe(403);

    const ok = await call('POST', `/api/v1/activities/${a.id}/approve`, coordinator.headers);
    expect(ok.json?.publication_status).toBe('approved');
    const pub = await call('POST', `/api/v1/activities/${a.id}/publish`, coordinator.headers);
    expect(pub.json?.publication_status).toBe('published');

    const seen = await call('GET', `/api/v1/activities/${a.id}`, anon);
    expect(seen.res.status).toBe(200);

    const trail = await call('GET', `/api/v1/activities/${a.id}/review`, coordinator.headers);
    const items = (trail.json?.items ?? []) as { action: string; user_email: string }[];
    expect(items.map((i) => i.action)).toEqual(['submit', 'approve', 'publish']);
    expect(items[0]?.user_email).toBe(partner.actor.email);
  });

  it('returns to draft only with a reason, and refuses steps out of order', async () => {
    const a = await draftOfPartner();
    const early = await call('POST', `/api/v1/activities/${a.id}/publish`, coordinator.headers);
    expect(early.res.status).toBe(409);
    await call('POST', `/api/v1/activities/${a.id}/submit`, partner.headers);
    const noReason = await call('POST', `/api/v1/activities/${a.id}/return`, coordinator.headers, {
      reason: '  ',
    });
    expect(noReason.res.status).toBe(422);
    const back = await call('POST', `/api/v1/activities/${a.id}/return`, coordinator.headers, {
      reason: 'Add the municipality co-financing',
    });
    expect(back.json?.publication_status).toBe('draft');
    const trail = await call('GET', `/api/v1/activities/${a.id}/review`, partner.headers);
    const items = (trail.json?.items ?? []) as { action: string; reason: string | null }[];
    expect(items.at(-1)).toMatchObject({
      action: 'return',
      reason: 'Add the municipality co-financing',
    });
  });

  it('refuses a stale version with 409 and an editor outside the scope with 403', async () => {
    const a = await draftOfPartner();
    const stale = await call('POST', `/api/v1/activities/${a.id}/submit`, partner.headers, {
      version: a.version + 5,
    });
    expect(stale.res.status).toBe(409);
    const presevo = await municipality(db, '70963');
    const other = await makeUser(db, 'municipality_editor', { municipality: presevo.code });
    const out = await call('POST', `/api/v1/activities/${a.id}/submit`, other.headers);
    expect(out.res.status).toBe(403);
  });
});

describe('history restore', () => {
  it('writes an earlier version back as a new version, audited', async () => {
    const a = await draftOfPartner();
    const firstTitle = a.title.en;
    const upd = await call('PATCH', `/api/v1/activities/${a.id}`, partner.headers, {
      version: a.version,
      title: { en: 'Renamed' },
    });
    expect(upd.res.status).toBe(200);
    const hist = await call('GET', `/api/v1/activities/${a.id}/history`, partner.headers);
    const events = (hist.json?.items ?? []) as { id: string; action: string }[];
    const created = events.find((e) => e.action === 'create');
    expect(created).toBeDefined();
    const restored = await call(
      'POST',
      `/api/v1/activities/${a.id}/history/${created?.id ?? ''}/restore`,
      partner.headers,
      { version: a.version + 1 },
    );
    expect(restored.res.status).toBe(200);
    expect((restored.json?.title as Record<string, string>).en).toBe(firstTitle);
    expect(restored.json?.version).toBe(a.version + 2);
    const after = await call('GET', `/api/v1/activities/${a.id}/history`, partner.headers);
    expect(((after.json?.items ?? []) as unknown[]).length).toBe(3);
  });
});
