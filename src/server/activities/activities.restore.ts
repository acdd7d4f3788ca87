import { z } from 'zod';
import type { Actor } from '../auth/actor.js';
import { requireSignedIn } from '../auth/permissions.js';
import { findAuditEvent } from '../audit/audit.queries.js';
import type { Database } from '../db/db.js';
import { NotFoundError } from '../errors.js';
import { Version } from '../shared/schemas.js';
import type { ActivityOut, ActivityUpdate } from './activities.schemas.js';
import { draftOf, patchActivity } from './activities.service.js';

export const RestoreBody = z
  .object({ version: Version.describe('The current version read; a stale one gets 409') })
  .strict();

/**
 * Writes the activity as it stood after an earlier change, as a new version through the same
 * update (permissions, validation, audit). The publication status is not part of a restore: it
 * moves only through review.
 */
export async function restoreActivityVersion(
  db: Database,
  actor: Actor | null,
  id: string,
  eventId: string,
  version: number,
): Promise<ActivityOut> {
  requireSignedIn(actor);
  const event = await findAuditEvent(db, 'activity', id, eventId);
  if (!event?.after) throw new NotFoundError('Recorded version', `${eventId} of activity ${id}`);
  const { publication_status: _kept, ...fields } = draftOf(event.after as ActivityOut);
  const patch: ActivityUpdate = { ...fields, version } as ActivityUpdate;
  return patchActivity(db, actor, id, patch);
}
