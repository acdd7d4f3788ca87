import type { Database } from '../../src/server/db/db.js';

const log = (line: string) => process.stderr.write(`${line}\n`);

const DAC = [
  '11220',
  '11231',
  '11330',
  '12220',
  '12230',
  '14030',
  '14050',
  '15110',
  '15150',
  '15160',
  '16010',
  '16020',
  '16050',
  '21020',
  '23210',
  '25010',
  '31120',
  '31163',
  '32130',
  '33210',
  '41010',
  '43030',
  '43040',
  '43071',
  '43081',
  '72010',
  '74020',
  '15220',
  '16062',
  '22040',
];

/** Generates the registry in SQL; returns load times. */
export async function load(db: Database, n: number): Promise<Record<string, number>> {
  const activities = Math.max(50, Math.round(n / 20));
  const programmes = Math.max(5, Math.round(activities / 50));
  const places = await db.query<{ id: string }>(
    `select id from place where (kind = 'municipality' and focus)
        or (kind = 'settlement' and parent_id in (select id from place where kind = 'municipality' and focus))
      order by kind, code`,
  );
  const munis = await db.query<{ id: string }>(
    "select id from place where kind = 'municipality' and focus order by code",
  );
  const placeIds = places.map((p) => p.id);
  const out: Record<string, number> = {};
  const step = async (name: string, sql: string, params: unknown[] = []) => {
    const t0 = performance.now();
    await db.query(sql, params);
    out[name] = performance.now() - t0;
    log(`  ${name}: ${Math.round(out[name])} ms`);
  };
  // a deterministic pseudo-random number in [0, 1) from a row number and a salt
  await db.exec(`create or replace function bench_r(i bigint, salt int) returns double precision
    language sql immutable as $$ select ((i * 2654435761 + salt * 97531) % 1000003)::float8 / 1000003 $$`);
  await step(
    'organisations',
    `insert into organisation (id, names, kind, publication_status)
     select md5('org' || k)::uuid, jsonb_build_object('en', 'Partner ' || k),
            case k when 1 then 'national_government' when 2 then 'coordination_body'
                   when 3 then 'municipality' else 'bilateral_donor' end, 'published'
       from generate_series(1, 40) k`,
  );
  await step(
    'rates',
    `insert into exchange_rate (currency, rate_date, per_eur, source)
     select c, d::date, case c when 'USD' then 1.05 + 0.2 * bench_r(m, 1)
                               when 'RSD' then 110 + 10 * bench_r(m, 2) else 0.95 + 0.6 * bench_r(m, 3) end,
            'generated quotes'
       from unnest(array['USD', 'RSD', 'CHF']) c,
            generate_series(date '2000-01-03', date '2026-11-02', interval '1 month') with ordinality g(d, m)
     on conflict do nothing`,
  );
  await step(
    'activities',
    `insert into activity (id, iati_identifier, parent_id, hierarchy, title, status, publication_status,
       reporting_org_id)
     select md5('act' || i)::uuid, 'XM-BENCH-' || i,
            case when i > $2 and bench_r(i, 5) < 0.8 then md5('act' || (1 + i % $2))::uuid end,
            case when i <= $2 then 1 else 2 end,
            jsonb_build_object('en', 'Activity ' || i), '2',
            case when bench_r(i, 6) < 0.9 then 'published' else 'draft' end,
            md5('org' || (4 + i % 37))::uuid
       from generate_series(1, $1) i`,
    [activities, programmes],
  );
  await step(
    'participants',
    `insert into activity_participant (activity_id, organisation_id, role, position)
     select md5('act' || i)::uuid, md5('org' || (4 + i % 37))::uuid, 'funding', 0 from generate_series(1, $1) i
     union all
     select md5('act' || i)::uuid, md5('org' || (4 + (i * 7 + 3) % 37))::uuid, 'implementing', 1
       from generate_series(1, $1) i where (4 + (i * 7 + 3) % 37) <> (4 + i % 37)
     union all
     select md5('act' || i)::uuid, md5('org' || (1 + i % 3))::uuid, 'co_financing', 2
       from generate_series(1, $1) i where bench_r(i, 7) < 0.2`,
    [activities],
  );
  await step(
    'sectors',
    `insert into activity_sector (activity_id, vocabulary, code, percentage)
     select md5('act' || i)::uuid, '1', ($2::text[])[1 + ((i * 3 + k * 11) % 30)],
            case s when 1 then 100 when 2 then case k when 1 then 60 else 40 end
                   else case k when 1 then 50 when 2 then 30 else 20 end end
       from (select i, 1 + floor(bench_r(i, 8) * 3)::int as s from generate_series(1, $1) i) a,
            generate_series(1, s) k`,
    [activities, DAC],
  );
  await step(
    'locations',
    `insert into activity_location (activity_id, place_id, percentage)
     select md5('act' || i)::uuid, ($2::uuid[])[1 + ((i * 5 + k * 13) % cardinality($2::uuid[]))],
            case when l = 1 then 100 when k = 1 then 70 else 30 end
       from (select i, case when bench_r(i, 9) < 0.1 then 0 when bench_r(i, 10) < 0.6 then 1 else 2 end as l
               from generate_series(1, $1) i) a,
            generate_series(1, l) k`,
    [activities, placeIds],
  );
  await step(
    'budgets',
    `insert into activity_budget (activity_id, type, period_start, period_end, value, currency, value_date)
     select md5('act' || i)::uuid, case when y = 2 and bench_r(i, 11) < 0.3 then '2' else '1' end,
            make_date(2001 + (i + y0) % 25, 1, 1), make_date(2001 + (i + y0) % 25, 12, 31),
            round((10000 + bench_r(i * 3 + y, 12) * 900000)::numeric, 2), 'EUR',
            make_date(2001 + (i + y0) % 25, 1, 1)
       from generate_series(1, $1) i, generate_series(1, 2) y,
            lateral (select case when y = 2 and bench_r(i, 11) < 0.3 then 0 else y - 1 end as y0) z`,
    [activities],
  );
  await step(
    'transactions',
    `insert into activity_transaction (activity_id, type, date, value, currency, value_date,
       provider_org_id, receiver_activity_id, position)
     select md5('act' || a)::uuid, t, d, v, c, d,
            case when t in ('1', '11') then md5('org' || (4 + j % 37))::uuid end,
            case when t = '3' and bench_r(j, 13) < 0.03 then 'XM-BENCH-' || (1 + (a * 31) % $2) end,
            j
       from (select j, 1 + (j * 7) % $2 as a,
                    case when r < 0.5 then '3' when r < 0.65 then '2' when r < 0.85 then '4'
                         when r < 0.95 then '1' else '11' end as t,
                    date '2001-01-01' + floor(bench_r(j, 14) * 9450)::int as d,
                    round((100 + bench_r(j, 15) * 250000)::numeric, 2) as v,
                    case when q < 0.6 then 'EUR' when q < 0.75 then 'USD' when q < 0.9 then 'RSD'
                         else 'CHF' end as c
               from (select j, bench_r(j, 16) as r, bench_r(j, 17) as q
                       from generate_series(1, $1) j) x) y`,
    [n, activities],
  );
  await db.query('analyze');
  out.municipality = 0;
  return Object.assign(out, { _munis: munis.length, _activities: activities });
}
