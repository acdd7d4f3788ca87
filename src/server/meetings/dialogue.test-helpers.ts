import type { Database } from '../db/db.js';
import { ActivityCreate, type ActivityCreateInput } from '../activities/activities.schemas.js';
import { createActivity } from '../activities/activities.service.js';
import { SYSTEM, uniq } from '../../../tests/support/factories.js';

/** A project through the activities service, published unless told otherwise. */
export async function makeActivity(db: Database, overrides: Partial<ActivityCreateInput> = {}) {
  return createActivity(
    db,
    SYSTEM,
    ActivityCreate.parse({
      title: { en: `Test project ${uniq()}` },
      publication_status: 'published',
      ...overrides,
    }),
  );
}

export function jsonHeaders(h: Record<string, string>): Record<string, string> {
  return { ...h, 'content-type': 'application/json' };
}
