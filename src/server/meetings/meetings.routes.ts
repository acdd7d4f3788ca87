import { Hono } from 'hono';
import { z } from 'zod';
import { historyOf } from '../audit/audit.service.js';
import type { AppEnv } from '../http/context.js';
import { describe } from '../http/openapi.js';
import { parseBody, parseQuery, parseWith } from '../http/validate.js';
import { pageSchema, Uuid, Version } from '../shared/schemas.js';
import { calendarFeed, createCalendarToken } from './meetings.calendar.js';
import {
  ActionCreate,
  ActionListQuery,
  ActionOut,
  ActionSummaryOut,
  ActionUpdate,
  CalendarQuery,
  MeetingCreate,
  MeetingListQuery,
  MeetingOut,
  MeetingUpdate,
} from './meetings.schemas.js';
import {
  createMeeting,
  getMeeting,
  patchMeeting,
  removeMeeting,
  searchMeetings,
} from './meetings.service.js';
import {
  createAction,
  getAction,
  patchAction,
  removeAction,
  searchActions,
  summariseActions,
} from './actions.service.js';
import { meetingVocabulary } from './meetings.vocabulary.js';

const IdParam = z.object({ id: Uuid });
const DeleteQuery = z.object({ version: z.coerce.number().pipe(Version).optional() });
const tags = ['Meetings'];
const actionTags = ['Follow-up actions'];

describe({
  method: 'get',
  path: '/api/v1/meetings',
  summary: 'List meetings and other contacts with partners (newest first by default)',
  tags,
  query: MeetingListQuery,
  response: pageSchema(MeetingOut),
});
describe({
  method: 'get',
  path: '/api/v1/meetings/vocabulary',
  summary: 'Kinds of contact, topics and action statuses, labelled in sq, sr-Latn, sr-Cyrl and en',
  tags,
});
describe({
  method: 'post',
  path: '/api/v1/meetings',
  summary: 'Record a meeting (times in Europe/Belgrade unless an offset is given)',
  tags,
  auth: 'required',
  body: MeetingCreate,
  response: MeetingOut,
});
describe({
  method: 'get',
  path: '/api/v1/meetings/:id',
  summary: 'Read a meeting (participants for staff only; minutes for signed-in readers)',
  tags,
  params: IdParam,
  response: MeetingOut,
});
describe({
  method: 'patch',
  path: '/api/v1/meetings/:id',
  summary: 'Update a meeting (send the version you read)',
  tags,
  auth: 'required',
  params: IdParam,
  body: MeetingUpdate,
  response: MeetingOut,
});
describe({
  method: 'delete',
  path: '/api/v1/meetings/:id',
  summary: 'Delete a meeting (its actions stay, without the meeting)',
  tags,
  auth: 'required',
  params: IdParam,
  query: DeleteQuery,
});
describe({
  method: 'get',
  path: '/api/v1/meetings/:id/history',
  summary: 'Every change of the meeting',
  tags,
  auth: 'required',
  params: IdParam,
});
describe({
  method: 'post',
  path: '/api/v1/meetings/calendar-token',
  summary: 'A new private calendar URL for the signed-in user (replaces the previous one)',
  tags,
  auth: 'required',
  response: z.object({ token: z.string(), path: z.string(), url: z.string() }),
});
describe({
  method: 'get',
  path: '/api/v1/meetings.ics',
  summary:
    'Recent and upcoming meetings as iCalendar (RFC 5545); public meetings, plus internal ones with a private token',
  tags,
  query: CalendarQuery,
  responseType: 'text/calendar',
});

describe({
  method: 'get',
  path: '/api/v1/actions',
  summary: 'Follow-up actions: all, open, or overdue (due before today in Europe/Belgrade)',
  tags: actionTags,
  auth: 'required',
  query: ActionListQuery,
  response: pageSchema(ActionOut).extend({ today: z.string() }),
});
describe({
  method: 'get',
  path: '/api/v1/actions/summary',
  summary: 'Open and overdue actions counted per owning organisation and per owning user',
  tags: actionTags,
  auth: 'required',
  response: ActionSummaryOut,
});
describe({
  method: 'post',
  path: '/api/v1/actions',
  summary: 'Assign a follow-up action',
  tags: actionTags,
  auth: 'required',
  body: ActionCreate,
  response: ActionOut,
});
describe({
  method: 'get',
  path: '/api/v1/actions/:id',
  summary: 'Read a follow-up action',
  tags: actionTags,
  auth: 'required',
  params: IdParam,
  response: ActionOut,
});
describe({
  method: 'patch',
  path: '/api/v1/actions/:id',
  summary: 'Update an action (owners who are not staff may change its status only)',
  tags: actionTags,
  auth: 'required',
  params: IdParam,
  body: ActionUpdate,
  response: ActionOut,
});
describe({
  method: 'delete',
  path: '/api/v1/actions/:id',
  summary: 'Delete a follow-up action',
  tags: actionTags,
  auth: 'required',
  params: IdParam,
  query: DeleteQuery,
});
describe({
  method: 'get',
  path: '/api/v1/actions/:id/history',
  summary: 'Every change of the action',
  tags: actionTags,
  auth: 'required',
  params: IdParam,
});

export const meetingRoutes = new Hono<AppEnv>()
  .get('/', async (c) =>
    c.json(await searchMeetings(c.var.db, c.var.actor, parseQuery(c, MeetingListQuery))),
  )
  .get('/vocabulary', (c) => c.json(meetingVocabulary()))
  .post('/calendar-token', async (c) =>
    c.json(await createCalendarToken(c.var.db, c.var.actor, new URL(c.req.url).origin), 201),
  )
  .post('/', async (c) => {
    const body = await parseBody(c, MeetingCreate);
    return c.json(await createMeeting(c.var.db, c.var.actor, body), 201);
  })
  .get('/:id', async (c) => {
    const { id } = parseWith(IdParam, c.req.param());
    return c.json(await getMeeting(c.var.db, c.var.actor, id));
  })
  .patch('/:id', async (c) => {
    const { id } = parseWith(IdParam, c.req.param());
    const body = await parseBody(c, MeetingUpdate);
    return c.json(await patchMeeting(c.var.db, c.var.actor, id, body));
  })
  .delete('/:id', async (c) => {
    const { id } = parseWith(IdParam, c.req.param());
    const { version } = parseQuery(c, DeleteQuery);
    await removeMeeting(c.var.db, c.var.actor, id, version ?? null);
    return c.body(null, 204);
  })
  .get('/:id/history', async (c) => {
    const { id } = parseWith(IdParam, c.req.param());
    return c.json({ items: await historyOf(c.var.db, c.var.actor, 'meeting', id) });
  });

/** The feed sits beside the collection (/meetings.ics), where calendar apps expect a file. */
export const calendarRoutes = new Hono<AppEnv>().get('/meetings.ics', async (c) => {
  const q = parseQuery(c, CalendarQuery);
  const body = await calendarFeed(c.var.db, q);
  return c.body(body, 200, {
    'content-type': 'text/calendar; charset=utf-8',
    'cache-control': q.token ? 'private, max-age=300' : 'public, max-age=300',
  });
});

export const actionRoutes = new Hono<AppEnv>()
  .get('/', async (c) =>
    c.json(await searchActions(c.var.db, c.var.actor, parseQuery(c, ActionListQuery))),
  )
  .get('/summary', async (c) => c.json(await summariseActions(c.var.db, c.var.actor)))
  .post('/', async (c) => {
    const body = await parseBody(c, ActionCreate);
    return c.json(await createAction(c.var.db, c.var.actor, body), 201);
  })
  .get('/:id', async (c) => {
    const { id } = parseWith(IdParam, c.req.param());
    return c.json(await getAction(c.var.db, c.var.actor, id));
  })
  .patch('/:id', async (c) => {
    const { id } = parseWith(IdParam, c.req.param());
    const body = await parseBody(c, ActionUpdate);
    return c.json(await patchAction(c.var.db, c.var.actor, id, body));
  })
  .delete('/:id', async (c) => {
    const { id } = parseWith(IdParam, c.req.param());
    const { version } = parseQuery(c, DeleteQuery);
    await removeAction(c.var.db, c.var.actor, id, version ?? null);
    return c.body(null, 204);
  })
  .get('/:id/history', async (c) => {
    const { id } = parseWith(IdParam, c.req.param());
    return c.json({ items: await historyOf(c.var.db, c.var.actor, 'follow_up_action', id) });
  });
