import type { Database } from './db.js';
import { migrate } from './migrate.js';
import { loadReferenceData } from '../reference/reference.load.js';

export interface PrepareResult {
  migrations: string[];
  reference: Awaited<ReturnType<typeof loadReferenceData>>;
}

/** Brings a database up to date: schema migrations, then the reference data shipped with the project. */
export async function prepareDatabase(db: Database): Promise<PrepareResult> {
  const migrations = await migrate(db);
  const reference = await loadReferenceData(db);
  return { migrations, reference };
}
