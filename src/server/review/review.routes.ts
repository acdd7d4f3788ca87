import { Hono } from 'hono';
import { z } from 'zod';
import { REVIEW_ACTIONS } from '../auth/permissions.js';
import type { AppEnv } from '../http/context.js';
import { describe } from '../http/openapi.js';
import { parseWith } from '../http/validate.js';
import { ActivityOut } from '../activities/activities.schemas.js';
import { Uuid } from '../shared/schemas.js';
import { restoreActivityVersion, RestoreBody } from '../activities/activities.restore.js';
import { ReviewBody, ReviewEventOut, reviewActivity, reviewTrail } from './review.service.js';
import { BadRequestError } from '../errors.js';

const IdParam = z.object({ id: Uuid });
const EventParam = z.object({ id: Uuid, event: z.string().regex(/^\d+$/, 'must be an event id') });
const tags = ['Review'];

const SUMMARIES = {
  submit: 'Submit a draft for review (editors in scope, coordinators)',
  approve: 'Approve a submitted activity (coordinators)',
  publish: 'Publish an approved activity: it reaches the portal and the public API (coordinators)',
  return:
    'Return an activity to draft with a reason (coordinators; editors for what they submitted)',
} as const;

for (const action of REVIEW_ACTIONS) {
  describe({
    method: 'post',
    path: `/api/v1/activities/:id/${action}`,
    summary: SUMMARIES[action],
    tags,
    auth: 'required',
    params: IdParam,
    body: ReviewBody,
    response: ActivityOut,
    status: 200,
  });
}
describe({
  method: 'get',
  path: '/api/v1/activities/:id/review',
  summary: 'The review trail: each status change with who, when and why',
  tags,
  auth: 'required',
  params: IdParam,
  response: z.object({ items: z.array(ReviewEventOut) }),
});
describe({
  method: 'post',
  path: '/api/v1/activities/:id/history/:event/restore',
  summary:
    'Restore the activity as it was after a recorded change (a new version; the publication status stays)',
  tags: ['Activities'],
  auth: 'required',
  params: EventParam,
  body: RestoreBody,
  response: ActivityOut,
  status: 200,
});

async function jsonBody(c: {
  req: { header(n: string): string | undefined; text(): Promise<string> };
}) {
  const text = await c.req.text();
  if (text.trim() === '') return {};
  if (!(c.req.header('content-type') ?? '').includes('application/json')) {
    throw new BadRequestError('Send the body as JSON with Content-Type: application/json.');
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new BadRequestError('The request body is not valid JSON.');
  }
}

export const reviewRoutes = new Hono<AppEnv>()
  .post('/:id/:action{submit|approve|publish|return}', async (c) => {
    const { id } = parseWith(IdParam, { id: c.req.param('id') });
    const action = c.req.param('action') as (typeof REVIEW_ACTIONS)[number];
    const body = parseWith(ReviewBody, await jsonBody(c));
    return c.json(await reviewActivity(c.var.db, c.var.actor, id, action, body));
  })
  .get('/:id/review', async (c) => {
    const { id } = parseWith(IdParam, c.req.param());
    const rows = await reviewTrail(c.var.db, c.var.actor, id);
    return c.json({ items: rows.map((r) => ReviewEventOut.parse(r)) });
  })
  .post('/:id/history/:event/restore', async (c) => {
    const { id, event } = parseWith(EventParam, c.req.param());
    const body = parseWith(RestoreBody, await jsonBody(c));
    return c.json(await restoreActivityVersion(c.var.db, c.var.actor, id, event, body.version));
  });
