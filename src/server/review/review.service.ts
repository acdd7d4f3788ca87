import { z } from 'zod';
import type { Actor } from '../auth/actor.js';
import {
  REVIEW_TRANSITIONS,
  requireReviewAction,
  requireSignedIn,
  type ReviewAction,
} from '../auth/permissions.js';
import { recordAudit } from '../audit/audit.queries.js';
import type { Database } from '../db/db.js';
import { ConflictError, NotFoundError, ValidationError } from '../errors.js';
import { staleVersion } from '../organisations/organisations.service.js';
import { readActivity, requireActivityInScope } from '../activities/activities.service.js';
import type { ActivityOut } from '../activities/activities.schemas.js';
import { Version } from '../shared/schemas.js';
import {
  insertReviewEvent,
  listReviewEvents,
  setPublicationStatus,
  type ReviewEventRow,
} from './review.queries.js';

export const ReviewBody = z
  .object({
    version: Version.optional().describe('The version read; a stale one gets 409'),
    reason: z
      .string()
      .trim()
      .max(4000)
      .optional()
      .describe('Why: required when returning a record to draft'),
  })
  .strict();
export type ReviewBody = z.infer<typeof ReviewBody>;

/**
 * Moves an activity one step along draft → submitted → approved → published, or back to draft
 * with a reason. Records the step in the review trail and the change in the audit trail.
 */
export async function reviewActivity(
  db: Database,
  actor: Actor | null,
  id: string,
  action: ReviewAction,
  body: ReviewBody = {},
): Promise<ActivityOut> {
  const a = requireSignedIn(actor);
  const current = await readActivity(db, id);
  if (!current) throw new NotFoundError('Activity', id);
  await requireActivityInScope(db, a, current, `${action} this activity`);
  const from = current.publication_status;
  requireReviewAction(a, action, from);
  const step = REVIEW_TRANSITIONS[action];
  if (!step.from.includes(from)) {
    throw new ConflictError(
      `The activity is ${from}; "${action}" applies to a record that is ${step.from.join(' or ')}.`,
      { publication_status: from },
    );
  }
  const reason = body.reason?.trim() ? body.reason.trim() : null;
  if (action === 'return' && !reason) {
    throw new ValidationError([
      { path: 'reason', message: 'say why the record goes back to draft' },
    ]);
  }
  const version = body.version ?? current.version;
  if (version !== current.version) throw staleVersion('Activity', id, version, current.version);
  return db.transaction(async (tx) => {
    const next = await setPublicationStatus(tx, id, version, step.to, a.userId);
    if (next === null) {
      const now = await readActivity(tx, id);
      throw staleVersion('Activity', id, version, now?.version ?? null);
    }
    await insertReviewEvent(tx, {
      activityId: id,
      action,
      from,
      to: step.to,
      reason,
      userId: a.userId,
    });
    const out = await readActivity(tx, id);
    if (!out) throw new Error(`activity ${id} vanished inside its own transaction`);
    await recordAudit(tx, {
      userId: a.userId,
      entity: 'activity',
      entityId: id,
      action: 'update',
      version: out.version,
      before: current,
      after: out,
    });
    return out;
  });
}

export const ReviewEventOut = z.object({
  id: z.string(),
  action: z.enum(['submit', 'approve', 'publish', 'return']),
  from_status: z.string(),
  to_status: z.string(),
  reason: z.string().nullable(),
  user_email: z.string().nullable(),
  user_name: z.string().nullable(),
  at: z.string(),
});

/** The review trail of an activity, oldest first. Signed-in users only. */
export async function reviewTrail(
  db: Database,
  actor: Actor | null,
  id: string,
): Promise<ReviewEventRow[]> {
  requireSignedIn(actor);
  return listReviewEvents(db, id);
}
