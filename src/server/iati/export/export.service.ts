import type { Writable } from 'node:stream';
import type { ActivityListQuery } from '../../activities/activities.schemas.js';
import { selectActivityIds } from '../../activities/activities.service.js';
import type { Actor } from '../../auth/actor.js';
import type { Database } from '../../db/db.js';
import type { IatiActivity } from '../iati.model.js';
import { loadIatiActivities, type Publisher } from '../store/from-registry.js';
import type { IatiOrganisation } from '../write/organisation.js';
import { writeIatiActivities, writeIatiOrganisations } from '../write/stream.js';
import { loadPublishers } from '../store/load.queries.js';

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
  if (a.descriptions.length === 0) reasons.push('no description');
  if (a.participatingOrgs.length === 0)
    reasons.push('no participating organisation with an IATI role');
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
  // The next page is read while this one is written: on PostgreSQL the server (and the
  // connection) work while Node renders XML. At most two pages are held.
  const pages = selectActivityIds(db, actor, query, 200);
  const load = async (): Promise<IatiActivity[] | null> => {
    const next = await pages.next();
    return next.done ? null : loadIatiActivities(db, next.value, publisher);
  };
  let ahead = load();
  ahead.catch(() => undefined); // awaited below; not an unhandled rejection meanwhile
  try {
    for (;;) {
      const page = await ahead;
      if (page === null) return;
      ahead = load();
      ahead.catch(() => undefined);
      for (const a of page) {
        if (!filter(a)) continue;
        const reasons = missingForIati(a);
        if (reasons.length) skipped.push({ identifier: a.identifier, reasons });
        else yield a;
      }
    }
  } finally {
    // Never leave a read running behind a stopped or failed export.
    await ahead.catch(() => undefined);
    await pages.return(undefined);
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
  opts: { publisher: Publisher; reportingOrgRef?: string; now?: Date; onActivity?: () => void },
): Promise<ExportResult> {
  const skipped: Skipped[] = [];
  const ref = opts.reportingOrgRef?.toLowerCase();
  const source = counted(
    iatiActivities(
      db,
      actor,
      query,
      opts.publisher,
      skipped,
      ref ? (a) => (a.reportingOrg.ref ?? '').toLowerCase() === ref : undefined,
    ),
    opts.onActivity,
  );
  const written = await writeIatiActivities(source, sink, {
    generatedAt: (opts.now ?? new Date()).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    onProblems: (problems, a) => {
      const blocking = problems.filter((p) => p.severity !== 'warning');
      if (blocking.length)
        skipped.push({
          identifier: a.identifier,
          reasons: blocking.map((p) => `${p.path ?? ''}: ${p.message}`),
        });
    },
  });
  return { activities: written.activities, bytes: written.bytes, skipped };
}

/** One IATI organisation record per publisher of the registry's activities, the office first. */
export async function exportOrganisations(
  db: Database,
  sink: Writable | ((chunk: string) => Promise<void> | void),
  opts: { publisher: Publisher; now?: Date },
): Promise<{ organisations: number; bytes: number }> {
  const rows = await loadPublishers(db);
  const seen = new Set<string>();
  const orgs: IatiOrganisation[] = [];
  for (const r of rows) {
    const ref = r.ref ?? opts.publisher.ref;
    if (seen.has(ref.toLowerCase())) continue;
    seen.add(ref.toLowerCase());
    const name = r.ref ? (r.names ?? { en: ref }) : opts.publisher.name;
    const type = r.ref ? (r.iati_type ?? '90') : opts.publisher.type;
    orgs.push({
      identifier: ref,
      name,
      reportingOrg: { ref, type, name },
      lastUpdated: r.updated_at,
      defaultLang: null,
      defaultCurrency: null,
    });
  }
  const written = await writeIatiOrganisations(orgs, sink, {
    generatedAt: (opts.now ?? new Date()).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    onProblems: () => undefined,
  });
  return { organisations: written.organisations, bytes: written.bytes };
}

/** The distinct publisher identifiers, for one activity file per reporting organisation. */
export async function publisherRefs(db: Database, publisher: Publisher): Promise<string[]> {
  const refs = (await loadPublishers(db)).map((r) => r.ref ?? publisher.ref);
  return [...new Set(refs)];
}

async function* counted<T>(source: AsyncIterable<T>, tick?: () => void): AsyncGenerator<T> {
  for await (const item of source) {
    tick?.();
    yield item;
  }
}
