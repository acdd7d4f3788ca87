/**
 * Where an import's time goes, without touching the importer: the database is wrapped so that
 * every statement is timed and filed under what it writes or reads, and the parsed file is
 * wrapped so that the time the importer spends waiting for the next activity (reading, parsing,
 * validating) is timed too. What is left is the importer's own JavaScript (matching places,
 * building rows, hashing, JSON).
 */
import type { Database, Queryable, Row } from '../../src/server/db/db.js';
import type { ParsedFile, ParsedItem } from '../../src/server/iati/import/import.service.js';

export interface StageTotals {
  /** Milliseconds and statement counts by statement kind, such as `insert activity_transaction`. */
  statements: Record<string, { ms: number; count: number }>;
  /** Milliseconds the importer waited for the next parsed activity. */
  parseMs: number;
}

/** `insert activity_transaction`, `delete activity_sector`, `select organisation`… */
export function statementKind(sql: string): string {
  const flat = sql.replace(/\s+/g, ' ').trim().toLowerCase();
  let m = /^insert into (\w+)/.exec(flat);
  if (m) return `insert ${m[1] ?? '?'}`;
  m = /^delete from (\w+)/.exec(flat);
  if (m) return `delete ${m[1] ?? '?'}`;
  m = /^update (\w+)/.exec(flat);
  if (m) return `update ${m[1] ?? '?'}`;
  if (flat.startsWith('with candidates')) return 'link activities (end)';
  m = /^select .*? from (\w+)/.exec(flat);
  if (m) return `select ${m[1] ?? '?'}`;
  return flat.split(' ').slice(0, 2).join(' ');
}

function timedQueries(q: Queryable, totals: StageTotals): Queryable {
  return {
    async query<T extends Row = Row>(text: string, params: readonly unknown[] = []): Promise<T[]> {
      const t0 = performance.now();
      try {
        return await q.query<T>(text, params);
      } finally {
        const kind = statementKind(text);
        const entry = (totals.statements[kind] ??= { ms: 0, count: 0 });
        entry.ms += performance.now() - t0;
        entry.count++;
      }
    },
    exec: (sql) => q.exec(sql),
  };
}

/** The same database, adding each statement's wall time to `totals`. */
export function timedDatabase(db: Database, totals: StageTotals): Database {
  const base = timedQueries(db, totals);
  return {
    engine: db.engine,
    query: <T extends Row = Row>(text: string, params?: readonly unknown[]) =>
      base.query<T>(text, params),
    exec: (sql: string) => base.exec(sql),
    transaction: (fn) => db.transaction((tx) => fn(timedQueries(tx, totals))),
    close: () => db.close(),
  };
}

/** The same parsed file, adding the time spent producing each activity to `totals.parseMs`. */
export function timedParsedFile(file: ParsedFile, totals: StageTotals): ParsedFile {
  const inner = file.items[Symbol.asyncIterator]();
  async function* items(): AsyncGenerator<ParsedItem> {
    try {
      for (;;) {
        const t0 = performance.now();
        const next = await inner.next();
        totals.parseMs += performance.now() - t0;
        if (next.done) return;
        yield next.value;
      }
    } finally {
      await inner.return?.();
    }
  }
  return { ...file, items: items() };
}

/**
 * The same parsed file, ending early once `seconds` have passed since the first activity was
 * asked for: the importer then commits what it has read, as for a shorter file. `stopped()` says
 * whether it did end early.
 */
export function budgeted(
  file: ParsedFile,
  seconds: number,
): { file: ParsedFile; stopped: () => boolean } {
  const inner = file.items[Symbol.asyncIterator]();
  let stopped = false;
  async function* items(): AsyncGenerator<ParsedItem> {
    const until = performance.now() + seconds * 1000;
    try {
      for (;;) {
        if (performance.now() > until) {
          stopped = true;
          return;
        }
        const next = await inner.next();
        if (next.done) return;
        yield next.value;
      }
    } finally {
      await inner.return?.();
    }
  }
  return { file: { ...file, items: items() }, stopped: () => stopped };
}

export interface Stage {
  stage: string;
  ms: number;
  share: number;
  statements: number;
  /** The statement kinds filed under this stage. */
  kinds: string[];
}

/** Which statement kinds make up each stage of the import, in the order the importer runs them. */
const STAGES: readonly { stage: string; test: (kind: string) => boolean }[] = [
  { stage: 'organisation resolution (SQL)', test: (k) => k.endsWith(' organisation') },
  {
    stage: 'activity row (insert, lookup, IATI columns)',
    test: (k) => k.endsWith(' activity'),
  },
  { stage: 'transactions (insert)', test: (k) => k === 'insert activity_transaction' },
  {
    stage: 'other lists (participants, locations, sectors, budgets, results…)',
    test: (k) => k.startsWith('insert '),
  },
  { stage: 'deletes before each list insert', test: (k) => k.startsWith('delete ') },
  { stage: 'linking at the end', test: (k) => k.startsWith('link ') },
  { stage: 'other SQL', test: () => true },
];

/**
 * The import's wall time split into parsing, SQL by stage and the importer's own JavaScript.
 * `insert iati_source` and `insert audit_event` fall under "other lists"; they are listed in
 * `kinds` of that stage and in the per-statement table.
 */
export function stages(totals: StageTotals, totalMs: number): Stage[] {
  const out: Stage[] = [
    {
      stage: 'read + parse + validate (waiting for the next activity)',
      ms: totals.parseMs,
      share: 0,
      statements: 0,
      kinds: [],
    },
  ];
  const byStage = new Map<string, Stage>();
  for (const [kind, t] of Object.entries(totals.statements)) {
    const stage = STAGES.find((s) => s.test(kind))?.stage ?? 'other SQL';
    let s = byStage.get(stage);
    if (!s) byStage.set(stage, (s = { stage, ms: 0, share: 0, statements: 0, kinds: [] }));
    s.ms += t.ms;
    s.statements += t.count;
    s.kinds.push(kind);
  }
  for (const { stage } of STAGES) {
    const s = byStage.get(stage);
    if (s) out.push(s);
  }
  const accounted = out.reduce((sum, s) => sum + s.ms, 0);
  out.push({
    stage: "importer's own JavaScript (the rest)",
    ms: Math.max(0, totalMs - accounted),
    share: 0,
    statements: 0,
    kinds: [],
  });
  for (const s of out) s.share = totalMs > 0 ? s.ms / totalMs : 0;
  return out;
}
