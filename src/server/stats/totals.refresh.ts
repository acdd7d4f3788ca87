import { createHash } from 'node:crypto';
import type { Database } from '../db/db.js';
import { officeSectors } from '../codelists/codelists.vocabularies.js';
import { ratesChanged, storeRateSources } from './totals.queries.js';
import {
  activityCount,
  allActivityIds,
  applyDelta,
  buildCandidates,
  clearWork,
  dirtyActivityCount,
  expandRefreshSet,
  insertFacts,
  lockRefresh,
  markAllForRefresh,
  readMeta,
  removeFacts,
  replaceOfficeSectorMap,
  setRefreshSet,
  takeDirty,
} from './totals.refresh.queries.js';

/**
 * Above this share of all activities (and this many), recomputing everything is cheaper than a
 * partial refresh.
 */
const FULL_REFRESH_SHARE = 0.3;
const FULL_REFRESH_MIN = 2000;
/** Memory for the sorts of a full refresh, for its transaction only. */
const FULL_REFRESH_WORK_MEM = '128MB';
/** Activities whose facts a full refresh computes in one statement. */
const FULL_REFRESH_SLICE = 5000;

export interface RefreshReport {
  activities: number;
  full: boolean;
  facts: number;
  ms: number;
}

function officeSectorMap(): { version: string; pairs: { dac: string; office: string }[] } {
  const items = officeSectors().items;
  const pairs: { dac: string; office: string }[] = [];
  // 5-digit exceptions first: a code listed twice keeps its first office sector
  for (const s of items) for (const dac of s.dac5) pairs.push({ dac, office: s.code });
  for (const s of items) for (const dac of s.dac3) pairs.push({ dac, office: s.code });
  const version = createHash('sha256').update(JSON.stringify(pairs)).digest('hex').slice(0, 16);
  return { version, pairs };
}

async function needsRefresh(db: Database, officeVersion: string): Promise<boolean> {
  const rows = await db.query<{ dirty: boolean; office: string | null }>(
    `select exists (select 1 from money_dirty) as dirty,
            (select value from money_meta where key = 'office_sectors') as office`,
  );
  const r = rows[0];
  return !r || r.dirty || r.office !== officeVersion;
}

export interface RefreshOptions {
  /** Recompute every fact, whatever changed. */
  force?: boolean;
  /** Called as a full refresh goes, with the activities done and their number. */
  onProgress?: (done: number, total: number) => void;
  /** Activities per slice of a full refresh (FULL_REFRESH_SLICE unless given). */
  slice?: number;
}

/**
 * Brings money_fact and the sums up to date with every write committed so far. Cheap when
 * nothing changed (one query); otherwise recomputes the facts of the changed activities and of
 * those depending on them, in one transaction under an advisory lock, so that several app servers
 * can share the database and readers never see half a refresh. A full refresh goes through the
 * activities a slice at a time, so that its sorts stay in memory and its time grows with the
 * number of records, not faster.
 */
export async function refreshTotals(
  db: Database,
  options: RefreshOptions = {},
): Promise<RefreshReport | null> {
  const office = officeSectorMap();
  if (!options.force && !(await needsRefresh(db, office.version))) return null;
  const started = performance.now();
  const report = await db.transaction(async (tx) => {
    await lockRefresh(tx);
    if ((await readMeta(tx, 'office_sectors')) !== office.version) {
      await replaceOfficeSectorMap(tx, office.version, office.pairs);
    }
    if (await ratesChanged(tx)) await storeRateSources(tx);
    const all = await activityCount(tx);
    const large = (k: number) => k >= FULL_REFRESH_MIN && k >= all * FULL_REFRESH_SHARE;
    let full = options.force === true || large(await dirtyActivityCount(tx));
    let n = 0;
    if (!full) {
      // a few changed activities: find those whose facts depend on them
      n = await takeDirty(tx);
      if (n === 0) return null;
      if (!large(n)) n = await expandRefreshSet(tx);
      full = large(n);
    }
    let facts = 0;
    if (full) {
      await tx.query(`set local work_mem = '${FULL_REFRESH_WORK_MEM}'`);
      n = await markAllForRefresh(tx);
      await buildCandidates(tx, true);
      await removeFacts(tx, true);
      const ids = await allActivityIds(tx);
      options.onProgress?.(0, ids.length);
      const size = Math.max(1, options.slice ?? FULL_REFRESH_SLICE);
      for (let i = 0; i < ids.length; i += size) {
        const slice = ids.slice(i, i + size);
        await setRefreshSet(tx, slice);
        facts += await insertFacts(tx);
        options.onProgress?.(i + slice.length, ids.length);
      }
    } else {
      await buildCandidates(tx, false);
      await removeFacts(tx, false);
      facts = await insertFacts(tx);
    }
    await applyDelta(tx, full);
    await clearWork(tx);
    return { activities: n, full, facts, ms: Math.round(performance.now() - started) };
  });
  // Every read first asks whether money_dirty holds anything: after many marks were taken (a bulk
  // load), its dead rows would be scanned on each read until the next autovacuum.
  if (report && (report.full || report.activities >= FULL_REFRESH_MIN)) {
    await db.exec('vacuum money_dirty');
  }
  return report;
}
