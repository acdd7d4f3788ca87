import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { Database, Queryable, Row } from './db.js';
import { textParsers } from './db.js';

function wrap(q: Pick<PGlite, 'query' | 'exec'>): Queryable {
  return {
    async query<T extends Row>(text: string, params: readonly unknown[] = []) {
      const res = await q.query<T>(text, params as unknown[]);
      return res.rows;
    },
    async exec(sql: string) {
      await q.exec(sql);
    },
  };
}

export class DataDirInUseError extends Error {
  override name = 'DataDirInUseError';
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * PGlite is one process's database: two processes on one data directory would corrupt it. A pid
 * file makes the second one stop with a message instead.
 */
function lockDataDir(dataDir: string): () => void {
  const file = join(dataDir, 'koordinata.pid');
  try {
    const pid = Number(readFileSync(file, 'utf8').trim());
    if (pid && pid !== process.pid && alive(pid)) {
      throw new DataDirInUseError(
        `The embedded database in ${dataDir} is open in process ${pid} (a running "koordinata serve"?). Stop it first, or set DATABASE_URL to use a PostgreSQL server that many processes can share.`,
      );
    }
  } catch (err) {
    if (err instanceof DataDirInUseError) throw err;
  }
  writeFileSync(file, String(process.pid));
  return () => rmSync(file, { force: true });
}

/** Opens PGlite on a data directory, or in memory when `dataDir` is undefined. */
export async function openPglite(dataDir?: string): Promise<Database> {
  let unlock: () => void = () => undefined;
  if (dataDir) {
    mkdirSync(dataDir, { recursive: true });
    unlock = lockDataDir(dataDir);
  }
  const pg = await PGlite.create(dataDir ?? 'memory://', {
    extensions: { pg_trgm },
    parsers: textParsers,
  });
  const base = wrap(pg);
  return {
    engine: 'pglite',
    query: <T extends Row>(text: string, params?: readonly unknown[]) =>
      base.query<T>(text, params),
    exec: (sql: string) => base.exec(sql),
    transaction: <T>(fn: (tx: Queryable) => Promise<T>) =>
      pg.transaction(async (tx) => fn(wrap(tx))),
    close: async () => {
      await pg.close();
      unlock();
    },
  };
}
