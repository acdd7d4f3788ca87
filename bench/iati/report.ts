/** The IATI benchmark's results: their shape, the bars, the terminal tables and the document. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { format, resolveConfig } from 'prettier';
import type { Engine } from '../../src/server/db/db.js';
import type { Machine } from '../machine.js';
import { writeJson } from '../report.js';
import type { ProfileSummary } from './profile.js';
import type { Stage } from './stages.js';
import type { HeapSample } from './steps.js';

export const STEPS = [
  'raw read',
  'saxes parse-only',
  'parseIati',
  'import → PostgreSQL',
  'import → PGlite',
  'export ← PostgreSQL',
  'export ← PGlite',
] as const;
export type StepName = (typeof STEPS)[number];

export interface Row {
  step: StepName;
  seconds: number;
  bytes: number;
  activities: number | null;
  rounds: number;
  mbPerSecond: number;
  activitiesPerSecond: number | null;
  peakRssMB: number;
  startRssMB: number;
  /** The import stopped at its time budget: figures are for the part read. */
  budget?: {
    seconds: number;
    bytesRead: number;
    fileBytes: number;
    /** fileBytes at the measured rate: an extrapolation, not a measurement. */
    extrapolatedSeconds: number;
  };
  note?: string;
  /** The step failed: its figures are zeros and mean nothing. */
  error?: string;
  details?: Record<string, unknown>;
}

export interface FileResult {
  name: string;
  source: 'generated' | 'real';
  bytes: number;
  activities: number;
  rows: Row[];
}

export interface BarResult {
  bar: string;
  required: string;
  generated: string;
  verdict: 'pass' | 'miss' | 'n/a';
  real: string;
  realVerdict: 'pass' | 'miss' | 'n/a';
  note: string;
}

export interface ProfileResult {
  engine: Engine;
  file: string;
  bytes: number;
  seconds: number;
  mbPerSecond: number;
  stages: Stage[];
  statements: { kind: string; ms: number; count: number }[];
  cpu?: ProfileSummary;
  /** The heap after a full collection as the file was read. */
  heap: HeapSample[];
  /** The export of what that import stored, with the profiler on. */
  export?: { bytes: number; seconds: number; mbPerSecond: number; cpu?: ProfileSummary };
}

export interface IatiBenchResult {
  date: string;
  machine: Machine;
  settings: {
    generatedMB: number;
    seed: number;
    organisations: number;
    pgliteBudgetSeconds: number;
    postgresBudgetSeconds: number;
    profileMB: number;
    realDir: string;
    minSeconds: number;
  };
  engines: { engine: Engine; version: string; where: string }[];
  code: {
    atStart: { commit: string; trees: string; uncommitted: string | null };
    atEnd: { commit: string; trees: string; uncommitted: string | null };
    changedDuringRun: boolean;
  };
  /** The 1-minute load average when the run began and ended: above the CPU count, other work competed. */
  loadAverage: { before: number; after: number };
  notMeasured: { what: string; reason: string }[];
  generation: {
    file: string;
    bytes: number;
    activities: number;
    seconds: number;
    mbPerSecond: number;
    peakRssMB: number;
    xmllint: string;
  };
  prepare: { engine: Engine; seconds: number; openSeconds: number }[];
  files: FileResult[];
  bars: BarResult[];
  profile: ProfileResult[];
  totalSeconds: number;
}

export const MB = 1e6;

export const num = (n: number) =>
  n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n >= 1 ? n.toFixed(2) : n.toFixed(3);
const int = (n: number) => Math.round(n).toLocaleString('en-US');
const pct = (share: number) => `${(share * 100).toFixed(1)} %`;

/** The step's row, unless it failed. */
function rowOf(file: FileResult, step: StepName): Row | undefined {
  return file.rows.find((r) => r.step === step && r.error === undefined);
}

/** Bytes over seconds of one step across files: the throughput of all of them read in turn. */
function aggregate(files: readonly FileResult[], step: StepName): Row | null {
  const rows = files.map((f) => rowOf(f, step)).filter((r): r is Row => r !== undefined);
  if (rows.length === 0 || rows.length < files.length) return null;
  const seconds = rows.reduce((s, r) => s + r.seconds, 0);
  const bytes = rows.reduce((s, r) => s + r.bytes, 0);
  const acts = rows.every((r) => r.activities !== null)
    ? rows.reduce((s, r) => s + (r.activities ?? 0), 0)
    : null;
  return {
    step,
    seconds,
    bytes,
    activities: acts,
    rounds: 1,
    mbPerSecond: bytes / MB / seconds,
    activitiesPerSecond: acts === null ? null : acts / seconds,
    peakRssMB: Math.max(...rows.map((r) => r.peakRssMB)),
    startRssMB: Math.max(...rows.map((r) => r.startRssMB)),
  };
}

function throughputBar(
  bar: string,
  factor: number,
  step: StepName,
  generated: FileResult | undefined,
  real: readonly FileResult[],
): BarResult {
  const judge = (saxes: Row | null | undefined, row: Row | null | undefined) => {
    if (!saxes || !row) return { text: 'not measured', verdict: 'n/a' as const };
    const need = factor * saxes.mbPerSecond;
    const partial = row.budget ? ' (part read within the time budget)' : '';
    return {
      text: `${num(row.mbPerSecond)} MB/s = ${(row.mbPerSecond / saxes.mbPerSecond).toFixed(3)}× saxes (${num(saxes.mbPerSecond)} MB/s; bar ${num(need)} MB/s)${partial}`,
      verdict: row.mbPerSecond >= need ? ('pass' as const) : ('miss' as const),
    };
  };
  const g = judge(
    generated && rowOf(generated, 'saxes parse-only'),
    generated && rowOf(generated, step),
  );
  const r = judge(aggregate(real, 'saxes parse-only'), aggregate(real, step));
  return {
    bar,
    required: `≥ ${factor} × saxes parse-only MB/s`,
    generated: g.text,
    verdict: g.verdict,
    real: r.text,
    realVerdict: r.verdict,
    note: '',
  };
}

function rssBar(
  step: StepName,
  generated: FileResult | undefined,
  real: readonly FileResult[],
  fullMB: number,
): BarResult {
  const row = generated && rowOf(generated, step);
  const agg = aggregate(real, step);
  const size = generated ? generated.bytes / MB : 0;
  const notes: string[] = [];
  if (generated && Math.abs(size - fullMB) > fullMB * 0.1)
    notes.push(`the bar is for a ${fullMB} MB file; this run's file is ${num(size)} MB`);
  if (row?.budget) notes.push('import stopped at its time budget: the full file would peak higher');
  if (step.endsWith('PostgreSQL')) notes.push("the Node process only, not the server's memory");
  return {
    bar: `peak RSS < 300 MB: ${step}`,
    required: '< 300 MB',
    generated: row
      ? `${num(row.peakRssMB)} MB (${num(row.startRssMB)} MB at start)`
      : 'not measured',
    verdict: row ? (row.peakRssMB < 300 ? 'pass' : 'miss') : 'n/a',
    real: agg ? `${num(agg.peakRssMB)} MB (largest)` : 'not measured',
    realVerdict: agg ? (agg.peakRssMB < 300 ? 'pass' : 'miss') : 'n/a',
    note: notes.join('; '),
  };
}

function exportBar(
  step: StepName,
  generated: FileResult | undefined,
  real: readonly FileResult[],
): BarResult {
  const row = generated && rowOf(generated, step);
  const agg = aggregate(real, step);
  return {
    bar: `${step} ≥ 50 MB/s`,
    required: '≥ 50 MB/s',
    generated: row ? `${num(row.mbPerSecond)} MB/s` : 'not measured',
    verdict: row ? (row.mbPerSecond >= 50 ? 'pass' : 'miss') : 'n/a',
    real: agg ? `${num(agg.mbPerSecond)} MB/s` : 'not measured',
    realVerdict: agg ? (agg.mbPerSecond >= 50 ? 'pass' : 'miss') : 'n/a',
    note:
      typeof row?.details?.skipped === 'number' && row.details.skipped > 0
        ? `${row.details.skipped} activities skipped`
        : '',
  };
}

/** The issue's bars, measured on the generated file and on all real files together. */
export function judgeBars(files: readonly FileResult[], fullMB: number): BarResult[] {
  const generated = files.find((f) => f.source === 'generated');
  const real = files.filter((f) => f.source === 'real');
  return [
    throughputBar('import → PostgreSQL ≥ 0.7 × saxes', 0.7, 'import → PostgreSQL', generated, real),
    throughputBar('import → PGlite ≥ 0.3 × saxes', 0.3, 'import → PGlite', generated, real),
    rssBar('parseIati', generated, real, fullMB),
    rssBar('import → PostgreSQL', generated, real, fullMB),
    rssBar('import → PGlite', generated, real, fullMB),
    rssBar('export ← PostgreSQL', generated, real, fullMB),
    rssBar('export ← PGlite', generated, real, fullMB),
    exportBar('export ← PostgreSQL', generated, real),
    exportBar('export ← PGlite', generated, real),
  ];
}

function noteOf(r: Row): string {
  const parts: string[] = [];
  if (r.rounds > 1) parts.push(`${r.rounds} rounds`);
  if (r.budget)
    parts.push(
      `stopped at the ${r.budget.seconds} s budget after ${num(r.budget.bytesRead / MB)} of ${num(r.budget.fileBytes / MB)} MB; whole file ≈ ${num(r.budget.extrapolatedSeconds)} s (extrapolated)`,
    );
  if (r.note) parts.push(r.note);
  return parts.join('; ');
}

function cellsOf(r: Row): string[] {
  if (r.error !== undefined)
    return [r.step, '–', '–', '–', '–', '–', `FAILED: ${r.error.split('\n')[0] ?? ''}`];
  return [
    r.step,
    num(r.mbPerSecond),
    r.activitiesPerSecond === null ? '–' : int(r.activitiesPerSecond),
    num(r.seconds),
    num(r.peakRssMB),
    num(r.startRssMB),
    noteOf(r),
  ];
}

const HEAD = ['step', 'MB/s', 'activities/s', 'seconds', 'peak RSS MB', 'RSS at start MB', 'note'];

function textGrid(rows: readonly (readonly string[])[]): string {
  const widths = (rows[0] ?? []).map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows
    .map((r) =>
      r
        .map((c, i) =>
          i === 0 || i === r.length - 1 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0),
        )
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

function mdTable(head: readonly string[], rows: readonly (readonly string[])[]): string {
  const esc = (c: string) => c.replace(/\|/g, '\\|');
  return [
    `| ${head.map(esc).join(' | ')} |`,
    `|${head.map(() => ' --- |').join('')}`,
    ...rows.map((r) => `| ${r.map(esc).join(' | ')} |`),
  ].join('\n');
}

function fileTitle(f: FileResult): string {
  return `${f.name} — ${num(f.bytes / MB)} MB, ${int(f.activities)} activities`;
}

/** The terminal's view of one file. */
export function textFile(f: FileResult): string {
  return `${fileTitle(f)}\n${textGrid([HEAD, ...f.rows.map(cellsOf)])}`;
}

export function textBars(bars: readonly BarResult[]): string {
  return textGrid([
    ['bar', 'generated file', 'verdict', 'real files', 'verdict'],
    ...bars.map((b) => [
      b.bar,
      b.generated,
      b.verdict.toUpperCase(),
      b.real,
      b.realVerdict.toUpperCase(),
    ]),
  ]);
}

function matrix(
  files: readonly FileResult[],
  value: (r: Row) => string,
  total: ((step: StepName) => string) | null,
): string {
  const rows = files.map((f) => [
    f.name,
    num(f.bytes / MB),
    int(f.activities),
    ...STEPS.map((s) => {
      const r = f.rows.find((x) => x.step === s);
      return !r ? '–' : r.error !== undefined ? 'failed' : value(r);
    }),
  ]);
  if (total) {
    const bytes = files.reduce((s, f) => s + f.bytes, 0);
    const acts = files.reduce((s, f) => s + f.activities, 0);
    rows.push(['**all real files**', num(bytes / MB), int(acts), ...STEPS.map(total)]);
  }
  return mdTable(['file', 'MB', 'activities', ...STEPS], rows);
}

function profileSection(p: ProfileResult): string {
  const first = p.heap[0];
  const last = p.heap.at(-1);
  const slope = heapTrend(p.heap);
  const kept =
    first && last && slope !== null
      ? `Heap after a full collection, every 2 MB read: ${p.heap.map((h) => num(h.heapMB)).join(', ')} MB. ` +
        `Its trend (least squares) is **${slope.toFixed(2)} MB kept per MB of file**; the saw-tooth around it ` +
        `is work in progress (a batch of activities being built). ` +
        `Memory outside the JS heap (Buffers, PGlite's WebAssembly memory): ${num(first.externalMB)} → ${num(last.externalMB)} MB.`
      : '';
  const lines = [
    `#### ${p.engine === 'pglite' ? 'PGlite' : 'PostgreSQL'}: ${num(p.bytes / MB)} MB in ${num(p.seconds)} s (${num(p.mbPerSecond)} MB/s with the timers and the profiler on)`,
    '',
    ...(kept ? [kept, ''] : []),
    mdTable(
      ['stage', 'seconds', 'share', 'statements'],
      p.stages.map((s) => [
        s.stage,
        num(s.ms / 1000),
        pct(s.share),
        s.statements ? int(s.statements) : '',
      ]),
    ),
    '',
    'Statement kinds, slowest first (wall time including the round trip):',
    '',
    mdTable(
      ['statement', 'seconds', 'count', 'ms each'],
      p.statements
        .slice(0, 12)
        .map((s) => [`\`${s.kind}\``, num(s.ms / 1000), int(s.count), num(s.ms / s.count)]),
    ),
  ];
  if (p.cpu) lines.push('', cpuTables('CPU profile of the same import', p.cpu));
  if (p.export?.cpu)
    lines.push(
      '',
      cpuTables(
        `CPU profile of the export of what it stored (${num(p.export.bytes / MB)} MB at ${num(p.export.mbPerSecond)} MB/s with the profiler on)`,
        p.export.cpu,
      ),
    );
  return lines.join('\n');
}

/** The least-squares slope of heap MB over file MB: what the import keeps per MB read. */
function heapTrend(samples: readonly HeapSample[]): number | null {
  if (samples.length < 3) return null;
  const xs = samples.map((s) => s.bytes / MB);
  const ys = samples.map((s) => s.heapMB);
  const mean = (v: readonly number[]) => v.reduce((a, b) => a + b, 0) / v.length;
  const mx = mean(xs);
  const my = mean(ys);
  let sxy = 0;
  let sxx = 0;
  for (const [i, x] of xs.entries()) {
    sxy += (x - mx) * ((ys[i] ?? my) - my);
    sxx += (x - mx) ** 2;
  }
  return sxx > 0 ? sxy / sxx : null;
}

function cpuTables(title: string, cpu: ProfileSummary): string {
  return [
    `${title} (V8 sampling profiler, self time; ${int(cpu.samples)} samples over ${num(cpu.totalMs / 1000)} s):`,
    '',
    mdTable(
      ['area', 'seconds', 'share'],
      cpu.areas.map((a) => [a.area, num(a.ms / 1000), pct(a.share)]),
    ),
    '',
    mdTable(
      ['function', 'file', 'area', 'seconds', 'share'],
      cpu.top
        .slice(0, 10)
        .map((f) => [
          `\`${f.name}\``,
          f.where ? `\`${f.where}\`` : '',
          f.area,
          num(f.ms / 1000),
          pct(f.share),
        ]),
    ),
  ].join('\n');
}

/** The part of docs/benchmarks-iati.md a run rewrites. */
export function generatedSection(r: IatiBenchResult): string {
  const m = r.machine;
  const generated = r.files.find((f) => f.source === 'generated');
  const real = r.files.filter((f) => f.source === 'real');
  const engines = r.engines.map((e) =>
    e.engine === 'pglite'
      ? `PGlite ${m.pglite} (PostgreSQL ${e.version})`
      : `PostgreSQL server ${e.version}`,
  );
  const g = r.generation;
  const s = r.settings;
  const out = [
    '## Run',
    '',
    `- Date: ${r.date.slice(0, 10)} (${r.date.slice(11, 16)} UTC); the whole run took ${num(r.totalSeconds / 60)} minutes`,
    `- Machine: ${m.cpus} CPUs (\`nproc\`), ${m.cpuModel}, ${m.ramGiB} GiB RAM, ${m.os}; ` +
      `load average (1 min) ${r.loadAverage.before.toFixed(2)} when the run began, ${r.loadAverage.after.toFixed(2)} at its end`,
    `- Node ${m.node}; ${engines.join('; ')}`,
    `- Code: commit \`${r.code.atStart.commit}\`${r.code.atStart.uncommitted ? ' with uncommitted changes under src/ or migrations/' : ''}` +
      (r.code.changedDuringRun
        ? ` — **the code changed during the run** (to \`${r.code.atEnd.commit}\`${r.code.atEnd.uncommitted ? ' with uncommitted changes' : ''}): the figures mix versions`
        : ', unchanged during the run'),
    ...r.notMeasured.map((n) => `- **Not measured: ${n.what}** — ${n.reason}`),
    '',
    'Rerun with `npm run bench:iati` (5–10 minutes at the default size; progress on stderr), or',
    '`BENCH_IATI_MB=20 npm run bench:iati` for a quick run. It writes',
    `\`bench/iati/results/iati-<size>mb.json\` and the part of this file between the bench markers.`,
    'Knobs: `BENCH_IATI_MB` (default 200), `BENCH_IATI_ENGINES=pglite,postgres`, `BENCH_PG_URL`',
    '(default `postgres://postgres@127.0.0.1:5432/postgres`), `BENCH_IATI_PGLITE_BUDGET_S` (default 200) and',
    '`BENCH_IATI_PG_BUDGET_S` (default 200), `BENCH_IATI_PROFILE_MB` (default 20, 0 = no profile),',
    '`BENCH_IATI_REAL_DIR`, `BENCH_IATI_SEED`, `BENCH_IATI_XMLLINT=0`, `BENCH_WRITE=0` (print only),',
    '`BENCH_IATI_RENDER=bench/iati/results/iati-200mb.json` (rewrite this section from saved results, run nothing).',
    '',
    '## Files',
    '',
    `- **Generated**: ${num(g.bytes / MB)} MB, ${int(g.activities)} activities (seed ${s.seed}, ${s.organisations} organisations), ` +
      `written in ${num(g.seconds)} s (${num(g.mbPerSecond)} MB/s, peak RSS ${num(g.peakRssMB)} MB) by \`bench/iati/generate.ts\` ` +
      `through the project's own serialiser. Schema check of the whole file: ${g.xmllint}.`,
    real.length
      ? `- **Real**: the AidData IATI 2.03 files in \`${s.realDir}\`: ${real
          .map((f) => `${f.name} (${num(f.bytes / MB)} MB, ${int(f.activities)} activities)`)
          .join(', ')}.`
      : `- **Real**: none measured (${s.realDir} not found).`,
    '',
    '## Method',
    '',
    '- Every step runs in a **child process of its own** (`bench/iati/child.ts`, forked with the same',
    "  Node flags). **Peak RSS** is that process's `ru_maxrss` (`process.resourceUsage().maxRSS`):",
    '  the true peak, not a sample. "RSS at start" is the RSS just before the measured work (Node,',
    '  tsx, the modules, and for the database steps the opened database): the floor under the peak.',
    "  For PostgreSQL it is the Node process only; the server's own memory is not counted.",
    "- MB = 10⁶ bytes; MB/s is the file's bytes (for export: the bytes written) over the wall time",
    '  of the step. Files smaller than a second\'s work are read several times ("rounds") and the',
    `  totals divided (at least ${s.minSeconds} s per reading step). The files are in the page cache (the raw read goes first).`,
    '- **raw read**: `fs.createReadStream`, counting bytes. **saxes parse-only**: a bare `SaxesParser`',
    '  over a UTF-8 text stream, counting `<iati-activity>` elements, nothing built. **parseIati**:',
    '  `parseIati(stream, { validate: { codelists } })`: the model and the validation, as the importer',
    '  gets them.',
    '- **import**: `importIati(db, admin, parsedFile(stream), { dryRun: false, strict: false })`, all new',
    '  activities, one transaction, into a fresh database per file and engine, prepared',
    '  (`prepareDatabase`: migrations and reference data) beforehand and outside the timing.',
    `  PGlite runs on a temporary data directory (so that import and export can be two processes);`,
    `  PostgreSQL on a database \`koordinata_bench_<timestamp>\` created by \`bench/engines.ts\` and dropped afterwards.`,
    `  An import stops reading at its time budget (PGlite ${s.pgliteBudgetSeconds} s, PostgreSQL ${s.postgresBudgetSeconds} s) and commits what it read;`,
    '  its MB/s is then over the part read and the whole-file time is **extrapolated**, and said so.',
    '- **export**: `exportIati(db, null, {}, sink, { publisher })` of everything the import stored, to a',
    '  Writable that discards the bytes.',
    '',
    '## Results',
    '',
  ];
  if (generated) {
    out.push(
      `### Generated file: ${fileTitle(generated)}`,
      '',
      mdTable(HEAD, generated.rows.map(cellsOf)),
      '',
    );
  }
  if (real.length) {
    const totalRow = (step: StepName) => {
      const a = aggregate(real, step);
      return a ? `**${num(a.mbPerSecond)}**` : '–';
    };
    const totalRss = (step: StepName) => {
      const a = aggregate(real, step);
      return a ? `**${num(a.peakRssMB)}**` : '–';
    };
    out.push(
      '### Real files (AidData)',
      '',
      "MB/s (the last line: all files' bytes over all files' time):",
      '',
      matrix(real, (row) => num(row.mbPerSecond), totalRow),
      '',
      'Activities per second:',
      '',
      matrix(
        real,
        (row) => (row.activitiesPerSecond === null ? '–' : int(row.activitiesPerSecond)),
        null,
      ),
      '',
      'Peak RSS, MB (the last line: the largest):',
      '',
      matrix(real, (row) => num(row.peakRssMB), totalRss),
      '',
    );
  }
  out.push(
    '## The bars',
    '',
    mdTable(
      ['bar', 'generated file', 'verdict', 'real files together', 'verdict', 'note'],
      r.bars.map((b) => [
        b.bar,
        b.generated,
        `**${b.verdict}**`,
        b.real,
        `**${b.realVerdict}**`,
        b.note,
      ]),
    ),
    '',
  );
  if (r.profile.length) {
    out.push(
      `## Profile of the import (${num((r.profile[0]?.bytes ?? 0) / MB)} MB generated file)`,
      '',
      'The import again, on a fresh database, with every statement timed and filed by kind, the',
      "time the importer waits for the next parsed activity timed, and V8's sampling profiler on",
      '(`bench/iati/stages.ts`, `bench/iati/profile.ts`). "The rest" is the importer\'s own',
      'JavaScript between statements (building rows, matching places and organisations, hashing).',
      '',
      r.profile.map(profileSection).join('\n\n'),
      '',
    );
  }
  return out.join('\n');
}

const BEGIN =
  '<!-- bench:begin — written by `npm run bench:iati`; edits between these markers are overwritten -->';
const END = '<!-- bench:end -->';

const TEMPLATE = `# Benchmarks: IATI import and export

How fast a large IATI 2.03 activity file is read, parsed, imported into each database engine and
exported again, and how much memory each step needs, against the bars set in the issue.

${BEGIN}
${END}

## Reading the figures

_Written by hand after a run; the run does not touch this part._
`;

/** Rewrites the generated part of the document, keeping everything around it. */
export async function writeDoc(path: string, generated: string): Promise<void> {
  const current = existsSync(path) ? readFileSync(path, 'utf8') : TEMPLATE;
  const doc = current.includes(BEGIN) && current.includes(END) ? current : TEMPLATE;
  const before = doc.slice(0, doc.indexOf(BEGIN) + BEGIN.length);
  const after = doc.slice(doc.indexOf(END));
  await writeMarkdown(path, `${before}\n\n${generated}\n\n${after}`);
}

async function writeMarkdown(path: string, text: string): Promise<void> {
  const options = (await resolveConfig(path)) ?? {};
  writeFileSync(path, await format(text, { ...options, filepath: path }));
}

export { writeJson };
