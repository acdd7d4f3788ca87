import { inject } from 'vitest';
import type { Database } from '../../src/server/db/db.js';
import { openPglite } from '../../src/server/db/pglite.js';
import { openPostgres } from '../../src/server/db/postgres.js';
import { prepareDatabase } from '../../src/server/db/prepare.js';

let shared: Promise<Database> | null = null;

/** The worker's database, migrated and holding the reference data (codelists, gazetteer). */
export function testDb(): Promise<Database> {
  shared ??= (async () => {
    const url = inject('testDatabaseUrl');
    if (url) return openPostgres(url, 4);
    const db = await openPglite();
    await prepareDatabase(db);
    return db;
  })();
  return shared;
}
