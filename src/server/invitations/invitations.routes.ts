import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../http/context.js';
import { describe } from '../http/openapi.js';
import { parseBody } from '../http/validate.js';
import {
  acceptInvitation,
  InvitationAccept,
  InvitationCreate,
  InvitationOut,
  inviteUser,
  listAllInvitations,
} from './invitations.service.js';
import { mailInvitation } from './invitations.mail.js';

const tags = ['Users'];
const AcceptBody = InvitationAccept.extend({ token: z.string().min(1) });

describe({
  method: 'post',
  path: '/api/v1/invitations',
  summary:
    'Invite a person with a role and scope (admins); the link is in the answer, once, and mailed when SMTP is configured',
  tags,
  auth: 'required',
  body: InvitationCreate,
  response: z.object({
    invitation: InvitationOut,
    url: z.string(),
    mail: z
      .enum(['sent', 'not_configured', 'failed'])
      .describe('Whether the link was mailed (SMTP_URL set) or must be passed on by hand'),
  }),
});
describe({
  method: 'get',
  path: '/api/v1/invitations',
  summary: 'Invitations, newest first (admins)',
  tags,
  auth: 'required',
  response: z.object({ items: z.array(InvitationOut) }),
});
describe({
  method: 'post',
  path: '/api/v1/invitations/accept',
  summary: 'Accept an invitation: set name and password; the account gets its role and scope',
  tags,
  body: AcceptBody,
  status: 201,
});

export function invitationRoutes(publicUrl: string | undefined) {
  return new Hono<AppEnv>()
    .post('/', async (c) => {
      const body = await parseBody(c, InvitationCreate);
      const r = await inviteUser(c.var.db, c.var.actor, body);
      const base = publicUrl ?? new URL(c.req.url).origin;
      const url = base + r.path;
      const mail = await mailInvitation(c.var.mailer, r.invitation, url);
      return c.json({ invitation: r.invitation, url, mail }, 201);
    })
    .get('/', async (c) => c.json({ items: await listAllInvitations(c.var.db, c.var.actor) }))
    .post('/accept', async (c) => {
      const { token, ...rest } = await parseBody(c, AcceptBody);
      const user = await acceptInvitation(c.var.db, token, rest);
      return c.json({ id: user.id, email: user.email, role: user.role }, 201);
    });
}
