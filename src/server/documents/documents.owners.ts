import type { Actor } from '../auth/actor.js';
import { isStaff } from '../auth/actor.js';
import type { Database } from '../db/db.js';
import { BadRequestError, NotFoundError } from '../errors.js';
import { findActivityById } from '../activities/activities.queries.js';
import { requireActivityEditor } from '../activities/activities.service.js';
import { findOrganisationById } from '../organisations/organisations.queries.js';
import { requireOrganisationEditor } from '../organisations/organisations.service.js';
import { findResultActivityId } from '../results/results.queries.js';

export const OWNER_TYPES = ['organisation', 'activity', 'result', 'meeting'] as const;
export type OwnerType = (typeof OWNER_TYPES)[number];

/**
 * How documents find out about what they are attached to. Each owner type registers one; a
 * domain that comes later (meetings) calls `registerDocumentOwner('meeting', …)` at start-up.
 */
export interface OwnerResolver {
  /** Whether the owner exists and is public; null when it does not exist. */
  visibility(db: Database, id: string): Promise<{ published: boolean } | null>;
  /** Throws 401/403/404 unless the actor may edit the owner (and so its documents). */
  requireEditor(db: Database, actor: Actor | null, id: string): Promise<Actor>;
}

const resolvers = new Map<OwnerType, OwnerResolver>();

export function registerDocumentOwner(type: OwnerType, resolver: OwnerResolver): void {
  resolvers.set(type, resolver);
}

export function ownerResolver(type: OwnerType): OwnerResolver {
  const r = resolvers.get(type);
  if (!r) throw new BadRequestError(`Documents cannot be attached to a ${type} yet.`);
  return r;
}

/** Reading a document's metadata: as reading its owner (drafts for signed-in users only). */
export async function canReadOwner(
  db: Database,
  actor: Actor | null,
  type: OwnerType,
  id: string,
): Promise<boolean> {
  const v = await ownerResolver(type).visibility(db, id);
  return v !== null && (v.published || actor !== null);
}

/**
 * Downloading a file: anyone when the owner is published; otherwise the office's staff and
 * those who may edit the owner.
 */
export async function canDownload(
  db: Database,
  actor: Actor | null,
  type: OwnerType,
  id: string,
): Promise<boolean> {
  const r = ownerResolver(type);
  const v = await r.visibility(db, id);
  if (!v) return false;
  if (v.published || isStaff(actor)) return true;
  if (!actor) return false;
  try {
    await r.requireEditor(db, actor, id);
    return true;
  } catch {
    return false;
  }
}

const activityOwner: OwnerResolver = {
  async visibility(db, id) {
    const a = await findActivityById(db, id);
    return a ? { published: a.publication_status === 'published' } : null;
  },
  async requireEditor(db, actor, id) {
    return (await requireActivityEditor(db, actor, id)).actor;
  },
};

registerDocumentOwner('organisation', {
  async visibility(db, id) {
    const o = await findOrganisationById(db, id);
    return o ? { published: o.publication_status === 'published' } : null;
  },
  async requireEditor(db, actor, id) {
    return (await requireOrganisationEditor(db, actor, id)).actor;
  },
});
registerDocumentOwner('activity', activityOwner);
registerDocumentOwner('result', {
  async visibility(db, id) {
    const activityId = await findResultActivityId(db, id);
    return activityId ? activityOwner.visibility(db, activityId) : null;
  },
  async requireEditor(db, actor, id) {
    const activityId = await findResultActivityId(db, id);
    if (!activityId) {
      throw new NotFoundError('Result', id);
    }
    return activityOwner.requireEditor(db, actor, activityId);
  },
});
