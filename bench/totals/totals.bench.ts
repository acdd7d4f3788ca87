/**
 * Totals counted once, timed at the issue's size: 1,000,000 transactions over 50,000 activities
 * (BENCH_TOTALS_N for a smaller run), on PGlite and on a PostgreSQL server in one run. The fixture
 * is loaded with INSERT … SELECT generate_series (the fastest path); the facts are then computed
 * by the real refresh, and the portal's queries go through getTotals, each beside a naive GROUP BY
 * over the normalised tables. Writes docs/benchmarks-totals.md. Run with `npm run bench:totals`.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { z } from 'zod';
import { prepareDatabase } from '../../src/server/db/prepare.js';
import { projectPath } from '../../src/server/paths.js';
import { getTotals, type TotalsRequest } from '../../src/server/stats/totals.service.js';
import { refreshTotals } from '../../src/server/stats/totals.refresh.js';
import { openBenchPglite, openBenchPostgres, type BenchDatabase } from '../engines.js';
import { describeMachine } from '../machine.js';
import { load } from './fixture.js';

const Env = z.object({
  BENCH_TOTALS_N: z.coerce.number().int().min(1000).default(1_000_000),
  BENCH_ENGINES: z
    .string()
    .default('postgres,pglite')
    .transform((s) => s.split(',').map((e) => e.trim()))
    .pipe(z.array(z.enum(['pglite', 'postgres'])).min(1)),
  BENCH_PG_URL: z.url().default('postgres://postgres@127.0.0.1:5432/postgres'),
  BENCH_ITERATIONS: z.coerce.number().int().min(3).default(40),
  BENCH_WRITES: z.coerce.number().int().min(1).default(10),
  BENCH_OUT: z.string().default('docs/benchmarks-totals.md'),
});

const log = (line: string) => process.stderr.write(`${line}\n`);

interface Timing {
  p50: number;
  p95: number;
  n: number;
}

function stats(ms: number[]): Timing {
  const s = [...ms].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)] ?? NaN;
  return { p50: at(0.5), p95: at(0.95), n: s.length };
}

async function time(fn: () => Promise<unknown>, iterations: number): Promise<Timing> {
  for (let i = 0; i < 3; i++) await fn();
  const ms: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const t0 = performance.now();
    await fn();
    ms.push(performance.now() - t0);
  }
  return stats(ms);
}

interface Scenario {
  name: string;
  request: TotalsRequest;
  naive: string;
  params?: unknown[];
}

function scenarios(muni: string, org: string): Scenario[] {
  const published = `a.publication_status = 'published'`;
  return [
    {
      name: 'disbursement by year',
      request: { measure: 'disbursement', groupBy: ['year'] },
      naive: `select extract(year from t.date) y, sum(t.value) from activity_transaction t
                join activity a on a.id = t.activity_id where t.type = '3' and ${published} group by 1`,
    },
    {
      name: 'by sector × year',
      request: { measure: 'disbursement', groupBy: ['sector', 'year'] },
      naive: `select s.code, extract(year from t.date) y, sum(t.value * s.percentage / 100)
                from activity_transaction t join activity a on a.id = t.activity_id
                join activity_sector s on s.activity_id = a.id
               where t.type = '3' and ${published} group by 1, 2`,
    },
    {
      name: 'by municipality × sector',
      request: { measure: 'disbursement', groupBy: ['municipality', 'sector'] },
      naive: `select coalesce(p.parent_id, p.id), s.code,
                     sum(t.value * s.percentage / 100 * l.percentage / 100)
                from activity_transaction t join activity a on a.id = t.activity_id
                join activity_sector s on s.activity_id = a.id
                join activity_location l on l.activity_id = a.id join place p on p.id = l.place_id
               where t.type = '3' and ${published} group by 1, 2`,
    },
    {
      name: 'by partner × role',
      request: { measure: 'disbursement', groupBy: ['organisation', 'role'] },
      naive: `select ap.organisation_id, ap.role, sum(t.value)
                from activity_transaction t join activity a on a.id = t.activity_id
                join activity_participant ap on ap.activity_id = a.id
               where t.type = '3' and ${published} group by 1, 2`,
    },
    {
      name: 'one municipality, by year',
      request: {
        measure: 'disbursement',
        groupBy: ['year'],
        filters: { municipality: [muni] },
      },
      naive: `select extract(year from t.date) y, sum(t.value * l.percentage / 100)
                from activity_transaction t join activity a on a.id = t.activity_id
                join activity_location l on l.activity_id = a.id join place p on p.id = l.place_id
               where t.type = '3' and ${published} and (p.id = $1 or p.parent_id = $1) group by 1`,
      params: [muni],
    },
    {
      name: 'one partner, by year',
      request: { measure: 'disbursement', groupBy: ['year'], filters: { organisation: [org] } },
      naive: `select extract(year from t.date) y, sum(t.value)
                from activity_transaction t join activity a on a.id = t.activity_id
               where t.type = '3' and ${published}
                 and exists (select 1 from activity_participant ap where ap.activity_id = a.id
                               and ap.organisation_id = $1) group by 1`,
      params: [org],
    },
  ];
}

interface EngineRun {
  engine: string;
  where: string;
  load: Record<string, number>;
  facts: number;
  cube: number;
  byPlace: number;
  byOrg: number;
  fullRefreshMs: number;
  queries: { name: string; real: Timing; naive: Timing }[];
  write: Timing;
  writeRefreshMs: Timing;
}

async function runEngine(b: BenchDatabase, n: number, iterations: number, writes: number) {
  const db = b.db;
  log(`${b.engine}: preparing ${b.where}`);
  await prepareDatabase(db);
  log(`${b.engine}: loading ${n} transactions`);
  const loaded = await load(db, n);
  log(`${b.engine}: full refresh`);
  const t0 = performance.now();
  const report = await refreshTotals(db);
  const fullRefreshMs = performance.now() - t0;
  log(`  refresh: ${Math.round(fullRefreshMs)} ms, ${report?.facts ?? 0} facts`);
  const [counts] = await db.query<{ facts: number; cube: number; place: number; org: number }>(
    `select (select count(*) from money_fact)::int as facts, (select count(*) from money_cube)::int as cube,
            (select count(*) from money_by_place)::int as place,
            (select count(*) from money_by_org)::int as org`,
  );
  const [m] = await db.query<{ code: string }>(
    "select code from place where kind = 'municipality' and focus order by code limit 1",
  );
  const org =
    (await db.query<{ id: string }>("select md5('org10')::uuid::text as id"))[0]?.id ?? '';
  const queries = [];
  for (const s of scenarios(m?.code ?? '', org)) {
    const naiveParams =
      s.name.startsWith('one municipality') && s.params
        ? [
            (
              await db.query<{ id: string }>(
                "select id from place where kind = 'municipality' and code = $1",
                [m?.code],
              )
            )[0]?.id,
          ]
        : s.params;
    const real = await time(() => getTotals(db, null, s.request), iterations);
    const naive = await time(() => db.query(s.naive, naiveParams ?? []), Math.min(iterations, 15));
    log(
      `  ${s.name}: getTotals p50 ${real.p50.toFixed(1)} p95 ${real.p95.toFixed(1)} ms; naive p50 ${naive.p50.toFixed(1)} p95 ${naive.p95.toFixed(1)} ms`,
    );
    queries.push({ name: s.name, real, naive });
  }
  // a write, then the next read: the time until the totals show it
  const writeMs: number[] = [];
  const refreshMs: number[] = [];
  for (let i = 0; i < writes; i++) {
    const t1 = performance.now();
    await db.query(
      `insert into activity_transaction (activity_id, type, date, value, currency, value_date)
       values (md5('act' || $1)::uuid, '3', date '2024-05-05', 1234.56, 'EUR', date '2024-05-05')`,
      [100 + i * 17],
    );
    const t2 = performance.now();
    await getTotals(db, null, { measure: 'disbursement', groupBy: ['year'] });
    const t3 = performance.now();
    writeMs.push(t3 - t1);
    refreshMs.push(t3 - t2);
  }
  const write = stats(writeMs);
  log(`  write → visible: p50 ${write.p50.toFixed(0)} p95 ${write.p95.toFixed(0)} ms`);
  return {
    engine: b.engine,
    where: b.where,
    load: loaded,
    facts: counts?.facts ?? 0,
    cube: counts?.cube ?? 0,
    byPlace: counts?.place ?? 0,
    byOrg: counts?.org ?? 0,
    fullRefreshMs,
    queries,
    write,
    writeRefreshMs: stats(refreshMs),
  } satisfies EngineRun;
}

function lscpu(): string {
  try {
    return execFileSync('lscpu', { encoding: 'utf8' })
      .split('\n')
      .filter((l) => /^(Architecture|CPU\(s\)|Model name|Thread|Core|Socket|L2|L3)/.test(l))
      .join('\n');
  } catch {
    return 'lscpu not available';
  }
}

const BARS: Record<string, number> = { postgres: 20, pglite: 60 };

function report(runs: EngineRun[], n: number, started: string): string {
  const m = describeMachine();
  const f = (x: number) => (x < 10 ? x.toFixed(1) : Math.round(x).toString());
  const lines: string[] = [];
  lines.push('# Totals counted once: benchmark', '');
  lines.push(
    `Generated by \`npm run bench:totals\` (bench/totals/totals.bench.ts) on ${started}, with ${n.toLocaleString('en')} transactions ` +
      `over ${Math.round(n / 20).toLocaleString('en')} activities (BENCH_TOTALS_N=${n}).`,
    '',
  );
  lines.push('## Machine', '', '```', lscpu(), `RAM: ${m.ramGiB} GiB`, `OS: ${m.os}`);
  lines.push(`Node: ${m.node}`, `PGlite: ${m.pglite}`, '```', '');
  lines.push(
    '## What is measured',
    '',
    '- **getTotals**: the real code path (`src/server/stats/totals.service.ts`) for an anonymous caller: check for changed activities, resolve filters, read the narrowest table of sums that answers (by place and sector, by organisation and role, or the full cube) or else the facts, labels. p50 and p95 over the iterations after 3 warm-ups.',
    '- **naive**: a plain GROUP BY over the normalised tables (transactions joined to activities, sectors, locations or participants), in the transaction currency, with none of the counting rules: the baseline a direct query would be.',
    '- **full refresh**: computing every fact and the cube from nothing through `refreshTotals`, as after the migration or a bulk load.',
    '- **write → visible**: one transaction inserted, then the next getTotals (which first recomputes the facts of the changed activity and those depending on it).',
    '',
  );
  for (const r of runs) {
    lines.push(`## ${r.engine === 'postgres' ? 'PostgreSQL' : 'PGlite'} (${r.where})`, '');
    const loadKeys = Object.keys(r.load).filter((k) => !k.startsWith('_') && k !== 'municipality');
    lines.push(
      `Load (INSERT … SELECT generate_series, triggers on): ${loadKeys
        .map((k) => `${k} ${f((r.load[k] ?? 0) / 1000)} s`)
        .join(', ')}.`,
      '',
      `Full refresh: **${f(r.fullRefreshMs / 1000)} s** → ${r.facts.toLocaleString('en')} facts; sums: ${r.cube.toLocaleString('en')} cube cells, ${r.byPlace.toLocaleString('en')} by place, ${r.byOrg.toLocaleString('en')} by organisation.`,
      '',
      `| query | getTotals p50 ms | getTotals p95 ms | bar p95 | naive p50 ms | naive p95 ms |`,
      `| --- | ---: | ---: | ---: | ---: | ---: |`,
    );
    for (const q of r.queries) {
      const bar = BARS[r.engine] ?? 0;
      lines.push(
        `| ${q.name} | ${f(q.real.p50)} | ${f(q.real.p95)} | ${bar} ${q.real.p95 <= bar ? '✓' : '✗'} | ${f(q.naive.p50)} | ${f(q.naive.p95)} |`,
      );
    }
    lines.push(
      '',
      `Write → visible in the totals (insert + next getTotals, ${r.write.n} writes): p50 ${f(r.write.p50)} ms, p95 ${f(r.write.p95)} ms (bar 1000 ms ${r.write.p95 <= 1000 ? '✓' : '✗'}); of which the refresh and read: p50 ${f(r.writeRefreshMs.p50)} ms.`,
      '',
    );
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const res = Env.safeParse(process.env);
  if (!res.success) {
    log(`bench: bad environment\n${z.prettifyError(res.error)}`);
    process.exit(2);
  }
  const env = res.data;
  const started = new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
  const runs: EngineRun[] = [];
  for (const engine of env.BENCH_ENGINES) {
    const opened =
      engine === 'pglite' ? await openBenchPglite() : await openBenchPostgres(env.BENCH_PG_URL);
    if (!opened.ok) {
      log(`${engine}: skipped (${opened.reason})`);
      continue;
    }
    try {
      runs.push(
        await runEngine(opened.bench, env.BENCH_TOTALS_N, env.BENCH_ITERATIONS, env.BENCH_WRITES),
      );
    } finally {
      await opened.bench.close();
    }
  }
  const doc = report(runs, env.BENCH_TOTALS_N, started);
  writeFileSync(
    env.BENCH_OUT.startsWith('/') ? env.BENCH_OUT : projectPath(env.BENCH_OUT),
    doc + '\n',
  );
  log(`wrote ${env.BENCH_OUT}`);
}

await main();
