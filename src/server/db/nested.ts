import type { Database, Engine, Queryable, Row } from './db.js';

/**
 * Presents an open transaction as a `Database`, so that services which open a transaction of their
 * own (createOrganisation, createActivity) can run inside the caller's. Each inner transaction
 * becomes a savepoint: it rolls back alone when it fails, and otherwise leaves the commit to the
 * outer transaction. That makes a whole seed or import one unit: it lands completely or not at all.
 */
export function transactionAsDatabase(tx: Queryable, engine: Engine): Database {
  let savepoints = 0;
  return {
    engine,
    query<T extends Row = Row>(text: string, params?: readonly unknown[]): Promise<T[]> {
      return tx.query<T>(text, params);
    },
    exec(sql: string): Promise<void> {
      return tx.exec(sql);
    },
    async transaction<T>(fn: (inner: Queryable) => Promise<T>): Promise<T> {
      const name = `nested_${++savepoints}`;
      await tx.query(`savepoint ${name}`);
      try {
        const result = await fn(tx);
        await tx.query(`release savepoint ${name}`);
        return result;
      } catch (err) {
        await tx.query(`rollback to savepoint ${name}`);
        throw err;
      }
    },
    close(): Promise<void> {
      // The connection belongs to the outer transaction; closing it here would cut that short.
      return Promise.reject(new Error('a transaction handed out as a Database cannot be closed'));
    },
  };
}
