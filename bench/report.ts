import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { PAGE_SIZE } from './scenarios.js';
import type { EngineResult, ScenarioResult } from './run.js';

export interface Skipped {
  engine: string;
  reason: string;
}

const ENGINE_NAMES: Readonly<Record<string, string>> = {
  pglite: 'PGlite',
  postgres: 'PostgreSQL server',
};

function engineLabel(r: EngineResult): string {
  return r.engine === 'pglite'
    ? `PGlite ${r.machine.pglite} (PostgreSQL ${r.serverVersion}, in memory)`
    : `PostgreSQL server ${r.serverVersion}`;
}

const ms = (n: number) => (n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2));

function cells(s: ScenarioResult): string[] {
  return [
    `${s.id}) ${s.title}`,
    ms(s.real.p50),
    ms(s.real.p95),
    ms(s.real.p99),
    ms(s.real.mean),
    ms(s.baseline.p50),
    ms(s.baseline.p95),
    ms(s.baseline.p99),
    ms(s.baseline.mean),
    `${s.real.rows} / ${s.baseline.rows}`,
    s.matching === null ? '?' : String(s.matching),
    String(s.statements.length),
    `${ms(s.split.sqlMs)} / ${ms(s.split.otherMs)}`,
    String(s.real.iterations),
  ];
}

const HEADERS = [
  'scenario',
  'p50',
  'p95',
  'p99',
  'mean',
  'p50',
  'p95',
  'p99',
  'mean',
  'rows',
  'match',
  'stmts',
  'sql/js',
  'n',
];

/** A plain-text table for the terminal. */
export function textTable(r: EngineResult): string {
  const rows = [HEADERS, ...r.scenarios.map(cells)];
  const widths = HEADERS.map((_, i) => Math.max(...rows.map((row) => (row[i] ?? '').length)));
  const line = (row: readonly string[]) =>
    row.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  const realWidth = widths.slice(1, 5).reduce((a, b) => a + b + 2, -2);
  const baseWidth = widths.slice(5, 9).reduce((a, b) => a + b + 2, -2);
  const group = `${''.padEnd(widths[0] ?? 0)}  ${'real code path (ms)'.padEnd(realWidth)}  ${'plain SQL baseline (ms)'.padEnd(baseWidth)}`;
  return [
    `${engineLabel(r)} — ${r.dataset.programmes + r.dataset.projects} activities`,
    group,
    line(rows[0] ?? []),
    ...rows.slice(1).map(line),
  ].join('\n');
}

function markdownTable(r: EngineResult): string {
  const head =
    '| scenario | real p50 | real p95 | real p99 | real mean | baseline p50 | baseline p95 | baseline p99 | baseline mean | rows real / baseline | matching | statements | real: SQL / JS | iterations |';
  const rule = `|${' --- |'.repeat(14)}`;
  const body = r.scenarios.map((s) => `| ${cells(s).join(' | ')} |`);
  return [head, rule, ...body].join('\n');
}

function machineSection(results: readonly EngineResult[], skipped: readonly Skipped[]): string {
  const first = results[0];
  if (!first) return '';
  const m = first.machine;
  const versions = results.map(engineLabel);
  return [
    `- Date: ${first.date.slice(0, 10)} (${first.date.slice(11, 16)} UTC)`,
    `- Machine: ${m.cpus} CPUs (\`nproc\`), ${m.cpuModel}, ${m.ramGiB} GiB RAM, ${m.os}`,
    `- Node ${m.node}; ${versions.join('; ')}`,
    ...skipped.map(
      (s) => `- **Not measured: ${ENGINE_NAMES[s.engine] ?? s.engine}** — ${s.reason}`,
    ),
  ].join('\n');
}

function datasetSection(r: EngineResult): string {
  const d = r.dataset;
  return [
    `Generated with seed ${r.settings.seed}, identical on every engine, all published:`,
    '',
    '| table | rows |',
    '| --- | --- |',
    `| activity | ${d.programmes + d.projects} (${d.programmes} programmes, hierarchy 1; ${d.projects} projects beneath them, hierarchy 2) |`,
    `| organisation | ${d.organisations} |`,
    `| activity_participant | ${d.participants} |`,
    `| activity_location | ${d.locations} |`,
    `| activity_sector | ${d.sectors} |`,
    `| activity_budget | ${d.budgets} |`,
    `| place (gazetteer) | ${d.places} |`,
    `| codelist_item | ${d.codelistItems} |`,
    '',
    `Filters used: organisation = ${r.choices.organisation.acronym} (funds ${r.choices.organisation.funds} projects), ` +
      `programme = "${r.choices.programme.title}" (${r.choices.programme.children} projects), ` +
      `municipality ${r.choices.municipalityCode} = Preševo.`,
  ].join('\n');
}

function engineSection(r: EngineResult): string {
  const d = r.dataset;
  const t = r.timings;
  return [
    `### ${engineLabel(r)}`,
    '',
    `Prepare ${t.prepareSeconds.toFixed(1)} s, generate ${t.generateSeconds.toFixed(1)} s, VACUUM ANALYZE ${t.analyzeSeconds.toFixed(1)} s, ` +
      `measure ${t.measureSeconds.toFixed(1)} s; activity table ${d.activityTableMiB} MiB with indexes, database ${d.databaseMiB} MiB. ` +
      `Load average (1 min) ${r.loadAverage.before} when measuring began, ${r.loadAverage.after} at the end, on ${r.machine.cpus} CPUs.`,
    '',
    markdownTable(r),
  ].join('\n');
}

function baselineList(r: EngineResult): string {
  return r.scenarios.map((s) => `- ${s.id}) ${s.baselineNote}:\n  \`${s.baselineSql}\``).join('\n');
}

/** The part of docs/benchmarks.md a run rewrites. */
export function generatedSection(
  results: readonly EngineResult[],
  skipped: readonly Skipped[],
): string {
  const first = results[0];
  if (!first)
    return `No engine could be measured.\n\n${skipped.map((s) => `- ${s.engine}: ${s.reason}`).join('\n')}`;
  const st = first.settings;
  return [
    '## Run',
    '',
    machineSection(results, skipped),
    '',
    'Rerun with `npm run bench` (a few minutes; progress on stderr). It prepares a fresh database per',
    'engine — PGlite in memory, and on the PostgreSQL server a database `koordinata_bench_<timestamp>`',
    'that it drops at the end — generates the data set with multi-row INSERTs, runs VACUUM ANALYZE, measures,',
    'and writes `bench/results/registry-<engine>.json` (figures, statements, plans) and the part of this',
    'file between the bench markers; "Reading the figures" below is written by hand.',
    'Knobs: `BENCH_ENGINES=pglite,postgres`, `BENCH_PG_URL` (default `postgres://postgres@127.0.0.1:5432/postgres`),',
    '`BENCH_ACTIVITIES`, `BENCH_BUDGET_MS`, `BENCH_MAX_ITERATIONS`, `BENCH_WRITE=0` (print only).',
    '',
    '## Data set',
    '',
    datasetSection(first),
    '',
    '## Method',
    '',
    `Each scenario runs ${st.warmup} warm-up rounds, then up to ${st.maxIterations} timed rounds (at least ${st.minIterations}, ` +
      `and no new round after ${st.budgetMs / 1000} s). A round runs the real code path and then its baseline, so machine noise`,
    'falls on both alike. Times are wall-clock milliseconds in this Node process, one request at a time.',
    '',
    `- **Real code path**: \`searchActivities(db, null, ActivityListQuery.parse(query))\`, page size ${PAGE_SIZE}, anonymous`,
    '  (published only). It includes resolving the filters (municipality code → place id, organisation and',
    "  programme keys → ids, one query each), the list query, and then loading each page's participants,",
    '  locations, sectors, policy markers, tags, budgets, document links (7 queries) and child counts',
    '  (1 query), and shaping the JSON (Cyrillic titles derived from Latin). "statements" counts the',
    '  queries one call sends. On PostgreSQL the 8 page-loading queries run concurrently on the pool (10',
    '  connections); PGlite runs them one after another.',
    '- **Baseline**: the one statement a naive implementation would send for the same question, rows of',
    '  `activity` only, nothing loaded around them:',
    '',
    baselineList(first),
    '',
    '"rows" is the number of activities each path returned for the page (at most 50), "matching" the',
    "number the real path's filters match in all (for the cursor page: after the cursor). " +
      '"real: SQL / JS"',
    'splits the real path (medians of 7 traced calls outside the timed loop) into the time during which',
    'at least one statement was in flight and the rest, spent in JavaScript (parsing, shaping, and',
    'deriving sr-Cyrl texts from sr-Latn).',
    '',
    '## Results (milliseconds)',
    '',
    results.map(engineSection).join('\n\n'),
  ].join('\n');
}

const BEGIN =
  '<!-- bench:begin — written by `npm run bench`; edits between these markers are overwritten -->';
const END = '<!-- bench:end -->';

const TEMPLATE = `# Benchmarks: the activity registry

How fast the public activity list (\`GET /activities\`, \`searchActivities\`) answers on 10,000
activities, on both database engines, against a plain-SQL baseline.

${BEGIN}
${END}

## Reading the figures

_Written by hand after a run; the run does not touch this part._
`;

/** Writes a file the way the project's formatter would, so `prettier --check` stays clean. */
async function writeFormatted(path: string, text: string): Promise<void> {
  const options = (await resolveConfig(path)) ?? {};
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, await format(text, { ...options, filepath: path }));
}

/** Rewrites the generated part of the document, keeping everything around it. */
export async function writeDoc(path: string, generated: string): Promise<void> {
  const current = existsSync(path) ? readFileSync(path, 'utf8') : TEMPLATE;
  const doc = current.includes(BEGIN) && current.includes(END) ? current : TEMPLATE;
  const before = doc.slice(0, doc.indexOf(BEGIN) + BEGIN.length);
  const after = doc.slice(doc.indexOf(END));
  await writeFormatted(path, `${before}\n\n${generated}\n\n${after}`);
}

export async function writeJson(path: string, value: unknown): Promise<void> {
  await writeFormatted(path, JSON.stringify(value, null, 2));
}
