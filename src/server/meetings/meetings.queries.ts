import type { Queryable } from '../db/db.js';
import type { Cursor } from '../shared/cursor.js';
import type { Participant } from './meetings.schemas.js';
import type { MeetingKind } from './meetings.vocabulary.js';

export interface MeetingRow {
  [key: string]: unknown;
  id: string;
  kind: MeetingKind;
  starts_at: string;
  ends_at: string | null;
  all_day: boolean;
  title: Record<string, string>;
  minutes: Record<string, string>;
  public_summary: Record<string, string>;
  place_id: string | null;
  place_text: string | null;
  topics: string[];
  participants: Participant[];
  decisions: { ref: string; text: Record<string, string> }[];
  confidentiality: 'internal' | 'public';
  version: number;
  created_at: string;
  updated_at: string;
}

const COLUMNS = `m.id, m.kind, m.starts_at, m.ends_at, m.all_day, m.title, m.minutes, m.public_summary,
  m.place_id, m.place_text, m.topics, m.participants, m.decisions, m.confidentiality, m.version,
  m.created_at, m.updated_at`;

export async function findMeetingById(db: Queryable, id: string): Promise<MeetingRow | null> {
  const rows = await db.query<MeetingRow>(`select ${COLUMNS} from meeting m where m.id = $1`, [id]);
  return rows[0] ?? null;
}

export interface MeetingWrite {
  kind: MeetingKind;
  starts_at: string;
  ends_at: string | null;
  all_day: boolean;
  title: Record<string, string>;
  minutes: Record<string, string>;
  public_summary: Record<string, string>;
  place_id: string | null;
  place_text: string | null;
  topics: string[];
  participants: Participant[];
  decisions: { ref: string; text: Record<string, string> }[];
  confidentiality: 'internal' | 'public';
  search_text: string;
}

function values(w: MeetingWrite): unknown[] {
  return [
    w.kind,
    w.starts_at,
    w.ends_at,
    w.all_day,
    JSON.stringify(w.title),
    JSON.stringify(w.minutes),
    JSON.stringify(w.public_summary),
    w.place_id,
    w.place_text,
    w.topics,
    JSON.stringify(w.participants),
    JSON.stringify(w.decisions),
    w.confidentiality,
    w.search_text,
  ];
}

export async function insertMeeting(
  db: Queryable,
  w: MeetingWrite,
  userId: string | null,
): Promise<MeetingRow> {
  const rows = await db.query<MeetingRow>(
    `insert into meeting as m (kind, starts_at, ends_at, all_day, title, minutes, public_summary, place_id,
       place_text, topics, participants, decisions, confidentiality, search_text, created_by, updated_by)
     values ($1, $2, $3, $4, $5::jsonb, $6::jsonb, $7::jsonb, $8, $9, $10::text[], $11::jsonb,
       $12::jsonb, $13, $14, $15, $15)
     returning ${COLUMNS}`,
    [...values(w), userId],
  );
  const row = rows[0];
  if (!row) throw new Error('insert into meeting returned no row');
  return row;
}

export async function updateMeeting(
  db: Queryable,
  id: string,
  expectedVersion: number,
  w: MeetingWrite,
  userId: string | null,
): Promise<MeetingRow | null> {
  const rows = await db.query<MeetingRow>(
    `update meeting m set kind = $1, starts_at = $2, ends_at = $3, all_day = $4, title = $5::jsonb,
       minutes = $6::jsonb, public_summary = $7::jsonb, place_id = $8, place_text = $9,
       topics = $10::text[], participants = $11::jsonb, decisions = $12::jsonb, confidentiality = $13,
       search_text = $14, updated_by = $15, updated_at = now(), version = version + 1
     where m.id = $16 and m.version = $17
     returning ${COLUMNS}`,
    [...values(w), userId, id, expectedVersion],
  );
  return rows[0] ?? null;
}

export async function deleteMeeting(db: Queryable, id: string): Promise<void> {
  await db.query('delete from meeting where id = $1', [id]);
}

export async function replaceMeetingOrganisations(
  db: Queryable,
  meetingId: string,
  organisationIds: readonly string[],
): Promise<void> {
  await db.query('delete from meeting_organisation where meeting_id = $1', [meetingId]);
  if (organisationIds.length === 0) return;
  await db.query(
    `insert into meeting_organisation (meeting_id, organisation_id, position)
     select $1, o.id, (o.n - 1)::smallint from unnest($2::uuid[]) with ordinality as o(id, n)`,
    [meetingId, organisationIds],
  );
}

export async function replaceMeetingActivities(
  db: Queryable,
  meetingId: string,
  activityIds: readonly string[],
): Promise<void> {
  await db.query('delete from meeting_activity where meeting_id = $1', [meetingId]);
  if (activityIds.length === 0) return;
  await db.query(
    `insert into meeting_activity (meeting_id, activity_id)
     select $1, a from unnest($2::uuid[]) as a`,
    [meetingId, activityIds],
  );
}

export interface MeetingLinks {
  organisations: Map<string, { id: string; names: Record<string, string> }[]>;
  activities: Map<
    string,
    { id: string; title: Record<string, string>; publication_status: string }[]
  >;
  places: Map<string, { names: Record<string, string>; municipality_id: string | null }>;
  openActions: Map<string, number>;
}

/** Partners, activities, place names and open-action counts of several meetings in four queries. */
export async function meetingLinks(
  db: Queryable,
  meetings: readonly MeetingRow[],
): Promise<MeetingLinks> {
  const ids = meetings.map((m) => m.id);
  const placeIds = [...new Set(meetings.flatMap((m) => (m.place_id ? [m.place_id] : [])))];
  const out: MeetingLinks = {
    organisations: new Map(),
    activities: new Map(),
    places: new Map(),
    openActions: new Map(),
  };
  if (ids.length === 0) return out;
  const orgs = await db.query<{ meeting_id: string; id: string; names: Record<string, string> }>(
    `select mo.meeting_id, o.id, o.names from meeting_organisation mo
       join organisation o on o.id = mo.organisation_id
      where mo.meeting_id = any($1::uuid[]) order by mo.meeting_id, mo.position`,
    [ids],
  );
  for (const r of orgs) {
    const list = out.organisations.get(r.meeting_id) ?? [];
    list.push({ id: r.id, names: r.names });
    out.organisations.set(r.meeting_id, list);
  }
  const acts = await db.query<{
    meeting_id: string;
    id: string;
    title: Record<string, string>;
    publication_status: string;
  }>(
    `select ma.meeting_id, a.id, a.title, a.publication_status from meeting_activity ma join activity a on a.id = ma.activity_id
      where ma.meeting_id = any($1::uuid[]) order by ma.meeting_id, a.sort_key, a.id`,
    [ids],
  );
  for (const r of acts) {
    const list = out.activities.get(r.meeting_id) ?? [];
    list.push({ id: r.id, title: r.title, publication_status: r.publication_status });
    out.activities.set(r.meeting_id, list);
  }
  if (placeIds.length) {
    const places = await db.query<{
      id: string;
      names: Record<string, string>;
      municipality_id: string | null;
    }>(
      `select p.id, p.names, case when p.kind = 'municipality' then p.id
                                  when p.kind = 'settlement' then p.parent_id end as municipality_id
         from place p where p.id = any($1::uuid[])`,
      [placeIds],
    );
    for (const r of places)
      out.places.set(r.id, { names: r.names, municipality_id: r.municipality_id });
  }
  const counts = await db.query<{ meeting_id: string; n: number }>(
    `select meeting_id, count(*)::int as n from follow_up_action
      where meeting_id = any($1::uuid[]) and status in ('open', 'in_progress') group by meeting_id`,
    [ids],
  );
  for (const r of counts) out.openActions.set(r.meeting_id, r.n);
  return out;
}

/** What a reader may see of internal meetings: all, none, or those of some partners or a municipality. */
export type MeetingVisibility =
  | { kind: 'all' }
  | { kind: 'public' }
  | { kind: 'scoped'; organisationIds: string[]; municipalityId: string | null };

export interface MeetingFilter {
  visibility: MeetingVisibility;
  likeQ: string | null;
  from: string | null;
  to: string | null;
  kinds: string[] | null;
  topics: string[] | null;
  organisationIds: string[] | null;
  activityId: string | null;
  municipalityId: string | null;
  confidentiality: 'internal' | 'public' | null;
  order: 'asc' | 'desc';
  cursor: Cursor | null;
  limit: number;
}

export async function listMeetings(db: Queryable, f: MeetingFilter): Promise<MeetingRow[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  const inMunicipality = (m: string) =>
    `exists (select 1 from place pl where pl.id = m.place_id and (pl.id = ${m} or pl.parent_id = ${m}))`;
  const v = f.visibility;
  if (v.kind === 'public') where.push(`m.confidentiality = 'public'`);
  if (v.kind === 'scoped') {
    const ors = [`m.confidentiality = 'public'`];
    if (v.organisationIds.length)
      ors.push(`exists (select 1 from meeting_organisation mo where mo.meeting_id = m.id
                  and mo.organisation_id = any(${p(v.organisationIds)}::uuid[]))`);
    if (v.municipalityId) ors.push(inMunicipality(`${p(v.municipalityId)}::uuid`));
    where.push(`(${ors.join(' or ')})`);
  }
  if (f.likeQ) where.push(`m.search_text like ${p(`%${f.likeQ}%`)}`);
  if (f.from) where.push(`m.starts_at >= ${p(f.from)}::timestamptz`);
  if (f.to) where.push(`m.starts_at < ${p(f.to)}::timestamptz`);
  if (f.kinds) where.push(`m.kind = any(${p(f.kinds)}::text[])`);
  if (f.topics) where.push(`m.topics && ${p(f.topics)}::text[]`);
  if (f.organisationIds)
    where.push(`exists (select 1 from meeting_organisation mo where mo.meeting_id = m.id
                  and mo.organisation_id = any(${p(f.organisationIds)}::uuid[]))`);
  if (f.activityId)
    where.push(`exists (select 1 from meeting_activity ma where ma.meeting_id = m.id
                  and ma.activity_id = ${p(f.activityId)})`);
  if (f.municipalityId) where.push(inMunicipality(`${p(f.municipalityId)}::uuid`));
  if (f.confidentiality) where.push(`m.confidentiality = ${p(f.confidentiality)}`);
  const cmp = f.order === 'desc' ? '<' : '>';
  if (f.cursor)
    where.push(
      `(m.starts_at, m.id) ${cmp} (${p(f.cursor.k)}::timestamptz, ${p(f.cursor.id)}::uuid)`,
    );
  const dir = f.order === 'desc' ? 'desc' : 'asc';
  const sql = `select ${COLUMNS} from meeting m
    ${where.length ? 'where ' + where.join(' and ') : ''}
    order by m.starts_at ${dir}, m.id ${dir} limit ${p(f.limit + 1)}`;
  return db.query<MeetingRow>(sql, params);
}

export async function existingIds(
  db: Queryable,
  table: 'organisation' | 'activity' | 'app_user',
  ids: readonly string[],
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  // The table name is one of three constants, never input.
  const rows = await db.query<{ id: string }>(
    `select id from ${table} where id = any($1::uuid[])`,
    [ids],
  );
  return new Set(rows.map((r) => r.id));
}

// ---- calendar tokens ----

export async function saveCalendarToken(db: Queryable, userId: string, hash: string) {
  await db.query(
    `insert into calendar_token (user_id, token_hash) values ($1, $2)
     on conflict (user_id) do update set token_hash = excluded.token_hash, created_at = now()`,
    [userId, hash],
  );
}

export interface CalendarUserRow {
  [key: string]: unknown;
  id: string;
  email: string;
  role: 'admin' | 'coordinator' | 'municipality_editor' | 'partner_editor' | 'viewer';
  organisation_id: string | null;
  municipality_id: string | null;
}

export async function findCalendarTokenUser(
  db: Queryable,
  hash: string,
): Promise<CalendarUserRow | null> {
  const rows = await db.query<CalendarUserRow>(
    `select u.id, u.email, u.role, u.organisation_id, u.municipality_id
       from calendar_token t join app_user u on u.id = t.user_id
      where t.token_hash = $1 and u.active`,
    [hash],
  );
  return rows[0] ?? null;
}
