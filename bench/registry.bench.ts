/**
 * The activity registry's list and search, timed on 10,000 generated activities on both engines
 * (PGlite and a PostgreSQL server), each scenario through the real service and beside the plain
 * SQL a naive implementation would send. Run with `npm run bench`; see docs/benchmarks.md.
 */
import { z } from 'zod';
import { projectPath } from '../src/server/paths.js';
import { openBenchPglite, openBenchPostgres, type BenchDatabase, type Opened } from './engines.js';
import { describeMachine } from './machine.js';
import { generatedSection, textTable, writeDoc, writeJson, type Skipped } from './report.js';
import { runEngine, type EngineResult, type Settings } from './run.js';

const count = (fallback: number, min = 1) => z.coerce.number().int().min(min).default(fallback);

const Env = z.object({
  BENCH_ENGINES: z
    .string()
    .default('pglite,postgres')
    .transform((s) => s.split(',').map((e) => e.trim()))
    .pipe(z.array(z.enum(['pglite', 'postgres'])).min(1)),
  BENCH_PG_URL: z.url().default('postgres://postgres@127.0.0.1:5432/postgres'),
  BENCH_ACTIVITIES: count(10_000, 100),
  BENCH_PROGRAMMES: count(20),
  BENCH_ORGANISATIONS: count(200, 60),
  BENCH_BATCH: count(1000),
  BENCH_SEED: count(20261125, 0),
  BENCH_WARMUP: count(10, 0),
  BENCH_MIN_ITERATIONS: count(20),
  BENCH_MAX_ITERATIONS: count(200),
  BENCH_BUDGET_MS: count(5000, 100),
  BENCH_SLOW_MS: count(50),
  BENCH_WRITE: z.enum(['0', '1']).default('1'),
});

function parseEnv(): z.output<typeof Env> {
  const res = Env.safeParse(process.env);
  if (!res.success) {
    process.stderr.write(`bench: bad environment\n${z.prettifyError(res.error)}\n`);
    process.exit(2);
  }
  return res.data;
}

const log = (line: string) => process.stderr.write(`${line}\n`);

/** One status line, rewritten in place on a terminal; whole lines in a log. */
function progress(line: string): void {
  if (process.stderr.isTTY) {
    process.stderr.write(`\r\x1b[2K${line}`);
  } else if (line) {
    process.stderr.write(`${line}\n`);
  }
}

/** Databases to drop if the run is interrupted. */
const open = new Set<BenchDatabase>();

async function closeAll(): Promise<void> {
  for (const b of [...open]) {
    await b.close().catch((err: unknown) => {
      log(`could not clean up ${b.where}: ${String(err)}`);
    });
    open.delete(b);
  }
}

let interrupted = false;

process.once('SIGINT', () => {
  interrupted = true;
  log('\ninterrupted: cleaning up');
  void closeAll().finally(() => process.exit(130));
});

async function main(): Promise<void> {
  const env = parseEnv();
  const settings: Settings = {
    activities: env.BENCH_ACTIVITIES,
    programmes: env.BENCH_PROGRAMMES,
    organisations: env.BENCH_ORGANISATIONS,
    batchSize: env.BENCH_BATCH,
    seed: env.BENCH_SEED,
    warmup: env.BENCH_WARMUP,
    minIterations: Math.min(env.BENCH_MIN_ITERATIONS, env.BENCH_MAX_ITERATIONS),
    maxIterations: env.BENCH_MAX_ITERATIONS,
    budgetMs: env.BENCH_BUDGET_MS,
    slowMs: env.BENCH_SLOW_MS,
  };
  const machine = describeMachine();
  const results: EngineResult[] = [];
  const skipped: Skipped[] = [];

  for (const engine of env.BENCH_ENGINES) {
    const opened: Opened =
      engine === 'pglite' ? await openBenchPglite() : await openBenchPostgres(env.BENCH_PG_URL);
    if (!opened.ok) {
      log(`\n*** SKIPPING ${engine}: ${opened.reason} ***\n`);
      skipped.push({ engine, reason: opened.reason });
      continue;
    }
    open.add(opened.bench);
    try {
      const result = await runEngine(opened.bench, machine, settings, log, progress);
      results.push(result);
      process.stdout.write(`\n${textTable(result)}\n`);
    } finally {
      await opened.bench.close();
      open.delete(opened.bench);
    }
  }
  for (const engine of ['pglite', 'postgres'].filter(
    (e) => !env.BENCH_ENGINES.includes(e as 'pglite'),
  )) {
    skipped.push({ engine, reason: 'left out of BENCH_ENGINES for this run' });
  }

  if (env.BENCH_WRITE === '1' && results.length > 0) {
    for (const r of results) {
      const file = projectPath('bench', 'results', `registry-${r.engine}.json`);
      await writeJson(file, r);
      log(`wrote ${file}`);
    }
    const doc = projectPath('docs', 'benchmarks.md');
    await writeDoc(doc, generatedSection(results, skipped));
    log(`wrote ${doc}`);
  }
  for (const s of skipped) log(`NOT MEASURED: ${s.engine} — ${s.reason}`);
  if (results.length === 0) process.exitCode = 1;
}

main().catch(async (err: unknown) => {
  // After Ctrl-C the run fails on its closed database; that is not news.
  if (interrupted) return;
  process.stderr.write(
    `\nbench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
  );
  await closeAll();
  process.exit(1);
});
