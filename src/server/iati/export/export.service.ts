import type { Writable } from 'node:stream';
import type { ActivityListQuery } from '../../activities/activities.schemas.js';
import { selectActivityIds } from '../../activities/activities.service.js';
import type { Actor } from '../../auth/actor.js';
import type { Database } from '../../db/db.js';
import type { IatiActivity } from '../iati.model.js';
import { loadIatiActivities, type Publisher } from '../store/from-registry.js';
import { writeIatiActivities } from '../write/stream.js';

export type ExportQuery = Omit<ActivityListQuery, 'limit' | 'cursor'>;

export interface Skipped {
  identifier: string;
  reasons: string[];
}

/**
 * What the 2.03 schema requires of every activity. A registry record without it cannot be
 * published as IATI; it is left out and named, never written invalid.
 */
export function missingForIati(a: IatiActivity): string[] {
  const reasons: string[] = [];
  if (Object.keys(a.title).length === 0) reasons.push('no title');
  if (a.participatingOrgs.length === 0) reasons.push('no participating organisation with an IATI role');
  if (!a.status) reasons.push('no activity status');
  if (a.dates.length === 0) reasons.push('no activity date');
  return reasons;
}

/** The activities a query selects, as IATI, a page at a time: memory stays flat for any size. */
export async function* iatiActivities(
  db: Database,
  actor: Actor | null,
  query: ExportQuery,
  publisher: Publisher,
  skipped: Skipped[],
  filter: (a: IatiActivity) => boolean = () => true,
): AsyncGenerator<IatiActivity> {
  for await (const ids of selectActivityIds(db, actor, query, 200)) {
    for (const a of await loadIatiActivities(db, ids, publisher)) {
      if (!filter(a)) continue;
      const reasons = missingForIati(a);
      if (reasons.length) skipped.push({ identifier: a.identifier, reasons });
      else yield a;
    }
  }
}

export interface ExportResult {
  activities: number;
  bytes: number;
  skipped: Skipped[];
}

export async function exportIati(
  db: Database,
  actor: Actor | null,
  query: ExportQuery,
  sink: Writable | ((chunk: string) => Promise<void> | void),
  opts: { publisher: Publisher; reportingOrgRef?: string; now?: Date },
): Promise<ExportResult> {
  const skipped: Skipped[] = [];
  const ref = opts.reportingOrgRef?.toLowerCase();
  const source = iatiActivities(db, actor, query, opts.publisher, skipped, ref ? (a) => (a.reportingOrg.ref ?? '').toLowerCase() === ref : undefined);
  const written = await writeIatiActivities(source, sink, {
    generatedAt: (opts.now ?? new Date()).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    onProblems: (problems, a) => {
      const blocking = problems.filter((p) => p.severity !== 'warning');
      if (blocking.length) skipped.push({ identifier: a.identifier, reasons: blocking.map((p) => `${p.path ?? ''}: ${p.message}`) });
    },
  });
  return { activities: written.activities, bytes: written.bytes, skipped };
}
