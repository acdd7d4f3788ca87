import { loadavg } from 'node:os';
import { loadCodelists } from '../src/server/codelists/codelists.load.js';
import type { Database, Engine } from '../src/server/db/db.js';
import { prepareDatabase } from '../src/server/db/prepare.js';
import { loadGazetteer } from '../src/server/places/places.load.js';
import { generateDataset } from './dataset.js';
import type { BenchDatabase } from './engines.js';
import type { Machine } from './machine.js';
import {
  measureAlternating,
  yieldToEventLoop,
  type MeasureOptions,
  type Stats,
} from './measure.js';
import {
  buildScenarios,
  choose,
  runBaseline,
  runReal,
  type QueryParams,
  type ScenarioChoices,
} from './scenarios.js';
import { ownTimes, shortSql, sqlWallTime, tracing, type Statement } from './trace.js';

/** Rounds of every scenario before the first is timed. */
const GLOBAL_WARMUP = 3;

/** Traced (untimed) calls per scenario, for the split between SQL and JavaScript. */
const TRACED_CALLS = 7;

export interface Settings extends MeasureOptions {
  activities: number;
  programmes: number;
  organisations: number;
  batchSize: number;
  seed: number;
  /** p95 above which a path's slowest statement gets an EXPLAIN ANALYZE in the results. */
  slowMs: number;
}

export interface PathResult extends Stats {
  rows: number;
}

export interface ScenarioResult {
  id: string;
  title: string;
  query: QueryParams;
  baselineSql: string;
  baselineNote: string;
  real: PathResult;
  baseline: PathResult;
  /** Activities the real path's filters match in all (after the cursor, for a cursor page). */
  matching: number | null;
  /**
   * The statements of one traced call of the real path, one line each: when it was sent (ms
   * after the call began), how long until it came back, how much of that was its own (the rest
   * waiting behind statements sent with it), rows, and the start of the SQL.
   */
  statements: string[];
  /** Medians over traced calls of the real path: the whole call, time with SQL in flight, the rest (JavaScript). */
  split: { calls: number; totalMs: number; sqlMs: number; otherMs: number };
  /** EXPLAIN (costs off) of the real path's list query and of the baseline. */
  plan: string[];
  baselinePlan: string[];
  /** EXPLAIN (ANALYZE, BUFFERS) of the slowest statement, for paths slower than `slowMs` at p95. */
  analyze?: { path: 'real' | 'baseline'; sql: string; plan: string[] }[];
}

export interface DatasetSizes {
  programmes: number;
  projects: number;
  organisations: number;
  participants: number;
  locations: number;
  sectors: number;
  budgets: number;
  places: number;
  codelistItems: number;
  activityTableMiB: number;
  databaseMiB: number;
}

export interface EngineResult {
  engine: Engine;
  where: string;
  serverVersion: string;
  date: string;
  machine: Machine;
  settings: Settings;
  timings: {
    prepareSeconds: number;
    generateSeconds: number;
    analyzeSeconds: number;
    measureSeconds: number;
  };
  /** The 1-minute load average when measuring began and ended: above the CPU count, other work competed. */
  loadAverage: { before: number; after: number };
  dataset: DatasetSizes;
  choices: ScenarioChoices;
  scenarios: ScenarioResult[];
}

export type Log = (line: string) => void;

export async function ensureReferenceData(db: Database, log: Log): Promise<void> {
  await prepareDatabase(db);
  const [counts] = await db.query<{ places: number; codelists: number }>(
    'select (select count(*) from place)::int as places, (select count(*) from codelist)::int as codelists',
  );
  // prepareDatabase is meant to load these; until it does everywhere, the bench loads them itself.
  if (!counts?.places) {
    log('  the gazetteer is not loaded by prepareDatabase: loading it');
    await loadGazetteer(db);
  }
  if (!counts?.codelists) {
    log('  the codelists are not loaded by prepareDatabase: loading them');
    await loadCodelists(db);
  }
}

async function sizes(db: Database): Promise<DatasetSizes> {
  const [row] = await db.query<Record<keyof DatasetSizes, number>>(
    `select (select count(*) from activity where hierarchy = 1)::int as programmes,
            (select count(*) from activity where hierarchy > 1)::int as projects,
            (select count(*) from organisation)::int as organisations,
            (select count(*) from activity_participant)::int as participants,
            (select count(*) from activity_location)::int as locations,
            (select count(*) from activity_sector)::int as sectors,
            (select count(*) from activity_budget)::int as budgets,
            (select count(*) from place)::int as places,
            (select count(*) from codelist_item)::int as "codelistItems",
            round(pg_total_relation_size('activity') / 1048576.0, 1)::float8 as "activityTableMiB",
            round(pg_database_size(current_database()) / 1048576.0, 1)::float8 as "databaseMiB"`,
  );
  if (!row) throw new Error('no sizes');
  return row;
}

async function explain(
  db: Database,
  options: string,
  sql: string,
  params: readonly unknown[],
): Promise<string[]> {
  const rows = await db.query<{ 'QUERY PLAN': string }>(`explain (${options}) ${sql}`, params);
  return rows.map((r) => r['QUERY PLAN']);
}

/** The statement that fetches the page itself, as opposed to resolving filters or loading lists. */
function listStatement(statements: readonly Statement[]): Statement | undefined {
  return statements.find((s) => /order by a\.sort_key, a\.id limit/.test(s.sql));
}

/** Runs the list query without ORDER BY and LIMIT (its last parameter) as a count. */
async function countMatching(db: Database, list: Statement): Promise<number | null> {
  const tail = /order by a\.sort_key, a\.id limit \$\d+\s*$/;
  if (!tail.test(list.sql)) return null;
  const [row] = await db.query<{ n: number }>(
    `select count(*)::int as n from (${list.sql.replace(tail, '')}) m`,
    list.params.slice(0, -1),
  );
  return row?.n ?? null;
}

const round = (n: number) => Math.round(n * 100) / 100;

function rounded(s: Stats, rows: number): PathResult {
  return {
    iterations: s.iterations,
    p50: round(s.p50),
    p95: round(s.p95),
    p99: round(s.p99),
    mean: round(s.mean),
    min: round(s.min),
    max: round(s.max),
    rows,
  };
}

export async function runEngine(
  bench: BenchDatabase,
  machine: Machine,
  settings: Settings,
  log: Log,
  progress: (line: string) => void,
): Promise<EngineResult> {
  const { db } = bench;
  const date = new Date().toISOString();
  const [version] = await db.query<{ v: string }>("select current_setting('server_version') as v");
  log(`${bench.engine}: ${bench.where}, PostgreSQL ${version?.v ?? '?'}`);

  let t0 = performance.now();
  await ensureReferenceData(db, log);
  const prepareSeconds = (performance.now() - t0) / 1000;

  const dataset = await generateDataset(db, {
    activities: settings.activities,
    programmes: settings.programmes,
    organisations: settings.organisations,
    batchSize: settings.batchSize,
    seed: settings.seed,
    progress: (done, total) => {
      progress(`generating activities ${done}/${total}`);
    },
  });
  progress('');
  log(`  generated ${settings.activities} activities in ${dataset.seconds.toFixed(1)} s`);

  t0 = performance.now();
  // VACUUM as well as ANALYZE: statistics for the planner, and no autovacuum of the fresh rows
  // waking up in the middle of the measurements.
  await db.exec('vacuum analyze');
  const analyzeSeconds = (performance.now() - t0) / 1000;
  const datasetSizes = await sizes(db);

  const choices = choose(dataset);
  const scenarios = await buildScenarios(db, choices);
  const results: ScenarioResult[] = [];
  const loadBefore = loadavg()[0] ?? 0;
  const measureStart = performance.now();
  // Every path a few times before any is timed: the first scenario should not pay for caches and
  // code that all of them share.
  progress('warming up');
  for (let i = 0; i < GLOBAL_WARMUP; i++) {
    for (const s of scenarios) {
      await runReal(db, s.query);
      await runBaseline(db, s.baseline);
      await yieldToEventLoop();
    }
  }
  for (const s of scenarios) {
    progress(`measuring ${s.id}) ${s.title}`);
    const realRows = await runReal(db, s.query);
    const baselineRows = await runBaseline(db, s.baseline);
    const [real, baseline] = await measureAlternating(
      [() => runReal(db, s.query), () => runBaseline(db, s.baseline)],
      settings,
    );
    if (!real || !baseline) throw new Error('missing measurements');

    const calls: { trace: Statement[]; start: number; total: number }[] = [];
    for (let i = 0; i < TRACED_CALLS; i++) {
      const trace: Statement[] = [];
      const start = performance.now();
      await runReal(tracing(db, trace), s.query);
      calls.push({ trace, start, total: performance.now() - start });
    }
    const median = (xs: number[]) =>
      xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
    const totalMs = median(calls.map((c) => c.total));
    const sqlMs = median(calls.map((c) => sqlWallTime(c.trace)));
    const sample = calls.at(-1) ?? { trace: [], start: 0, total: 0 };
    const trace = sample.trace;
    const own = ownTimes(trace);
    const list = listStatement(trace);
    const result: ScenarioResult = {
      matching: list ? await countMatching(db, list) : null,
      id: s.id,
      title: s.title,
      query: s.query,
      baselineSql: s.baseline.sql,
      baselineNote: s.baseline.note,
      real: rounded(real, realRows),
      baseline: rounded(baseline, baselineRows),
      statements: trace.map(
        (t) =>
          `at ${(t.start - sample.start).toFixed(2)} ms, ${(t.end - t.start).toFixed(2)} ms ` +
          `(own ${(own.get(t) ?? 0).toFixed(2)}), ${t.rows} rows: ${shortSql(t.sql, 72)}`,
      ),
      split: {
        calls: calls.length,
        totalMs: round(totalMs),
        sqlMs: round(sqlMs),
        otherMs: round(totalMs - sqlMs),
      },
      plan: list ? await explain(db, 'costs off', list.sql, list.params) : [],
      baselinePlan: await explain(db, 'costs off', s.baseline.sql, s.baseline.params),
    };
    const analyze: NonNullable<ScenarioResult['analyze']> = [];
    if (real.p95 > settings.slowMs) {
      const slowest = trace.reduce<Statement | undefined>(
        (a, b) => (a && (own.get(a) ?? 0) >= (own.get(b) ?? 0) ? a : b),
        undefined,
      );
      if (slowest) {
        analyze.push({
          path: 'real',
          sql: slowest.sql.replace(/\s+/g, ' ').trim(),
          plan: await explain(db, 'analyze, buffers', slowest.sql, slowest.params),
        });
      }
    }
    if (baseline.p95 > settings.slowMs) {
      analyze.push({
        path: 'baseline',
        sql: s.baseline.sql,
        plan: await explain(db, 'analyze, buffers', s.baseline.sql, s.baseline.params),
      });
    }
    if (analyze.length) result.analyze = analyze;
    results.push(result);
  }
  progress('');

  return {
    engine: bench.engine,
    where: bench.where,
    serverVersion: version?.v ?? 'unknown',
    date,
    machine,
    settings,
    timings: {
      prepareSeconds: round(prepareSeconds),
      generateSeconds: round(dataset.seconds),
      analyzeSeconds: round(analyzeSeconds),
      measureSeconds: round((performance.now() - measureStart) / 1000),
    },
    loadAverage: { before: round(loadBefore), after: round(loadavg()[0] ?? 0) },
    dataset: datasetSizes,
    choices,
    scenarios: results,
  };
}
