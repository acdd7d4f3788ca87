import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/db.js';
import { createApp } from '../http/app.js';
import { smtpMailer } from '../mail/mail.js';
import { testDb } from '../../../tests/support/db.js';
import { makeUser, uniq, type TestUser } from '../../../tests/support/factories.js';
import { invitationMail, mailInvitation } from './invitations.mail.js';

interface Received {
  from: string;
  to: string[];
  data: string;
}

let server: SMTPServer;
let port = 0;
const inbox: Received[] = [];
let db: Database;
let admin: TestUser;

beforeAll(async () => {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, done) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        inbox.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          data: Buffer.concat(chunks).toString('utf8'),
        });
        done();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.server.address() as AddressInfo).port;
  db = await testDb();
  admin = await makeUser(db, 'admin');
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** The decoded body of a received message (nodemailer may use quoted-printable). */
function bodyOf(m: Received): string {
  const at = m.data.search(/\r?\n\r?\n/);
  return m.data
    .slice(at < 0 ? m.data.length : at)
    .replace(/=\r?\n/g, '')
    .replace(/(=[0-9A-F]{2})+/g, (s) => Buffer.from(s.replace(/=/g, ''), 'hex').toString('utf8'));
}

describe('invitation mail', () => {
  it('is written in the invitee’s language, Cyrillic derived from the Latin', () => {
    const inv = { email: 'a@example.org', expires_at: '2026-12-02T10:00:00.000Z' };
    const url = 'http://x.test/office/invitation/abc';
    expect(invitationMail({ ...inv, locale: 'sq' }, url).subject).toBe('Ftesë në Koordinata');
    const cyr = invitationMail({ ...inv, locale: 'sr-Cyrl' }, url);
    expect(cyr.subject).toBe('Позив у Координату');
    expect(cyr.text).toContain(url);
    expect(cyr.text).toContain('2026-12-02');
  });

  it('reports not_configured without a mailer and failed when the server is unreachable', async () => {
    const inv = { email: 'a@example.org', locale: 'en', expires_at: '2026-12-02T10:00:00Z' };
    expect(await mailInvitation(null, inv, 'http://x')).toBe('not_configured');
    const dead = smtpMailer('smtp://127.0.0.1:1');
    expect(await mailInvitation(dead, inv, 'http://x')).toBe('failed');
  });

  it('is sent through SMTP when the API invites someone, and the link is still returned', async () => {
    const app = createApp({
      db,
      mailer: smtpMailer(`smtp://127.0.0.1:${port}?from=office@koordinata.test`),
    });
    const email = `invitee-${uniq()}@example.org`;
    const res = await app.request('/api/v1/invitations', {
      method: 'POST',
      headers: admin.headers,
      body: JSON.stringify({ email, role: 'viewer', locale: 'en' }),
    });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { url: string; mail: string };
    expect(body.mail).toBe('sent');
    expect(body.url).toMatch(/\/office\/invitation\/[A-Za-z0-9_-]{43}$/);
    const m = inbox.find((r) => r.to.includes(email));
    expect(m?.from).toBe('office@koordinata.test');
    expect(m && bodyOf(m)).toContain(body.url);
    expect(m?.data).toContain('Subject: Invitation to Koordinata');
  });
});
