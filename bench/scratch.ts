import { openBenchPostgres, openBenchPglite } from './engines.js';
import { ensureReferenceData } from './run.js';
import { generateDataset } from './dataset.js';
import { choose } from './scenarios.js';
const eng = process.argv[2] ?? 'postgres';
const o = eng === 'postgres' ? await openBenchPostgres('postgres://postgres@127.0.0.1:5432/postgres') : await openBenchPglite();
if (!o.ok) throw new Error(o.reason);
const db = o.bench.db;
import { openPostgres } from '../src/server/db/postgres.js';
let jitOff: ReturnType<typeof openPostgres> | null = null;
const time = async (label: string, sql: string, params: unknown[], n = 30) => {
  await time1(label, sql, params, n, db);
  if (jitOff) await time1(label + ' [jit off]', sql, params, n, jitOff);
};
const time1 = async (label: string, sql: string, params: unknown[], n: number, db: typeof o.bench.db) => {
  for (let i = 0; i < 5; i++) await db.query(sql, params);
  const xs: number[] = [];
  let rows = 0;
  for (let i = 0; i < n; i++) { const t = performance.now(); rows = (await db.query(sql, params)).length; xs.push(performance.now() - t); }
  xs.sort((a, b) => a - b);
  console.log(label.padEnd(50), 'p50', xs[Math.floor(n / 2)]?.toFixed(2), 'p95', xs[Math.floor(n * 0.95)]?.toFixed(2), 'rows', rows);
};
try {
  await ensureReferenceData(db, console.log);
  const ds = await generateDataset(db, { activities: 10000, programmes: 20, organisations: 200, batchSize: 1000, seed: 20261125, progress: () => undefined });
  await db.exec('analyze');
  const c = choose(ds);
  if (eng === 'postgres') jitOff = openPostgres(`postgres://postgres@127.0.0.1:5432/${o.bench.where.split(' ')[1]}?options=-c%20jit%3Doff`, 2);
  console.log(await jitOff?.query('show jit'));
  const COLS = 'a.*';
  const pub = ['published'];
  const recursive = `select ${COLS} from activity a where a.id in (with recursive d(id) as (select id from activity where parent_id = any($1::uuid[]) union select c.id from activity c join d on c.parent_id = d.id) select id from d) and a.publication_status = any($2::text[]) order by a.sort_key, a.id limit 51`;
  await time('h current', recursive, [[c.programme.id], pub]);
  const resolve = `select a.id, k.key from activity a join unnest($1::text[]) as k(key) on a.id::text = k.key or lower(a.iati_identifier) = lower(k.key)`;
  await time('resolve current', resolve, [[c.programme.id]]);
  await time('resolve by id', `select a.id from activity a where a.id = any($1::uuid[]) or lower(a.iati_identifier) = any($2::text[])`, [[c.programme.id], [c.programme.id.toLowerCase()]]);
  await time('resolve id only', `select a.id from activity a where a.id = any($1::uuid[])`, [[c.programme.id]]);
  const bounded = `select ${COLS} from activity a where a.publication_status = any($2::text[]) and (a.parent_id = any($1::uuid[]) or a.parent_id in (with recursive d(id) as (select id from activity where parent_id = any($1::uuid[]) union select c.id from activity c join d on c.parent_id = d.id) select id from d)) order by a.sort_key, a.id limit 51`;
  await time('h bounded', bounded, [[c.programme.id], pub]);
  const ua2 = `select ${COLS} from activity a where a.id in (with recursive d(id, depth) as (select id, 1 from activity where parent_id = any($1::uuid[]) union all select c.id, d.depth + 1 from activity c join d on c.parent_id = d.id where d.depth < 5) select id from d) and a.publication_status = any($2::text[]) order by a.sort_key, a.id limit 51`;
  await time('h union all depth-bounded', ua2, [[c.programme.id], pub]);
  const ua = `select ${COLS} from activity a where a.id in (with recursive d(id) as (select id from activity where parent_id = any($1::uuid[]) union all select c.id from activity c join d on c.parent_id = d.id) select id from d) and a.publication_status = any($2::text[]) order by a.sort_key, a.id limit 51`;
  await time('h union all', ua, [[c.programme.id], pub]);
  const sector = (pred: string) => `select ${COLS} from activity a where exists (select 1 from activity_sector s where s.activity_id = a.id and ${pred}) and a.publication_status = any($2::text[]) order by a.sort_key, a.id limit 51`;
  await time('f current', sector(`(s.code = any($1::text[]) or (s.vocabulary = '1' and left(s.code, 3) = any($1::text[])))`), [['140'], pub]);
  await time('f like prefix', sector(`(s.code = any($1::text[]) or (s.vocabulary = '1' and s.code like any($3::text[])))`), [['140'], pub, ['140%']]);
  await db.exec(`create index activity_sector_dac3_idx on activity_sector ((left(code, 3))) where vocabulary = '1'`);
  await db.exec('analyze activity_sector');
  await time('f current + expr index', sector(`(s.code = any($1::text[]) or (s.vocabulary = '1' and left(s.code, 3) = any($1::text[])))`), [['140'], pub]);
  await time('f dac3 only + expr index', sector(`(s.vocabulary = '1' and left(s.code, 3) = any($1::text[]))`), [['140'], pub]);
  const ex = await db.query<{ 'QUERY PLAN': string }>('explain analyze ' + sector(`(s.code = any($1::text[]) or (s.vocabulary = '1' and left(s.code, 3) = any($1::text[])))`), [['140'], pub]);
  console.log(ex.map((r) => r['QUERY PLAN']).join('\n'));
} finally { await jitOff?.close(); await o.bench.close(); }
