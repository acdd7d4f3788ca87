/**
 * IATI import and export at scale: a generated 2.03 file of ~200 MB (BENCH_IATI_MB) and the real
 * AidData files, each read raw, tokenised by a bare saxes parser, parsed by parseIati, imported
 * into PGlite and into PostgreSQL and exported again, every step in a child process of its own
 * for a clean peak RSS; then the bars, and a profile of the import. Run with
 * `npm run bench:iati`; see docs/benchmarks-iati.md.
 */
import { execFile, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
} from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { z } from 'zod';
import type { Engine } from '../../src/server/db/db.js';
import { PROJECT_ROOT, projectPath } from '../../src/server/paths.js';
import { openBenchPostgres, type BenchDatabase } from '../engines.js';
import { describeMachine } from '../machine.js';
import {
  generatedSection,
  judgeBars,
  MB,
  num,
  STEPS,
  textBars,
  textFile,
  writeDoc,
  writeJson,
  type FileResult,
  type IatiBenchResult,
  type ProfileResult,
  type Row,
  type StepName,
} from './report.js';
import { runInChild, running } from './spawn.js';
import type { StepResult, StepSpec, Target } from './steps.js';

const count = (fallback: number, min = 1) => z.coerce.number().int().min(min).default(fallback);

const Env = z.object({
  BENCH_IATI_MB: z.coerce.number().min(0.1).default(200),
  BENCH_IATI_SEED: count(20261125, 0),
  BENCH_IATI_ORGS: count(300, 60),
  BENCH_IATI_ENGINES: z
    .string()
    .default('pglite,postgres')
    .transform((s) => s.split(',').map((e) => e.trim()))
    .pipe(z.array(z.enum(['pglite', 'postgres'])).min(1)),
  BENCH_PG_URL: z.url().default('postgres://postgres@127.0.0.1:5432/postgres'),
  BENCH_IATI_PGLITE_BUDGET_S: count(200),
  BENCH_IATI_PG_BUDGET_S: count(200),
  BENCH_IATI_PROFILE_MB: z.coerce.number().min(0).default(20),
  BENCH_IATI_REAL_DIR: z.string().default('/work/shared/data/iati-activities-real-aiddata-2.03'),
  BENCH_IATI_MIN_SECONDS: z.coerce.number().min(0).default(1),
  BENCH_IATI_XMLLINT: z.enum(['0', '1']).default('1'),
  BENCH_IATI_TMP: z.string().default(tmpdir()),
  BENCH_WRITE: z.enum(['0', '1']).default('1'),
  /** Run nothing: rewrite the document from saved results (after a change to the report). */
  BENCH_IATI_RENDER: z.string().optional(),
});
type Settings = z.output<typeof Env>;

function parseEnv(): Settings {
  const res = Env.safeParse(process.env);
  if (!res.success) {
    process.stderr.write(`bench:iati: bad environment\n${z.prettifyError(res.error)}\n`);
    process.exit(2);
  }
  return res.data;
}

const log = (line: string) => process.stderr.write(`${line}\n`);

/** Cleanup for an interrupted or failed run: databases to drop, directories to remove. */
const openDatabases = new Set<BenchDatabase>();
const tempDirs = new Set<string>();

async function cleanUp(): Promise<void> {
  for (const child of running) child.kill('SIGTERM');
  for (const b of [...openDatabases]) {
    await b.close().catch((err: unknown) => {
      log(`could not drop ${b.where}: ${String(err)}`);
    });
    openDatabases.delete(b);
  }
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
  tempDirs.clear();
}

let interrupted = false;
process.once('SIGINT', () => {
  interrupted = true;
  log('\ninterrupted: cleaning up');
  void cleanUp().finally(() => process.exit(130));
});

let stepNo = 0;
async function step(spec: StepSpec): Promise<StepResult> {
  stepNo++;
  log(`[${stepNo}] ${spec.label}`);
  const r = await runInChild(spec);
  const rate = r.bytes ? `, ${num(r.bytes / MB / r.seconds)} MB/s` : '';
  log(`    ${num(r.seconds)} s${rate}, peak RSS ${num(r.peakRssBytes / MB)} MB`);
  return r;
}

/** Validates a file against the IATI 2.03 schema with xmllint's streaming validator. */
function xmllint(file: string): Promise<string> {
  const xsd = projectPath('data', 'iati-schema', 'iati-activities-schema.xsd');
  const t0 = performance.now();
  return new Promise((resolve) => {
    execFile(
      'xmllint',
      ['--stream', '--noout', '--schema', xsd, file],
      { maxBuffer: 1 << 20 },
      (err, _stdout, stderr) => {
        const seconds = (performance.now() - t0) / 1000;
        if (err && (err as NodeJS.ErrnoException).code === 'ENOENT') {
          resolve('not run (xmllint is not installed: apt-get install libxml2-utils)');
        } else if (err) {
          resolve(`**INVALID** (xmllint): ${stderr.split('\n').slice(0, 3).join(' / ')}`);
        } else {
          resolve(
            `valid (\`xmllint --stream --schema data/iati-schema/iati-activities-schema.xsd\`, ${num(seconds)} s)`,
          );
        }
      },
    );
  });
}

interface Engines {
  list: Engine[];
  versions: { engine: Engine; version: string; where: string }[];
  prepare: { engine: Engine; seconds: number; openSeconds: number }[];
  pgliteTemplate: string | null;
}

/** A fresh, prepared database for one file; `dispose` drops or removes it. */
async function freshTarget(
  engine: Engine,
  env: Settings,
  engines: Engines,
  tmp: string,
  name: string,
): Promise<{ target: Target; dispose: () => Promise<void> }> {
  if (engine === 'pglite') {
    if (!engines.pgliteTemplate) throw new Error('no PGlite template');
    const dir = join(tmp, `pglite-${name}-${Date.now()}`);
    // A copy of a prepared data directory: the same as preparing it again, in a second.
    cpSync(engines.pgliteTemplate, dir, { recursive: true });
    return {
      target: { engine, dataDir: dir },
      dispose: () => {
        rmSync(dir, { recursive: true, force: true });
        return Promise.resolve();
      },
    };
  }
  const opened = await openBenchPostgres(env.BENCH_PG_URL);
  if (!opened.ok) throw new Error(opened.reason);
  const bench = opened.bench;
  openDatabases.add(bench);
  const [row] = await bench.db.query<{ name: string }>('select current_database() as name');
  if (!row) throw new Error('no database name');
  const url = new URL(env.BENCH_PG_URL);
  url.pathname = `/${row.name}`;
  const target: Target = { engine, url: url.toString() };
  await step({ kind: 'prepare', label: `prepare PostgreSQL database for ${name}`, target });
  return {
    target,
    dispose: async () => {
      await bench.close();
      openDatabases.delete(bench);
    },
  };
}

async function setUpEngines(
  env: Settings,
  tmp: string,
): Promise<{
  engines: Engines;
  notMeasured: { what: string; reason: string }[];
}> {
  const engines: Engines = { list: [], versions: [], prepare: [], pgliteTemplate: null };
  const notMeasured: { what: string; reason: string }[] = [];
  for (const engine of ['postgres', 'pglite'] as const) {
    if (!env.BENCH_IATI_ENGINES.includes(engine)) {
      notMeasured.push({
        what: engine === 'pglite' ? 'PGlite' : 'PostgreSQL server',
        reason: 'left out of BENCH_IATI_ENGINES for this run',
      });
      continue;
    }
    if (engine === 'postgres') {
      const probe = await openBenchPostgres(env.BENCH_PG_URL);
      if (!probe.ok) {
        log(`\n*** SKIPPING PostgreSQL: ${probe.reason} ***\n`);
        notMeasured.push({ what: 'PostgreSQL server', reason: probe.reason });
        continue;
      }
      openDatabases.add(probe.bench);
      const [v] = await probe.bench.db.query<{ v: string }>(
        "select current_setting('server_version') as v",
      );
      engines.versions.push({
        engine,
        version: v?.v ?? '?',
        where: `a fresh database per file on ${new URL(env.BENCH_PG_URL).host}`,
      });
      await probe.bench.close();
      openDatabases.delete(probe.bench);
    } else {
      const dir = join(tmp, 'pglite-template');
      const r = await step({
        kind: 'prepare',
        label: 'prepare the PGlite template database',
        target: { engine, dataDir: dir },
      });
      engines.pgliteTemplate = dir;
      engines.prepare.push({
        engine,
        seconds: r.seconds,
        openSeconds: Number(r.details?.openSeconds ?? 0),
      });
      engines.versions.push({
        engine,
        version: typeof r.details?.serverVersion === 'string' ? r.details.serverVersion : '?',
        where: 'a copy of a prepared temporary data directory per file',
      });
    }
    engines.list.push(engine);
  }
  return { engines, notMeasured };
}

const ENGINE_LABEL = { pglite: 'PGlite', postgres: 'PostgreSQL' } as const;

function toRow(
  name: StepName,
  r: StepResult,
  fileActivities: number,
  fileBytes: number,
  budgetSeconds: number | null,
): Row {
  const activities = r.activities ?? fileActivities * r.rounds;
  const row: Row = {
    step: name,
    seconds: r.seconds,
    bytes: r.bytes,
    activities: r.activities,
    rounds: r.rounds,
    mbPerSecond: r.bytes / MB / r.seconds,
    activitiesPerSecond: activities / r.seconds,
    peakRssMB: r.peakRssBytes / MB,
    startRssMB: r.startRssBytes / MB,
  };
  if (r.details) row.details = r.details;
  if (r.stoppedAtBudget && budgetSeconds !== null)
    row.budget = {
      seconds: budgetSeconds,
      bytesRead: r.bytes,
      fileBytes,
      extrapolatedSeconds: fileBytes / (r.bytes / r.seconds),
    };
  const status = r.details?.status;
  const counts = r.details?.counts as { rejected?: number } | undefined;
  const notes: string[] = [];
  if (typeof status === 'string' && status !== 'committed') notes.push(`import ${status}`);
  if (counts?.rejected) notes.push(`${counts.rejected} activities rejected`);
  if (typeof r.details?.skipped === 'number' && r.details.skipped > 0)
    notes.push(`${r.details.skipped} activities not exportable`);
  if (notes.length) row.note = notes.join('; ');
  return row;
}

/** A row for a step that failed, so that one broken step does not cost the whole run. */
function failedRow(name: StepName, err: unknown): Row {
  const message = err instanceof Error ? err.message : String(err);
  log(`    FAILED: ${message}`);
  return {
    step: name,
    seconds: 0,
    bytes: 0,
    activities: null,
    rounds: 0,
    mbPerSecond: 0,
    activitiesPerSecond: null,
    peakRssMB: 0,
    startRssMB: 0,
    error: message,
  };
}

async function measureFile(
  file: { path: string; name: string; source: 'generated' | 'real' },
  env: Settings,
  engines: Engines,
  tmp: string,
): Promise<FileResult> {
  const bytes = statSync(file.path).size;
  log(`\n${file.name} (${num(bytes / MB)} MB)`);
  const reading = { file: file.path, minSeconds: env.BENCH_IATI_MIN_SECONDS };
  const rows: Row[] = [];
  let activities = 0;
  const attempt = async (
    name: StepName,
    spec: StepSpec,
    budget: number | null = null,
  ): Promise<StepResult | null> => {
    try {
      const r = await step(spec);
      rows.push(toRow(name, r, activities, bytes, budget));
      return r;
    } catch (err) {
      rows.push(failedRow(name, err));
      return null;
    }
  };
  await attempt('raw read', { kind: 'raw', label: `raw read ${file.name}`, ...reading });
  const saxes = await attempt('saxes parse-only', {
    kind: 'saxes',
    label: `saxes parse-only ${file.name}`,
    ...reading,
  });
  if (saxes) activities = Math.round((saxes.activities ?? 0) / saxes.rounds);
  await attempt('parseIati', { kind: 'parse', label: `parseIati ${file.name}`, ...reading });
  for (const engine of engines.list) {
    const budget =
      engine === 'pglite' ? env.BENCH_IATI_PGLITE_BUDGET_S : env.BENCH_IATI_PG_BUDGET_S;
    const label = ENGINE_LABEL[engine];
    let fresh: Awaited<ReturnType<typeof freshTarget>>;
    try {
      fresh = await freshTarget(engine, env, engines, tmp, file.name);
    } catch (err) {
      rows.push(failedRow(`import → ${label}`, err));
      continue;
    }
    try {
      const imported = await attempt(
        `import → ${label}`,
        {
          kind: 'import',
          label: `import ${file.name} → ${label}`,
          file: file.path,
          target: fresh.target,
          budgetSeconds: budget,
          profile: false,
        },
        budget,
      );
      if (imported?.stoppedAtBudget)
        log(`    stopped at the ${budget} s budget: the rest of the file is extrapolated`);
      if (imported)
        await attempt(`export ← ${label}`, {
          kind: 'export',
          label: `export ${file.name} ← ${label}`,
          target: fresh.target,
          profile: false,
        });
    } finally {
      await fresh.dispose();
    }
  }
  // The raw read ran before the activities were counted.
  for (const r of rows)
    if (r.activities === null && r.error === undefined && r.seconds > 0)
      r.activitiesPerSecond = (activities * r.rounds) / r.seconds;
  rows.sort((a, b) => STEPS.indexOf(a.step) - STEPS.indexOf(b.step));
  const result: FileResult = { name: file.name, source: file.source, bytes, activities, rows };
  process.stdout.write(`\n${textFile(result)}\n`);
  return result;
}

async function profileImports(
  path: string,
  env: Settings,
  engines: Engines,
  tmp: string,
): Promise<ProfileResult[]> {
  const out: ProfileResult[] = [];
  const bytes = statSync(path).size;
  log(`\nprofile: ${basename(path)} (${num(bytes / MB)} MB)`);
  for (const engine of engines.list) {
    try {
      const { target, dispose } = await freshTarget(engine, env, engines, tmp, 'profile');
      try {
        const r = await step({
          kind: 'import',
          label: `profile the import → ${ENGINE_LABEL[engine]}`,
          file: path,
          target,
          budgetSeconds:
            engine === 'pglite' ? env.BENCH_IATI_PGLITE_BUDGET_S : env.BENCH_IATI_PG_BUDGET_S,
          profile: true,
        });
        const p: ProfileResult = {
          engine,
          file: basename(path),
          bytes: r.bytes,
          seconds: r.seconds,
          mbPerSecond: r.bytes / MB / r.seconds,
          stages: r.stages ?? [],
          statements: Object.entries(r.statements ?? {})
            .map(([kind, s]) => ({ kind, ms: s.ms, count: s.count }))
            .sort((a, b) => b.ms - a.ms),
          heap: r.heap ?? [],
        };
        if (r.profile) p.cpu = r.profile;
        const exported = await step({
          kind: 'export',
          label: `profile the export ← ${ENGINE_LABEL[engine]}`,
          target,
          profile: true,
        });
        p.export = {
          bytes: exported.bytes,
          seconds: exported.seconds,
          mbPerSecond: exported.bytes / MB / exported.seconds,
        };
        if (exported.profile) p.export.cpu = exported.profile;
        out.push(p);
        for (const s of p.stages)
          log(
            `    ${s.stage.padEnd(68)} ${num(s.ms / 1000).padStart(6)} s  ${(s.share * 100).toFixed(1)} %`,
          );
      } finally {
        await dispose();
      }
    } catch (err) {
      log(`    FAILED: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  return out;
}

/** Test code under src/: changing it does not change what is measured. */
const TEST_FILE = /\.(test|testing|fixture|fixtures|test-helpers)\.ts$|\/arbitraries[^/]*\.ts$/;
const SOURCE = ['src', 'migrations', 'data'];
const hash = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 12);

/**
 * The code being measured: the commit, a hash of the committed files under src/, migrations/
 * and data/ (tests left out) and a hash of the uncommitted changes to them. Compared at the start
 * and the end (the files, not the commit: commits elsewhere do not matter), it tells whether
 * the code changed during the run.
 */
function codeState(): { commit: string; trees: string; uncommitted: string | null } {
  const git = (...args: string[]) =>
    execFileSync('git', args, { cwd: PROJECT_ROOT, encoding: 'utf8', maxBuffer: 64 << 20 });
  const measured = (path: string) => path !== '' && !TEST_FILE.test(path);
  try {
    const commit = git('rev-parse', '--short', 'HEAD').trim();
    // "<mode> blob <id>\t<path>": the ids of the committed files that are not tests.
    const committed = git('ls-tree', '-r', 'HEAD', '--', ...SOURCE)
      .split('\n')
      .filter((line) => measured(line.split('\t')[1] ?? ''));
    const changed = [
      ...git('diff', 'HEAD', '--name-only', '--', ...SOURCE).split('\n'),
      ...git('ls-files', '--others', '--exclude-standard', '--', ...SOURCE).split('\n'),
    ]
      .filter(measured)
      .sort();
    // Names and contents: an edit to a file already changed counts as a change too.
    const uncommitted = changed.length
      ? hash(
          changed
            .map((path) => {
              const file = join(PROJECT_ROOT, path);
              return `${path}\n${existsSync(file) ? readFileSync(file, 'utf8') : '(deleted)'}`;
            })
            .join('\n'),
        )
      : null;
    return { commit, trees: hash(committed.join('\n')), uncommitted };
  } catch {
    return { commit: 'unknown (no git)', trees: '', uncommitted: null };
  }
}

function realFiles(dir: string): { path: string; name: string; source: 'real' }[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.xml'))
    .sort()
    .map((f) => ({ path: join(dir, f), name: f, source: 'real' as const }));
}

async function main(): Promise<void> {
  const env = parseEnv();
  if (env.BENCH_IATI_RENDER) {
    const saved = JSON.parse(readFileSync(env.BENCH_IATI_RENDER, 'utf8')) as IatiBenchResult;
    for (const f of saved.files) process.stdout.write(`\n${textFile(f)}\n`);
    process.stdout.write(`\nThe bars\n${textBars(saved.bars)}\n`);
    const doc = projectPath('docs', 'benchmarks-iati.md');
    await writeDoc(doc, generatedSection(saved));
    log(`wrote ${doc} from ${env.BENCH_IATI_RENDER}`);
    return;
  }
  const started = performance.now();
  const date = new Date().toISOString();
  const machine = describeMachine();
  const tmp = mkdtempSync(join(env.BENCH_IATI_TMP, 'koordinata-iati-bench-'));
  tempDirs.add(tmp);
  const sizeTag = `${String(env.BENCH_IATI_MB).replace('.', '_')}mb`;
  const codeAtStart = codeState();
  const loadBefore = loadavg()[0] ?? 0;

  log(`bench:iati — ${machine.cpus} CPUs, ${machine.cpuModel}, Node ${machine.node}; temp ${tmp}`);
  const genPath = join(tmp, `generated-${sizeTag}.xml`);
  const gen = await step({
    kind: 'generate',
    label: `generate ~${env.BENCH_IATI_MB} MB of IATI 2.03`,
    path: genPath,
    targetBytes: env.BENCH_IATI_MB * MB,
    seed: env.BENCH_IATI_SEED,
    organisations: env.BENCH_IATI_ORGS,
  });
  log(`    ${gen.activities ?? 0} activities, ${num(gen.bytes / MB)} MB`);
  let schemaCheck = 'not run (BENCH_IATI_XMLLINT=0)';
  if (env.BENCH_IATI_XMLLINT === '1') {
    log('    checking it against the 2.03 schema (xmllint --stream)');
    schemaCheck = await xmllint(genPath);
    log(`    ${schemaCheck}`);
  }

  const { engines, notMeasured } = await setUpEngines(env, tmp);
  const real = realFiles(env.BENCH_IATI_REAL_DIR);
  if (real.length === 0) {
    log(
      `\n*** No real files: ${env.BENCH_IATI_REAL_DIR} is missing or holds no .xml; skipping them ***\n`,
    );
    notMeasured.push({
      what: 'real AidData files',
      reason: `${env.BENCH_IATI_REAL_DIR} not found or empty`,
    });
  }

  const files: FileResult[] = [];
  files.push(
    await measureFile(
      { path: genPath, name: basename(genPath), source: 'generated' },
      env,
      engines,
      tmp,
    ),
  );
  for (const f of real) files.push(await measureFile(f, env, engines, tmp));

  let profile: ProfileResult[] = [];
  if (env.BENCH_IATI_PROFILE_MB > 0 && engines.list.length > 0) {
    let path = genPath;
    if (env.BENCH_IATI_PROFILE_MB < env.BENCH_IATI_MB * 0.9) {
      // The same seed: the first activities of the big file, fewer of them.
      path = join(tmp, `generated-${String(env.BENCH_IATI_PROFILE_MB)}mb-profile.xml`);
      await step({
        kind: 'generate',
        label: `generate ~${env.BENCH_IATI_PROFILE_MB} MB for the profile`,
        path,
        targetBytes: env.BENCH_IATI_PROFILE_MB * MB,
        seed: env.BENCH_IATI_SEED,
        organisations: env.BENCH_IATI_ORGS,
      });
    }
    profile = await profileImports(path, env, engines, tmp);
  }

  const codeAtEnd = codeState();
  const changedDuringRun =
    codeAtStart.trees !== codeAtEnd.trees || codeAtStart.uncommitted !== codeAtEnd.uncommitted;
  if (changedDuringRun)
    log(
      `\n*** WARNING: the code under src/ changed during the run (${codeAtStart.commit} → ${codeAtEnd.commit}): the figures mix versions ***\n`,
    );
  const bars = judgeBars(files, 200);
  const result: IatiBenchResult = {
    date,
    machine,
    settings: {
      generatedMB: env.BENCH_IATI_MB,
      seed: env.BENCH_IATI_SEED,
      organisations: env.BENCH_IATI_ORGS,
      pgliteBudgetSeconds: env.BENCH_IATI_PGLITE_BUDGET_S,
      postgresBudgetSeconds: env.BENCH_IATI_PG_BUDGET_S,
      profileMB: env.BENCH_IATI_PROFILE_MB,
      realDir: env.BENCH_IATI_REAL_DIR,
      minSeconds: env.BENCH_IATI_MIN_SECONDS,
    },
    engines: engines.versions,
    code: { atStart: codeAtStart, atEnd: codeAtEnd, changedDuringRun },
    loadAverage: { before: loadBefore, after: loadavg()[0] ?? 0 },
    notMeasured,
    generation: {
      file: basename(genPath),
      bytes: gen.bytes,
      activities: gen.activities ?? 0,
      seconds: gen.seconds,
      mbPerSecond: gen.bytes / MB / gen.seconds,
      peakRssMB: gen.peakRssBytes / MB,
      xmllint: schemaCheck,
    },
    prepare: engines.prepare,
    files,
    bars,
    profile,
    totalSeconds: (performance.now() - started) / 1000,
  };
  process.stdout.write(`\nThe bars (generated file; real files together)\n${textBars(bars)}\n`);
  for (const n of notMeasured) log(`NOT MEASURED: ${n.what} — ${n.reason}`);

  if (env.BENCH_WRITE === '1') {
    const json = projectPath('bench', 'iati', 'results', `iati-${sizeTag}.json`);
    await writeJson(json, result);
    log(`wrote ${json}`);
    const doc = projectPath('docs', 'benchmarks-iati.md');
    await writeDoc(doc, generatedSection(result));
    log(`wrote ${doc}`);
  }
  log(`done in ${num(result.totalSeconds / 60)} minutes`);
  await cleanUp();
}

main().catch(async (err: unknown) => {
  if (interrupted) return;
  process.stderr.write(
    `\nbench:iati failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
  );
  await cleanUp();
  process.exit(1);
});
