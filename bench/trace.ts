import type { Database, Queryable, Row } from '../src/server/db/db.js';

export interface Statement {
  sql: string;
  params: readonly unknown[];
  /** performance.now() when the statement was sent and when its rows came back. */
  start: number;
  end: number;
  rows: number;
}

function traced(q: Queryable, log: Statement[]): Queryable {
  return {
    async query<T extends Row = Row>(text: string, params: readonly unknown[] = []): Promise<T[]> {
      const t0 = performance.now();
      const rows = await q.query<T>(text, params);
      log.push({ sql: text, params, start: t0, end: performance.now(), rows: rows.length });
      return rows;
    },
    exec: (sql) => q.exec(sql),
  };
}

/**
 * The same database, recording every statement the application sends: which queries one call
 * makes and how long each took. Only used outside the timed loops, so it adds nothing to them.
 */
export function tracing(db: Database, log: Statement[]): Database {
  const base = traced(db, log);
  return {
    engine: db.engine,
    query: <T extends Row = Row>(text: string, params?: readonly unknown[]) =>
      base.query<T>(text, params),
    exec: (sql: string) => base.exec(sql),
    transaction: (fn) => db.transaction((tx) => fn(traced(tx, log))),
    close: () => db.close(),
  };
}

/** One line, shortened: enough to tell the statements of a call apart in a report. */
export function shortSql(sql: string, max = 90): string {
  const flat = sql.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/**
 * Wall-clock time during which at least one statement was in flight: statements sent together
 * (Promise.all) count once. The rest of a call is spent in JavaScript.
 */
export function sqlWallTime(statements: readonly Statement[]): number {
  const spans = [...statements].sort((a, b) => a.start - b.start);
  let total = 0;
  let from = Number.NEGATIVE_INFINITY;
  let to = Number.NEGATIVE_INFINITY;
  for (const s of spans) {
    if (s.start > to) {
      if (to > from) total += to - from;
      from = s.start;
      to = s.end;
    } else {
      to = Math.max(to, s.end);
    }
  }
  if (to > from) total += to - from;
  return total;
}

/**
 * How long each statement kept the database busy on its own: from when it was sent, or when the
 * statement before it came back if that was later, to when it came back. PGlite answers statements
 * sent together one after another, so their times as the caller sees them include the wait.
 */
export function ownTimes(statements: readonly Statement[]): Map<Statement, number> {
  const own = new Map<Statement, number>();
  let previousEnd = Number.NEGATIVE_INFINITY;
  for (const s of [...statements].sort((a, b) => a.end - b.end)) {
    own.set(s, s.end - Math.max(s.start, previousEnd));
    previousEnd = s.end;
  }
  return own;
}
