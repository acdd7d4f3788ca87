import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../http/context.js';
import { describe } from '../http/openapi.js';
import { parseBody } from '../http/validate.js';
import { changePassword, setUserLocale, UI_LOCALES } from './sessions.service.js';

const tags = ['Users'];
const PasswordBody = z.object({ current: z.string(), next: z.string(), repeat: z.string() });
const LocaleBody = z.object({ locale: z.enum(UI_LOCALES) });

describe({
  method: 'post',
  path: '/api/v1/me/password',
  summary: "Change the caller's password (ends their browser sessions)",
  tags,
  auth: 'required',
  body: PasswordBody,
  status: 204,
});
describe({
  method: 'put',
  path: '/api/v1/me/locale',
  summary: "Set the caller's interface language",
  tags,
  auth: 'required',
  body: LocaleBody,
  status: 204,
});

export const accountRoutes = new Hono<AppEnv>()
  .post('/password', async (c) => {
    await changePassword(c.var.db, c.var.actor, await parseBody(c, PasswordBody), null);
    return c.body(null, 204);
  })
  .put('/locale', async (c) => {
    await setUserLocale(c.var.db, c.var.actor, (await parseBody(c, LocaleBody)).locale);
    return c.body(null, 204);
  });
