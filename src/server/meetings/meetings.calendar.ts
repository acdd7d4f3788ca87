import { createHash, randomBytes } from 'node:crypto';
import type { Actor } from '../auth/actor.js';
import { requireSignedIn } from '../auth/permissions.js';
import type { Database } from '../db/db.js';
import { UnauthenticatedError } from '../errors.js';
import { pickNarrative } from '../text/index.js';
import { addDays, belgradeDate, belgradeLocal, belgradeToInstant } from './belgrade-time.js';
import { meetingVisibility } from './meetings.access.js';
import { calendar, type CalendarEvent } from './meetings.ical.js';
import {
  findCalendarTokenUser,
  listMeetings,
  meetingLinks,
  saveCalendarToken,
  type MeetingLinks,
  type MeetingRow,
} from './meetings.queries.js';

const PREFIX = 'kc_';
const FEED_PATH = '/api/v1/meetings.ics';
const MAX_EVENTS = 5000;

function hash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * A new private calendar URL for the signed-in user; the previous one stops working. The token
 * only reads the feed (it is not an API token), and only its SHA-256 is stored.
 */
export async function createCalendarToken(db: Database, actor: Actor | null, publicUrl?: string) {
  const a = requireSignedIn(actor);
  const token = PREFIX + randomBytes(32).toString('base64url');
  await saveCalendarToken(db, a.userId, hash(token));
  const path = `${FEED_PATH}?token=${token}`;
  return { token, path, url: publicUrl ? new URL(path, publicUrl).toString() : path };
}

async function feedActor(db: Database, token: string | undefined): Promise<Actor | null> {
  if (token === undefined || token === '') return null;
  const user = /^kc_[A-Za-z0-9_-]{43}$/.test(token)
    ? await findCalendarTokenUser(db, hash(token))
    : null;
  if (!user)
    throw new UnauthenticatedError(
      'This calendar link is unknown or was replaced by a newer one; create a new one.',
    );
  return {
    userId: user.id,
    email: user.email,
    role: user.role,
    organisationId: user.organisation_id,
    municipalityId: user.municipality_id,
  };
}

const FALLBACK = ['sr-Latn', 'en', 'sq'];

function toEvent(row: MeetingRow, links: MeetingLinks, lang: string): CalendarEvent {
  const prefs = [lang, ...FALLBACK];
  const place = row.place_id ? links.places.get(row.place_id) : undefined;
  const placeName = place ? pickNarrative(place.names, prefs)?.text : undefined;
  const location = [placeName, row.place_text].filter((s): s is string => !!s).join(', ');
  const partners = (links.organisations.get(row.id) ?? [])
    .map((o) => pickNarrative(o.names, prefs)?.text)
    .filter((s): s is string => !!s);
  const summaryText = pickNarrative(row.public_summary, prefs)?.text;
  const description = [summaryText, partners.length ? partners.join(', ') : undefined]
    .filter((s): s is string => !!s)
    .join('\n\n');
  const startDate = belgradeDate(new Date(row.starts_at));
  return {
    uid: `${row.id}@koordinata`,
    stamp: row.updated_at,
    sequence: row.version - 1,
    allDay: row.all_day,
    start: row.all_day ? startDate : belgradeLocal(new Date(row.starts_at)),
    end: row.all_day
      ? addDays(row.ends_at ? belgradeDate(new Date(row.ends_at)) : startDate, 1)
      : row.ends_at
        ? belgradeLocal(new Date(row.ends_at))
        : null,
    summary: pickNarrative(row.title, prefs)?.text ?? '',
    description: description || null,
    location: location || null,
    categories: row.topics,
    confidential: row.confidentiality !== 'public',
  };
}

export interface FeedOptions {
  token?: string;
  lang: string;
  past_days: number;
  future_days: number;
  now?: Date;
}

/** Recent and upcoming meetings as iCalendar: public ones, plus what a private token's user may read. */
export async function calendarFeed(db: Database, o: FeedOptions): Promise<string> {
  const actor = await feedActor(db, o.token);
  const today = belgradeDate(o.now ?? new Date());
  const rows = await listMeetings(db, {
    visibility: await meetingVisibility(db, actor),
    likeQ: null,
    from: belgradeToInstant(addDays(today, -o.past_days)).toISOString(),
    to: belgradeToInstant(addDays(today, o.future_days + 1)).toISOString(),
    kinds: null,
    topics: null,
    organisationIds: null,
    activityId: null,
    municipalityId: null,
    confidentiality: null,
    order: 'asc',
    cursor: null,
    limit: MAX_EVENTS,
  });
  const page = rows.slice(0, MAX_EVENTS);
  const links = await meetingLinks(db, page);
  const name = actor ? `Koordinata — ${actor.email}` : 'Koordinata';
  return calendar(
    name,
    page.map((r) => toEvent(r, links, o.lang)),
  );
}
