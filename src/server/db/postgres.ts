import pg from 'pg';
import type { Database, Queryable, Row } from './db.js';
import { textParsers } from './db.js';

type TextParser = (value: string) => unknown;

function builtinParser(oid: number): TextParser {
  // pg types its parser table by an enum of the built-in type OIDs; any OID may be asked for.
  // eslint-disable-next-line @typescript-eslint/no-unsafe-enum-assignment
  return pg.types.getTypeParser(oid, 'text') as TextParser;
}

const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number) =>
    textParsers[oid] ?? builtinParser(oid)) as pg.CustomTypesConfig['getTypeParser'],
};

function wrap(client: pg.Pool | pg.PoolClient): Queryable {
  return {
    async query<T extends Row>(text: string, params: readonly unknown[] = []) {
      const res = await client.query<T>({ text, values: params as unknown[], types });
      return res.rows;
    },
    async exec(sql: string) {
      await client.query(sql);
    },
  };
}

/**
 * A transaction's single connection runs one query at a time; callers may still fire several
 * at once (Promise.all), so they are queued here, as PGlite queues them.
 */
function serialised(q: Queryable): Queryable {
  let tail: Promise<unknown> = Promise.resolve();
  const run = <T>(fn: () => Promise<T>): Promise<T> => {
    const next = tail.then(fn, fn);
    tail = next.catch(() => undefined);
    return next;
  };
  return {
    query: (text, params) => run(() => q.query(text, params)),
    exec: (sql) => run(() => q.exec(sql)),
  };
}

export function openPostgres(url: string, max = 10): Database {
  // JIT compilation costs more than it saves on the registry's short queries.
  const pool = new pg.Pool({ connectionString: url, max, types, options: '-c jit=off' });
  // An idle client's error (server restart) must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  const base = wrap(pool);
  return {
    engine: 'postgres',
    query: <T extends Row>(text: string, params?: readonly unknown[]) =>
      base.query<T>(text, params),
    exec: (sql: string) => base.exec(sql),
    async transaction<T>(fn: (tx: Queryable) => Promise<T>) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(serialised(wrap(client)));
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
