import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/db.js';
import { testDb } from '../../../tests/support/db.js';
import { makeUser, testApp, uniq, type TestUser } from '../../../tests/support/factories.js';
import { acceptInvitation, inviteUser } from '../invitations/invitations.service.js';
import {
  changePassword,
  MAX_FAILURES_PER_EMAIL,
  resolveSession,
  signIn,
  signOut,
} from './sessions.service.js';

let db: Database;
let admin: TestUser;
const PASSWORD = 'correct horse battery staple';

beforeAll(async () => {
  db = await testDb();
  admin = await makeUser(db, 'admin');
});

describe('sessions', () => {
  it('opens a new session on each sign-in and ends it on sign-out', async () => {
    const u = await makeUser(db, 'viewer');
    const one = await signIn(db, { email: u.actor.email, password: PASSWORD, client: 'a' });
    const two = await signIn(db, { email: u.actor.email, password: PASSWORD, client: 'a' });
    expect(one.token).not.toBe(two.token);
    expect(one.session.csrfToken).not.toBe(two.session.csrfToken);
    expect((await resolveSession(db, one.token))?.actor.userId).toBe(u.actor.userId);
    await signOut(db, one.token);
    expect(await resolveSession(db, one.token)).toBeNull();
    expect(await resolveSession(db, two.token)).not.toBeNull();
  });

  it('refuses a wrong password, and every attempt once the limit is reached', async () => {
    const u = await makeUser(db, 'viewer');
    const client = `client-${uniq()}`;
    for (let i = 0; i < MAX_FAILURES_PER_EMAIL; i++) {
      await expect(
        signIn(db, { email: u.actor.email, password: 'wrong password', client }),
      ).rejects.toMatchObject({ code: 'unauthenticated' });
    }
    await expect(
      signIn(db, { email: u.actor.email, password: PASSWORD, client }),
    ).rejects.toMatchObject({ code: 'rate_limited', status: 429 });
  });

  it('changes the password after checking the current one, ending other sessions', async () => {
    const u = await makeUser(db, 'viewer');
    const keep = await signIn(db, { email: u.actor.email, password: PASSWORD, client: 'b' });
    const other = await signIn(db, { email: u.actor.email, password: PASSWORD, client: 'b' });
    await expect(
      changePassword(
        db,
        u.actor,
        { current: 'nope', next: 'a new long pass', repeat: 'a new long pass' },
        null,
      ),
    ).rejects.toMatchObject({ code: 'validation_failed' });
    await changePassword(
      db,
      u.actor,
      { current: PASSWORD, next: 'a new long pass', repeat: 'a new long pass' },
      keep.session.id,
    );
    expect(await resolveSession(db, keep.token)).not.toBeNull();
    expect(await resolveSession(db, other.token)).toBeNull();
    await expect(
      signIn(db, { email: u.actor.email, password: 'a new long pass', client: 'b' }),
    ).resolves.toBeDefined();
  });
});

describe('invitations', () => {
  it('lets an admin invite, the invitee set a password once, and refuses others', async () => {
    const email = `invited-${uniq()}@test.koordinata`;
    const viewer = await makeUser(db, 'viewer');
    await expect(inviteUser(db, viewer.actor, { email, role: 'viewer' })).rejects.toMatchObject({
      status: 403,
    });
    const inv = await inviteUser(db, admin.actor, { email, role: 'coordinator', locale: 'sq' });
    expect(inv.path).toContain(inv.token);
    const user = await acceptInvitation(db, inv.token, { name: 'Ana', password: PASSWORD });
    expect(user).toMatchObject({ email, role: 'coordinator', locale: 'sq' });
    await expect(
      acceptInvitation(db, inv.token, { name: 'Ana', password: PASSWORD }),
    ).rejects.toMatchObject({ status: 404 });
    const s = await signIn(db, { email, password: PASSWORD, client: 'c' });
    expect(s.session.locale).toBe('sq');
  });

  it('is reachable over the API with the link in the answer', async () => {
    const app = testApp(db);
    const res = await app.request('/api/v1/invitations', {
      method: 'POST',
      headers: admin.headers,
      body: JSON.stringify({ email: `api-${uniq()}@test.koordinata`, role: 'viewer' }),
    });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { url: string };
    expect(body.url).toMatch(/\/office\/invitation\/[A-Za-z0-9_-]{43}$/);
  });
});
