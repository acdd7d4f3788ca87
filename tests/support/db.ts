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

/**
 * A database of the test file's own, for tests whose assertions depend on what else is stored
 * (the demo seed matches organisations other files may have created). Close it with `dispose`.
 */
export async function freshTestDb(): Promise<{ db: Database; dispose: () => Promise<void> }> {
  const url = inject('testDatabaseUrl');
  if (!url) {
    const db = await openPglite();
    await prepareDatabase(db);
    return { db, dispose: () => db.close() };
  }
  const name = `koordinata_file_${Date.now()}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = openPostgres(url, 1);
  await admin.exec(`create database ${name}`);
  const own = new URL(url);
  own.pathname = `/${name}`;
  const db = openPostgres(own.toString(), 4);
  await prepareDatabase(db);
  return {
    db,
    dispose: async () => {
      await db.close();
      await admin.exec(`drop database if exists ${name} with (force)`);
      await admin.close();
    },
  };
}
