import type { Database, Queryable } from '../db/db.js';
import { forgetCodelists } from './codelists.check.js';
import { readCodelistSources, type CodelistSource } from './codelists.files.js';
import {
  deleteCodelistItems,
  insertCodelistItems,
  lockCodelistLoad,
  selectCodelistStates,
  upsertCodelists,
  type CodelistState,
} from './codelists.queries.js';

export interface CodelistLoadResult {
  /** Names of the lists written by this call. */
  loaded: string[];
  /** How many lists were already current and left alone. */
  unchanged: number;
}

function isCurrent(stored: CodelistState | undefined, list: CodelistSource): boolean {
  return (
    stored !== undefined &&
    stored.version === list.version &&
    stored.item_count === list.items.length
  );
}

async function staleLists(
  db: Queryable,
  lists: readonly CodelistSource[],
): Promise<CodelistSource[]> {
  const stored = new Map((await selectCodelistStates(db)).map((s) => [s.name, s]));
  return lists.filter((l) => !isCurrent(stored.get(l.name), l));
}

/**
 * Loads the IATI codelists and the office's sector list (data/) into `codelist` and
 * `codelist_item`. Idempotent and cheap when nothing changed: a list whose stored version and item
 * count match is skipped, which costs one query. Changed lists are replaced in one transaction,
 * so readers never see a list half loaded. Lists in the database but not in `lists` are kept:
 * stored activities may still use their codes.
 */
export async function loadCodelists(
  db: Database,
  lists: readonly CodelistSource[] = readCodelistSources(),
): Promise<CodelistLoadResult> {
  const candidates = await staleLists(db, lists);
  const loaded = candidates.length === 0 ? [] : await replaceLists(db, candidates);
  // Also when nothing was written here: another process may have loaded what this one had cached.
  forgetCodelists(db);
  return { loaded, unchanged: lists.length - loaded.length };
}

async function replaceLists(
  db: Database,
  candidates: readonly CodelistSource[],
): Promise<string[]> {
  return db.transaction(async (tx) => {
    await lockCodelistLoad(tx);
    // Another process may have loaded them while this one waited for the lock.
    const todo = await staleLists(tx, candidates);
    const names = todo.map((l) => l.name);
    await upsertCodelists(
      tx,
      todo.map(({ name, version, embedded, complete, source }) => ({
        name,
        version,
        embedded,
        complete,
        source,
      })),
    );
    await deleteCodelistItems(tx, names);
    await insertCodelistItems(
      tx,
      todo.flatMap((l) => l.items.map((i) => ({ codelist: l.name, ...i }))),
    );
    return names;
  });
}
