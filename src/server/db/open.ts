import type { Config } from '../config/config.js';
import type { Database } from './db.js';
import { openPglite } from './pglite.js';
import { openPostgres } from './postgres.js';

export async function openDatabase(config: Config): Promise<Database> {
  if (config.DATABASE_URL) {
    const db = openPostgres(config.DATABASE_URL, config.PG_POOL_SIZE);
    await db.query('select 1');
    return db;
  }
  return openPglite(config.DATA_DIR);
}
