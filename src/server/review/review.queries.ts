import type { Queryable } from '../db/db.js';
import type { ReviewAction } from '../auth/permissions.js';
import type { PublicationStatus } from '../shared/schemas.js';

/** Moves the status if the version still matches; null when someone saved in between. */
export async function setPublicationStatus(
  db: Queryable,
  id: string,
  version: number,
  status: PublicationStatus,
  userId: string,
): Promise<number | null> {
  const rows = await db.query<{ version: number }>(
    `update activity set publication_status = $3, version = version + 1, updated_at = now(),
            updated_by = $4
      where id = $1 and version = $2 returning version`,
    [id, version, status, userId],
  );
  return rows[0]?.version ?? null;
}

export async function insertReviewEvent(
  db: Queryable,
  e: {
    activityId: string;
    action: ReviewAction;
    from: PublicationStatus;
    to: PublicationStatus;
    reason: string | null;
    userId: string;
  },
): Promise<void> {
  await db.query(
    `insert into review_event (activity_id, action, from_status, to_status, reason, user_id)
     values ($1, $2, $3, $4, $5, $6)`,
    [e.activityId, e.action, e.from, e.to, e.reason, e.userId],
  );
}

export interface ReviewEventRow {
  [key: string]: unknown;
  id: string;
  activity_id: string;
  action: ReviewAction;
  from_status: PublicationStatus;
  to_status: PublicationStatus;
  reason: string | null;
  user_id: string | null;
  user_email: string | null;
  user_name: string | null;
  at: string;
}

export async function listReviewEvents(
  db: Queryable,
  activityId: string,
): Promise<ReviewEventRow[]> {
  return db.query<ReviewEventRow>(
    `select r.id::text as id, r.activity_id, r.action, r.from_status, r.to_status, r.reason,
            r.user_id, u.email as user_email, u.name as user_name, r.at
       from review_event r left join app_user u on u.id = r.user_id
      where r.activity_id = $1 order by r.id`,
    [activityId],
  );
}

/** The latest return of each activity, for the reason an editor sees on a returned draft. */
export async function latestReturns(
  db: Queryable,
  ids: readonly string[],
): Promise<Map<string, string | null>> {
  if (ids.length === 0) return new Map();
  const rows = await db.query<{ activity_id: string; reason: string | null }>(
    `select distinct on (activity_id) activity_id, reason from review_event
      where activity_id = any($1::uuid[]) and action = 'return'
      order by activity_id, id desc`,
    [ids],
  );
  return new Map(rows.map((r) => [r.activity_id, r.reason]));
}
