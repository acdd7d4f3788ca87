import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/db.js';
import { testDb } from '../../../tests/support/db.js';
import {
  makeOrganisation,
  makeUser,
  testApp,
  type TestUser,
} from '../../../tests/support/factories.js';
import { searchActions, summariseActions } from './actions.service.js';
import { ActionListQuery, type ActionOut, type MeetingOut } from './meetings.schemas.js';

let db: Database;
let app: ReturnType<typeof testApp>;
let coordinator: TestUser;

beforeAll(async () => {
  db = await testDb();
  app = testApp(db);
  coordinator = await makeUser(db, 'coordinator');
});

function send(method: string, path: string, body: unknown, headers: Record<string, string>) {
  return app.request(path, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

async function createAction(body: Record<string, unknown>) {
  const res = await send('POST', '/api/v1/actions', body, coordinator.headers);
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as ActionOut;
}

describe('follow-up actions', () => {
  it('ties an action to a numbered decision of a meeting and refuses a decision that does not exist', async () => {
    const owner = await makeOrganisation(db);
    const meeting = (await (
      await send(
        'POST',
        '/api/v1/meetings',
        {
          starts_at: '2026-11-20T10:00',
          title: { en: 'Board meeting' },
          decisions: [{ ref: '3', text: { en: 'Draft the plan' } }],
        },
        coordinator.headers,
      )
    ).json()) as MeetingOut;
    const a = await createAction({
      meeting_id: meeting.id,
      decision_ref: '3',
      description: { 'sr-Latn': 'Pripremiti nacrt plana' },
      owner_organisation_id: owner.id,
      due_on: '2026-12-01',
    });
    expect(a.description['sr-Cyrl']).toBe('Припремити нацрт плана');
    expect(a.meeting_title?.en).toBe('Board meeting');
    expect(a.status).toBe('open');
    const bad = await send(
      'POST',
      '/api/v1/actions',
      {
        meeting_id: meeting.id,
        decision_ref: '9',
        description: { en: 'x' },
        owner_organisation_id: owner.id,
      },
      coordinator.headers,
    );
    expect(bad.status).toBe(422);
    expect(JSON.stringify(await bad.json())).toContain('has no decision 9');
    const noOwner = await send(
      'POST',
      '/api/v1/actions',
      { description: { en: 'x' } },
      coordinator.headers,
    );
    expect(noOwner.status).toBe(422);
    const count = (await (
      await app.request(`/api/v1/meetings/${meeting.id}`, { headers: coordinator.headers })
    ).json()) as MeetingOut;
    expect(count.open_actions).toBe(1);
  });

  it('counts an action overdue by the date in Belgrade, not in UTC, around midnight', async () => {
    const owner = await makeOrganisation(db);
    const a = await createAction({
      description: { en: 'Send the report' },
      owner_organisation_id: owner.id,
      due_on: '2026-11-25',
    });
    const q = ActionListQuery.parse({ view: 'overdue', owner_organisation: owner.id });
    // 22:30 UTC on the 25th is 23:30 in Belgrade: still the due date, not overdue.
    const before = await searchActions(db, coordinator.actor, q, {
      now: new Date('2026-11-25T22:30:00Z'),
    });
    expect(before.today).toBe('2026-11-25');
    expect(before.items).toHaveLength(0);
    // 23:30 UTC on the 25th is already the 26th in Belgrade: overdue, although UTC says the 25th.
    const after = await searchActions(db, coordinator.actor, q, {
      now: new Date('2026-11-25T23:30:00Z'),
    });
    expect(after.today).toBe('2026-11-26');
    expect(after.items.map((i) => i.id)).toEqual([a.id]);
    expect(after.items[0]?.overdue).toBe(true);
    expect(after.items[0]?.days_overdue).toBe(1);
    // One second before local midnight the action is still on time.
    const lastSecond = await searchActions(db, coordinator.actor, q, {
      now: new Date('2026-11-25T22:59:59Z'),
    });
    expect(lastSecond.items).toHaveLength(0);

    const summary = await summariseActions(db, coordinator.actor, {
      now: new Date('2026-11-26T12:00:00Z'),
    });
    const row = summary.by_organisation.find((r) => r.organisation_id === owner.id);
    expect(row).toMatchObject({ open: 1, overdue: 1 });
  });

  it('leaves done and cancelled actions out of the open and overdue views and stamps completion', async () => {
    const owner = await makeOrganisation(db);
    const done = await createAction({
      description: { en: 'Done one' },
      owner_organisation_id: owner.id,
      due_on: '2020-01-01',
    });
    await createAction({
      description: { en: 'Cancelled one' },
      owner_organisation_id: owner.id,
      due_on: '2020-01-01',
      status: 'cancelled',
    });
    const open = await createAction({
      description: { en: 'Open one' },
      owner_organisation_id: owner.id,
      due_on: '2099-01-01',
    });
    const patched = await send(
      'PATCH',
      `/api/v1/actions/${done.id}`,
      { version: done.version, status: 'done' },
      coordinator.headers,
    );
    const body = (await patched.json()) as ActionOut;
    expect(body.status).toBe('done');
    expect(body.completed_at).not.toBeNull();
    const list = async (view: string) =>
      (
        (await (
          await app.request(`/api/v1/actions?view=${view}&owner_organisation=${owner.id}`, {
            headers: coordinator.headers,
          })
        ).json()) as { items: ActionOut[] }
      ).items.map((i) => i.description.en);
    expect(await list('overdue')).toEqual([]);
    expect(await list('open')).toEqual(['Open one']);
    expect((await list('all')).sort()).toEqual(['Cancelled one', 'Done one', 'Open one']);
    const reopened = await send(
      'PATCH',
      `/api/v1/actions/${done.id}`,
      { version: body.version, status: 'in_progress' },
      coordinator.headers,
    );
    expect(((await reopened.json()) as ActionOut).completed_at).toBeNull();
    expect(open.overdue).toBe(false);
  });

  it('lets an owner who is not staff change the status of their own actions only', async () => {
    const own = await makeOrganisation(db);
    const other = await makeOrganisation(db);
    const editor = await makeUser(db, 'partner_editor', { organisation: own.id });
    const mine = await createAction({ description: { en: 'Ours' }, owner_organisation_id: own.id });
    const theirs = await createAction({
      description: { en: 'Theirs' },
      owner_organisation_id: other.id,
    });
    const ok = await send(
      'PATCH',
      `/api/v1/actions/${mine.id}`,
      { version: mine.version, status: 'done' },
      editor.headers,
    );
    expect(ok.status).toBe(200);
    const due = await send(
      'PATCH',
      `/api/v1/actions/${mine.id}`,
      { version: mine.version + 1, due_on: '2030-01-01' },
      editor.headers,
    );
    expect(due.status).toBe(403);
    const notMine = await send(
      'PATCH',
      `/api/v1/actions/${theirs.id}`,
      { version: theirs.version, status: 'done' },
      editor.headers,
    );
    expect(notMine.status).toBe(404);
    const create = await send(
      'POST',
      '/api/v1/actions',
      { description: { en: 'x' }, owner_organisation_id: own.id },
      editor.headers,
    );
    expect(create.status).toBe(403);
    const listed = (await (
      await app.request('/api/v1/actions', { headers: editor.headers })
    ).json()) as { items: ActionOut[] };
    expect(listed.items.map((i) => i.id)).toEqual([mine.id]);
    expect((await app.request('/api/v1/actions')).status).toBe(401);
  });
});
