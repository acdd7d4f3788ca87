/**
 * The measured steps. Each runs in a child process of its own (see child.ts), so that its peak
 * RSS is its own and not what an earlier step left behind in the heap.
 */
import { createReadStream } from 'node:fs';
import type { Actor } from '../../src/server/auth/actor.js';
import type { Database } from '../../src/server/db/db.js';
import type { ProfileSummary } from './profile.js';
import type { Stage, StageTotals } from './stages.js';

// Everything else is imported inside the step that needs it: a raw read should not load PGlite,
// and what a step loads counts in its RSS.

/** Where a step finds its database: a PGlite data directory or a PostgreSQL URL. */
export type Target = { engine: 'pglite'; dataDir: string } | { engine: 'postgres'; url: string };

export type StepSpec =
  | {
      kind: 'generate';
      label: string;
      path: string;
      targetBytes: number;
      seed: number;
      organisations: number;
    }
  | { kind: 'raw' | 'saxes' | 'parse'; label: string; file: string; minSeconds: number }
  | { kind: 'prepare'; label: string; target: Target }
  | {
      kind: 'import';
      label: string;
      file: string;
      target: Target;
      /** Stop reading after this many seconds and commit what was read (null: no limit). */
      budgetSeconds: number | null;
      /** Time the stages (statement kinds, parsing) and take a CPU profile of the import. */
      profile: boolean;
    }
  | {
      kind: 'export';
      label: string;
      target: Target;
      /** Take a CPU profile of the export. */
      profile: boolean;
    };

export interface StepResult {
  kind: StepSpec['kind'];
  label: string;
  /** Wall time of the measured work, all rounds together. */
  seconds: number;
  /** Bytes read (or, for export, written) by the measured work, all rounds together. */
  bytes: number;
  /** Activities read, imported or exported, all rounds together; null when the step cannot know. */
  activities: number | null;
  /** How often the work ran: small files are read several times for a stable figure. */
  rounds: number;
  /** Peak resident set size of the child process over its whole life (getrusage ru_maxrss). */
  peakRssBytes: number;
  /** Resident set size just before the measured work began: Node, tsx, modules, an open database. */
  startRssBytes: number;
  /** Set when an import stopped at its time budget before the end of the file. */
  stoppedAtBudget?: boolean;
  details?: Record<string, unknown>;
  stages?: Stage[];
  statements?: Record<string, { ms: number; count: number }>;
  profile?: ProfileSummary;
  /** Profiling only: the heap after a full collection, every 2 MB of the file. */
  heap?: HeapSample[];
}

export interface HeapSample {
  bytes: number;
  heapMB: number;
  /** Memory outside the JS heap (Buffers, PGlite's WebAssembly memory). */
  externalMB: number;
}

export type Progress = (line: string) => void;

const ACTOR: Actor = {
  userId: '00000000-0000-4000-8000-00000000be4c',
  email: 'bench@koordinata.invalid',
  role: 'admin',
  organisationId: null,
  municipalityId: null,
};

const mb = (bytes: number) => (bytes / 1e6).toFixed(1);

/** A status line at most once a second. */
function throttled(progress: Progress): (make: () => string) => void {
  let last = 0;
  return (make) => {
    const now = performance.now();
    if (now - last < 1000) return;
    last = now;
    progress(make());
  };
}

async function open(target: Target): Promise<Database> {
  if (target.engine === 'pglite') {
    const { openPglite } = await import('../../src/server/db/pglite.js');
    return openPglite(target.dataDir);
  }
  const { openPostgres } = await import('../../src/server/db/postgres.js');
  return openPostgres(target.url, 2);
}

/** Runs `once` until `minSeconds` have passed (at most 200 times); totals over all rounds. */
async function rounds(
  minSeconds: number,
  once: () => Promise<{ bytes: number; activities: number | null }>,
): Promise<{ seconds: number; bytes: number; activities: number | null; rounds: number }> {
  let bytes = 0;
  let activities: number | null = 0;
  let n = 0;
  const t0 = performance.now();
  do {
    const r = await once();
    bytes += r.bytes;
    activities = activities === null || r.activities === null ? null : activities + r.activities;
    n++;
  } while (performance.now() - t0 < minSeconds * 1000 && n < 200);
  return { seconds: (performance.now() - t0) / 1000, bytes, activities, rounds: n };
}

async function rawRead(file: string, tick: (bytes: number) => void): Promise<number> {
  let bytes = 0;
  for await (const chunk of createReadStream(file)) {
    bytes += (chunk as Buffer).length;
    tick(bytes);
  }
  return bytes;
}

/** A bare saxes parser over the file: tokenising only, counting `<iati-activity>` elements. */
async function saxesOnly(
  file: string,
  tick: (bytes: number) => void,
): Promise<{ bytes: number; activities: number }> {
  const { SaxesParser } = await import('saxes');
  const parser = new SaxesParser();
  let activities = 0;
  parser.on('opentag', (tag) => {
    if (tag.name === 'iati-activity') activities++;
  });
  let chars = 0;
  const stream = createReadStream(file, { encoding: 'utf8' });
  for await (const chunk of stream) {
    const text = chunk as string;
    chars += text.length;
    parser.write(text);
    tick(stream.bytesRead);
  }
  parser.close();
  return { bytes: stream.bytesRead || chars, activities };
}

async function parseOnly(
  file: string,
  tick: (bytes: number) => void,
): Promise<{ bytes: number; activities: number; problems: number }> {
  const { parseIati } = await import('../../src/server/iati/parse/parse.js');
  const { loadCodelistIndex } = await import('../../src/server/iati/parse/codelists.js');
  let activities = 0;
  let problems = 0;
  const run = parseIati(createReadStream(file), {
    validate: { codelists: loadCodelistIndex() },
    onProgress: tick,
  });
  for (;;) {
    const next = await run.next();
    if (next.done) return { bytes: next.value.bytes, activities, problems };
    activities++;
    problems += next.value.problems.length;
  }
}

/** Turns on V8's sampling profiler in this process; `stop` returns the profile's summary. */
async function startProfiler(): Promise<{ stop: () => Promise<ProfileSummary> }> {
  const { Session } = await import('node:inspector/promises');
  const { summariseProfile } = await import('./profile.js');
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 500 });
  await session.post('Profiler.start');
  return {
    stop: async () => {
      const { profile } = await session.post('Profiler.stop');
      session.disconnect();
      return summariseProfile(profile);
    },
  };
}

/** A function that runs a full garbage collection, without --expose-gc on the command line. */
async function collector(): Promise<() => void> {
  const { setFlagsFromString } = await import('node:v8');
  const { runInNewContext } = await import('node:vm');
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

function rss(): number {
  return process.memoryUsage().rss;
}

export async function runStep(spec: StepSpec, progress: Progress): Promise<StepResult> {
  const say = throttled(progress);
  const base = { kind: spec.kind, label: spec.label };
  const finish = (
    r: Omit<StepResult, 'kind' | 'label' | 'peakRssBytes' | 'startRssBytes'>,
    startRss: number,
  ): StepResult => ({
    ...base,
    ...r,
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
    startRssBytes: startRss,
  });
  const started = () => performance.now();
  const rate = (bytes: number, t0: number) =>
    `${mb(bytes)} MB, ${(bytes / 1e6 / ((performance.now() - t0) / 1000)).toFixed(1)} MB/s, rss ${mb(rss())} MB`;

  switch (spec.kind) {
    case 'generate': {
      const { writeGeneratedFile } = await import('./generate.js');
      const startRss = rss();
      const g = await writeGeneratedFile(spec.path, {
        seed: spec.seed,
        organisations: spec.organisations,
        targetBytes: spec.targetBytes,
        progress: (bytes, n) => {
          progress(
            `${spec.label}: ${mb(bytes)} / ${mb(spec.targetBytes)} MB, ${n} activities, rss ${mb(rss())} MB`,
          );
        },
      });
      return finish(
        { seconds: g.seconds, bytes: g.bytes, activities: g.activities, rounds: 1 },
        startRss,
      );
    }
    case 'raw':
    case 'saxes':
    case 'parse': {
      // Load the modules (and the codelists) before the clock starts; the rounds find them cached.
      if (spec.kind === 'saxes') await import('saxes');
      if (spec.kind === 'parse') {
        await import('../../src/server/iati/parse/parse.js');
        (await import('../../src/server/iati/parse/codelists.js')).loadCodelistIndex();
      }
      const startRss = rss();
      let t0 = started();
      const tick = (bytes: number) => say(() => `${spec.label}: ${rate(bytes, t0)}`);
      const details: Record<string, unknown> = {};
      const r = await rounds(spec.minSeconds, async () => {
        t0 = started();
        if (spec.kind === 'raw') return { bytes: await rawRead(spec.file, tick), activities: null };
        if (spec.kind === 'saxes') return saxesOnly(spec.file, tick);
        const p = await parseOnly(spec.file, tick);
        details.problems = p.problems;
        return p;
      });
      return finish({ ...r, details }, startRss);
    }
    case 'prepare': {
      const { prepareDatabase } = await import('../../src/server/db/prepare.js');
      const t0 = started();
      const db = await open(spec.target);
      const startRss = rss();
      const opened = (performance.now() - t0) / 1000;
      const t1 = started();
      const prepared = await prepareDatabase(db);
      const seconds = (performance.now() - t1) / 1000;
      const [version] = await db.query<{ v: string }>(
        "select current_setting('server_version') as v",
      );
      await db.close();
      return finish(
        {
          seconds,
          bytes: 0,
          activities: null,
          rounds: 1,
          details: {
            openSeconds: opened,
            migrations: prepared.migrations.length,
            serverVersion: version?.v ?? '?',
          },
        },
        startRss,
      );
    }
    case 'import': {
      const { importIati } = await import('../../src/server/iati/import/import.service.js');
      const { parsedFile } = await import('../../src/server/iati/import/parsed-file.js');
      const { loadCodelistIndex } = await import('../../src/server/iati/parse/codelists.js');
      const { budgeted, stages, timedDatabase, timedParsedFile } = await import('./stages.js');
      const db = await open(spec.target);
      // Load before the clock starts what parsedFile would load on its first activity.
      loadCodelistIndex();
      const totals: StageTotals = { statements: {}, parseMs: 0 };
      // Profiling only: a full GC every 2 MB read, to see what the import really keeps.
      const gc = spec.profile ? await collector() : null;
      const heap: HeapSample[] = [];
      let gcMs = 0;
      let nextGcAt = 0;
      const startRss = rss();
      const t0 = started();
      let file = parsedFile(createReadStream(spec.file), {
        maxBytes: 2 ** 31 - 1,
        onProgress: (bytes) => {
          say(() => `${spec.label}: ${rate(bytes, t0)}`);
          if (gc && bytes >= nextGcAt) {
            const g0 = performance.now();
            gc();
            const m = process.memoryUsage();
            heap.push({ bytes, heapMB: m.heapUsed / 1e6, externalMB: m.external / 1e6 });
            gcMs += performance.now() - g0;
            nextGcAt = bytes + 2e6;
          }
        },
      });
      let stopped = () => false;
      if (spec.budgetSeconds !== null) {
        const b = budgeted(file, spec.budgetSeconds);
        file = b.file;
        stopped = b.stopped;
      }
      const profiler = spec.profile ? await startProfiler() : null;
      const target = spec.profile ? timedDatabase(db, totals) : db;
      if (spec.profile) file = timedParsedFile(file, totals);
      const t1 = started();
      const report = await importIati(target, ACTOR, file, {
        fileName: spec.file,
        dryRun: false,
        strict: false,
      });
      // The forced collections happened while parsing: leave them out of both.
      const ms = performance.now() - t1 - gcMs;
      totals.parseMs -= gcMs;
      const profile = profiler ? await profiler.stop() : undefined;
      await db.close();
      const c = report.counts;
      const result: StepResult = finish(
        {
          seconds: ms / 1000,
          bytes: report.bytes,
          activities: c.new + c.changed + c.unchanged + c.rejected,
          rounds: 1,
          stoppedAtBudget: stopped(),
          details: {
            status: report.status,
            counts: c,
            problemCounts: report.problem_counts,
          },
        },
        startRss,
      );
      if (spec.profile) {
        result.stages = stages(totals, ms);
        result.statements = totals.statements;
        result.heap = heap;
        if (profile) result.profile = profile;
      }
      return result;
    }
    case 'export': {
      const { exportIati } = await import('../../src/server/iati/export/export.service.js');
      const { officePublisher } = await import('../../src/server/iati/publisher.js');
      const { Writable } = await import('node:stream');
      const db = await open(spec.target);
      const startRss = rss();
      let bytes = 0;
      let activities = 0;
      const profiler = spec.profile ? await startProfiler() : null;
      const t0 = started();
      const sink = new Writable({
        write(chunk: Buffer, _encoding, callback) {
          bytes += chunk.length;
          callback();
        },
      });
      const r = await exportIati(db, null, {}, sink, {
        publisher: officePublisher('RS-KOORDINACIONO-TELO'),
        onActivity: () => {
          activities++;
          say(() => `${spec.label}: ${activities} activities, ${rate(bytes, t0)}`);
        },
      });
      const seconds = (performance.now() - t0) / 1000;
      const profile = profiler ? await profiler.stop() : undefined;
      await db.close();
      const result = finish(
        {
          seconds,
          bytes: r.bytes,
          activities: r.activities,
          rounds: 1,
          details: { skipped: r.skipped.length, sinkBytes: bytes },
        },
        startRss,
      );
      if (profile) result.profile = profile;
      return result;
    }
  }
}
