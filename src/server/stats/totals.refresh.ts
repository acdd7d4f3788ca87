import { createHash } from 'node:crypto';
import type { Database } from '../db/db.js';
import { officeSectors } from '../codelists/codelists.vocabularies.js';
import { ratesChanged, storeRateSources } from './totals.queries.js';
import {
  activityCount,
  applyDelta,
  buildCandidates,
  clearWork,
  expandRefreshSet,
  insertFacts,
  lockRefresh,
  markAllForRefresh,
  readMeta,
  removeFacts,
  replaceOfficeSectorMap,
  takeDirty,
} from './totals.refresh.queries.js';

/**
 * Above this share of all activities (and this many), recomputing everything is cheaper than a
 * partial refresh.
 */
const FULL_REFRESH_SHARE = 0.3;
const FULL_REFRESH_MIN = 2000;

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

/**
 * Brings money_fact and money_cube up to date with every write committed so far. Cheap when
 * nothing changed (one query); otherwise recomputes the facts of the changed activities and of
 * those depending on them, in one transaction under an advisory lock, so that several app servers
 * can share the database and readers never see half a refresh.
 */
export async function refreshTotals(
  db: Database,
  options: { force?: boolean } = {},
): Promise<RefreshReport | null> {
  const office = officeSectorMap();
  if (!options.force && !(await needsRefresh(db, office.version))) return null;
  const started = performance.now();
  return db.transaction(async (tx) => {
    await lockRefresh(tx);
    if ((await readMeta(tx, 'office_sectors')) !== office.version) {
      await replaceOfficeSectorMap(tx, office.version, office.pairs);
    }
    if (await ratesChanged(tx)) await storeRateSources(tx);
    let n = await takeDirty(tx);
    if (n === 0 && !options.force) return null;
    const all = await activityCount(tx);
    const large = (k: number) => k >= FULL_REFRESH_MIN && k >= all * FULL_REFRESH_SHARE;
    if (!options.force && !large(n)) n = await expandRefreshSet(tx);
    const full = options.force === true || large(n);
    if (full) n = await markAllForRefresh(tx);
    await buildCandidates(tx, full);
    await removeFacts(tx, full);
    const facts = await insertFacts(tx);
    await applyDelta(tx, full);
    await clearWork(tx);
    return { activities: n, full, facts, ms: Math.round(performance.now() - started) };
  });
}
