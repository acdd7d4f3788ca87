import pg from 'pg';
import type { Database, Engine } from '../src/server/db/db.js';
import { openPglite } from '../src/server/db/pglite.js';
import { openPostgres } from '../src/server/db/postgres.js';

export interface BenchDatabase {
  engine: Engine;
  db: Database;
  /** What the bench ran on, for the report: "PGlite in memory", "database koordinata_bench_… on …". */
  where: string;
  close(): Promise<void>;
}

export type Opened = { ok: true; bench: BenchDatabase } | { ok: false; reason: string };

/** In memory: the bench measures queries, not the file system under PGlite's data directory. */
export async function openBenchPglite(): Promise<Opened> {
  const db = await openPglite();
  let closing: Promise<void> | null = null;
  return {
    ok: true,
    bench: {
      engine: 'pglite',
      db,
      where: 'PGlite in memory',
      close: () => (closing ??= db.close()),
    },
  };
}

function redact(url: URL): string {
  const copy = new URL(url);
  if (copy.password) copy.password = '***';
  return copy.toString();
}

/**
 * Creates a database of its own on the server behind `adminUrl` and drops it on close. An
 * unreachable server is reported as a reason to skip, anything else (no right to create a
 * database, a broken URL) fails the run.
 */
export async function openBenchPostgres(adminUrl: string): Promise<Opened> {
  const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5000 });
  try {
    await admin.connect();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const reachable = ![
      'ECONNREFUSED',
      'ENOTFOUND',
      'EHOSTUNREACH',
      'ETIMEDOUT',
      'ENOENT',
    ].includes(code ?? '');
    const message = err instanceof Error ? err.message : String(err);
    if (reachable && !/timeout/i.test(message)) throw err;
    return {
      ok: false,
      reason: `PostgreSQL at ${redact(new URL(adminUrl))} is unreachable (${code ?? message})`,
    };
  }
  const name = `koordinata_bench_${Date.now()}`;
  await admin.query(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const db = openPostgres(url.toString(), 10);
  // Once only, and the same promise to every caller: an interrupted run and the failing main path
  // both wait for the drop to finish before the process exits.
  let closing: Promise<void> | null = null;
  return {
    ok: true,
    bench: {
      engine: 'postgres',
      db,
      where: `database ${name} on ${url.host}`,
      close() {
        closing ??= (async () => {
          await db.close().catch(() => undefined);
          await admin.query(`drop database if exists ${name} with (force)`);
          await admin.end();
        })();
        return closing;
      },
    },
  };
}
