/**
 * The portal's pages under load: the demo data plus generated activities (10,000 by default) on
 * a fresh PGlite data directory, the real built server in a child process, and autocannon at 50
 * connections on loopback against the home page, the explorer (filtered), a project page and a
 * static file served by the same process, one after the other in the same run. Twice: with the
 * portal's few-second page cache (as served), and with it off (every request renders).
 * `npm run bench:portal`; BENCH_PORTAL_N and BENCH_PORTAL_SECONDS make a quick run.
 */
import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { z } from 'zod';
import { openPglite } from '../../src/server/db/pglite.js';
import { prepareDatabase } from '../../src/server/db/prepare.js';
import { seedDemo } from '../../src/server/demo/demo.seed.js';
import { projectPath } from '../../src/server/paths.js';
import { generateDataset } from '../dataset.js';
import { describeMachine } from '../machine.js';

const Env = z.object({
  BENCH_PORTAL_N: z.coerce.number().int().min(0).default(10_000),
  BENCH_PORTAL_SECONDS: z.coerce.number().int().min(1).max(120).default(10),
  BENCH_PORTAL_CONNECTIONS: z.coerce.number().int().min(1).max(500).default(50),
  BENCH_PORTAL_PORT: z.coerce.number().int().min(1024).max(65535).default(3917),
  BENCH_PORTAL_WRITE: z.enum(['0', '1']).default('1'),
  /** Run even when the machine is busy (the figures are then not comparable with the bar). */
  BENCH_PORTAL_FORCE: z.enum(['0', '1']).default('0'),
});
const env = Env.parse(process.env);

interface Figures {
  page: string;
  url: string;
  requests: number;
  rps: number;
  /** Client latency (autocannon: time to the last byte, queueing included), ms. */
  p50: number;
  p90: number;
  p95: number;
  p99: number;
  max: number;
  /** Server time (the Server-Timing `app` duration the handler measured), ms. */
  server: { p50: number; p95: number; p99: number; max: number; seen: number };
  errors: number;
  non2xx: number;
}

/** The `app;dur=X` figure of a Server-Timing header, or null. */
function appDuration(header: string | undefined): number | null {
  const m = /(?:^|,)\s*app;dur=([0-9.]+)/.exec(header ?? '');
  return m ? Number(m[1]) : null;
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  const i = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, i)] ?? 0;
}

function load(page: string, url: string): Promise<Figures> {
  return new Promise((resolve, reject) => {
    const times: number[] = [];
    const server: number[] = [];
    const target = new URL(url);
    const inst = autocannon(
      {
        url: target.origin,
        connections: env.BENCH_PORTAL_CONNECTIONS,
        duration: env.BENCH_PORTAL_SECONDS,
        requests: [
          {
            method: 'GET',
            path: target.pathname + target.search,
            onResponse: (_status, _body, _context, headers) => {
              const h = headers['server-timing'];
              const d = appDuration(Array.isArray(h) ? h.join(',') : h);
              if (d !== null) server.push(d);
            },
          },
        ],
      },
      (err, r) => {
        if (err) return reject(err);
        times.sort((a, b) => a - b);
        server.sort((a, b) => a - b);
        resolve({
          page,
          url: url.replace(/^http:\/\/[^/]+/, ''),
          requests: r.requests.total,
          rps: Math.round(r.requests.average),
          p50: percentile(times, 50),
          p90: percentile(times, 90),
          p95: percentile(times, 95),
          p99: percentile(times, 99),
          max: times.at(-1) ?? 0,
          server: {
            p50: percentile(server, 50),
            p95: percentile(server, 95),
            p99: percentile(server, 99),
            max: server.at(-1) ?? 0,
            seen: server.length,
          },
          errors: r.errors + r.timeouts,
          non2xx: r.non2xx,
        });
      },
    );
    inst.on('response', (_c, _status, _bytes, ms) => times.push(ms));
  });
}

async function waitFor(url: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error('the server stopped while starting');
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no answer from ${url}`);
}

async function serve(dataDir: string, cacheSeconds: string) {
  const child = spawn(
    process.execPath,
    ['bin/koordinata.js', 'serve', '--port', String(env.BENCH_PORTAL_PORT)],
    {
      cwd: projectPath(),
      stdio: ['ignore', 'ignore', 'inherit'],
      env: {
        ...process.env,
        DATA_DIR: dataDir,
        PORTAL_CACHE_SECONDS: cacheSeconds,
        DATABASE_URL: '',
      },
    },
  );
  const base = `http://127.0.0.1:${env.BENCH_PORTAL_PORT}`;
  // A server that does not stop on SIGTERM within 10 s is killed, so no run leaves one behind.
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      child.kill('SIGTERM');
    });
  try {
    await waitFor(`${base}/healthz`, child);
  } catch (e) {
    await stop();
    throw e;
  }
  return { base, stop };
}

async function pages(base: string): Promise<[string, string][]> {
  const list = (await (await fetch(`${base}/api/v1/activities?hierarchy=2&limit=1`)).json()) as {
    items: { id: string }[];
  };
  const project = list.items[0]?.id;
  if (!project) throw new Error('no project to load');
  const home = await (await fetch(`${base}/en/`)).text();
  const explorer = await (await fetch(`${base}/en/projects`)).text();
  const script = /<script type="module" src="([^"]+)"/.exec(explorer)?.[1];
  if (!script || !home.includes('total-budget')) throw new Error('pages did not render');
  return [
    ['home', `${base}/sq/`],
    [
      'explorer (Preševo, one sector)',
      `${base}/sr/projects?municipality=70963&sector=infrastructure`,
    ],
    ['project', `${base}/en/project/${project}`],
    ['static file (explorer.js)', `${base}${script}`],
  ];
}

async function run(dataDir: string, mode: string, cacheSeconds: string): Promise<Figures[]> {
  const server = await serve(dataDir, cacheSeconds);
  try {
    const targets = await pages(server.base);
    const out: Figures[] = [];
    for (const [page, url] of targets) {
      for (let i = 0; i < 5; i++) await fetch(url).then((r) => r.arrayBuffer());
      const f = await load(page, url);
      process.stdout.write(
        `${mode.padEnd(8)} ${page.padEnd(32)} ${String(f.rps).padStart(6)} req/s  server p95 ${f.server.p95} ms  client p50 ${ms(f.p50)} ms  p95 ${ms(f.p95)} ms  errors ${f.errors}  non-2xx ${f.non2xx}\n`,
      );
      out.push(f);
    }
    return out;
  } finally {
    await server.stop();
  }
}

function ms(v: number): string {
  return v.toFixed(1);
}

function table(rows: Figures[]): string {
  const head =
    '| page | req/s | server p50 ms | server p95 ms | server p99 ms | client p50 ms | client p95 ms | client p99 ms | client max ms | requests | errors | non-2xx |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |';
  return [
    head,
    ...rows.map(
      (r) =>
        `| ${r.page} | ${r.rps} | ${ms(r.server.p50)} | ${ms(r.server.p95)} | ${ms(r.server.p99)} | ${ms(r.p50)} | ${ms(r.p95)} | ${ms(r.p99)} | ${ms(r.max)} | ${r.requests} | ${r.errors} | ${r.non2xx} |`,
    ),
  ].join('\n');
}

async function main() {
  const [busy = 0] = loadavg();
  if (busy >= 2 && env.BENCH_PORTAL_FORCE !== '1') {
    process.stderr.write(
      `The 1-minute load average is ${busy.toFixed(1)}: the figures would measure the other work on this machine, not the portal. Run again when it is below 2 (or set BENCH_PORTAL_FORCE=1).\n`,
    );
    process.exitCode = 3;
    return;
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'koordinata-portal-bench-'));
  try {
    const started = performance.now();
    const db = await openPglite(dataDir);
    await prepareDatabase(db);
    if (env.BENCH_PORTAL_N > 0)
      await generateDataset(db, {
        activities: env.BENCH_PORTAL_N,
        programmes: 20,
        organisations: 200,
        batchSize: 1000,
        seed: 20261125,
        progress: () => undefined,
      });
    await seedDemo(db);
    const counted = await db.query<{ n: number }>(
      `select count(*)::int as n from activity where publication_status = 'published'`,
    );
    await db.close();
    const activities = counted[0]?.n ?? 0;
    process.stdout.write(
      `${activities} published activities ready in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
    );
    const cached = await run(dataDir, 'cached', '5');
    const uncached = await run(dataDir, 'uncached', '0');
    const scripts = ['explorer.js', 'search.js'].map((name) => {
      const body = readFileSync(projectPath('public', name));
      return { name, bytes: body.length, gzip: gzipSync(body).length };
    });
    const machine = describeMachine();
    const result = {
      when: new Date().toISOString(),
      loadBefore: busy,
      machine,
      env,
      activities,
      cached,
      uncached,
      scripts,
    };
    if (env.BENCH_PORTAL_WRITE === '1') {
      mkdirSync(projectPath('bench', 'portal', 'results'), { recursive: true });
      writeFileSync(
        projectPath('bench', 'portal', 'results', 'latest.json'),
        JSON.stringify(result, null, 2) + '\n',
      );
      writeFileSync(
        projectPath('docs', 'benchmarks-portal.md'),
        `# Portal benchmark

Generated by \`npm run bench:portal\` (bench/portal/portal.bench.ts) on ${result.when.slice(0, 10)}.
Machine: ${machine.cpus} × ${machine.cpuModel}, ${machine.ramGiB} GiB, ${machine.os}, Node ${machine.node},
PGlite ${machine.pglite}. Data: ${activities} published activities (${env.BENCH_PORTAL_N} generated by
bench/dataset.ts, plus the demo), on a fresh PGlite data directory. Load: autocannon 9.0.0 on loopback,
${env.BENCH_PORTAL_CONNECTIONS} connections, ${env.BENCH_PORTAL_SECONDS} s per page, pages one after
the other; the server is the built one (\`node bin/koordinata.js serve\`) in its own process, the load
generator in another, both on the same 2 cores; 1-minute load average before the run: ${busy.toFixed(2)}.
Two times per request, percentiles over every response: the **server time**, which the portal's
handler measures and sends as \`Server-Timing: app;dur=X\` (the bar applies to it), and the **client
latency** autocannon measured (time to the last byte, so it includes queueing behind the other
connections and the load generator's own share of the 2 cores).

## As served (rendered pages reused for 5 seconds, PORTAL_CACHE_SECONDS=5)

${table(cached)}

## Every request rendered (PORTAL_CACHE_SECONDS=0)

${table(uncached)}

## JavaScript per page

| page | script | bytes | gzipped |
| --- | --- | ---: | ---: |
| home, project, partner, municipality, open data | none | 0 | 0 |
| explorer | ${scripts[0]?.name} | ${scripts[0]?.bytes} | ${scripts[0]?.gzip} |
| search | ${scripts[1]?.name} | ${scripts[1]?.bytes} | ${scripts[1]?.gzip} |

Charts and maps are inline SVG drawn on the server: no chart or map library is sent.

## Reading

See docs/decisions/010-public-portal.md for why pages are reused for a few seconds. The bar is a p95
server time (Server-Timing) of at most 30 ms at 50 connections with no errors; the static file, served
by the same process in the same run, is the floor the pages are compared with. The bench refuses to
run while the 1-minute load average is 2 or more.
`,
      );
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
