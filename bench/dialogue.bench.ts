/**
 * Dialogue, needs and data quality on generated data, on embedded PGlite: a needs CSV import,
 * the needs views, the overdue actions, the calendar feed and the data-quality list. Sizes come
 * from the environment; a quick check: BENCH_SIZE=200 npx tsx bench/dialogue.bench.ts
 */
import { performance } from 'node:perf_hooks';
import { z } from 'zod';
import type { Actor } from '../src/server/auth/actor.js';
import { openPglite } from '../src/server/db/pglite.js';
import { prepareDatabase } from '../src/server/db/prepare.js';
import { searchActions } from '../src/server/meetings/actions.service.js';
import { calendarFeed } from '../src/server/meetings/meetings.calendar.js';
import { ActionListQuery } from '../src/server/meetings/meetings.schemas.js';
import { importNeedsCsv } from '../src/server/needs/needs.import.js';
import { NeedListQuery } from '../src/server/needs/needs.schemas.js';
import { searchNeeds, summariseNeeds } from '../src/server/needs/needs.service.js';
import { QualityQuery } from '../src/server/quality/quality.schemas.js';
import { qualityReport } from '../src/server/quality/quality.service.js';

const SIZE = z.coerce.number().int().min(10).default(5000).parse(process.env.BENCH_SIZE);
const ACTOR: Actor = {
  userId: '00000000-0000-0000-0000-0000000000bb',
  email: 'bench@koordinata.invalid',
  role: 'admin',
  organisationId: null,
  municipalityId: null,
};

async function time<T>(label: string, fn: () => Promise<T>, runs = 1): Promise<T> {
  let result: T | undefined;
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    result = await fn();
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  const median = ms[Math.floor(ms.length / 2)] ?? 0;
  process.stdout.write(
    `${label.padEnd(58)} ${median.toFixed(1).padStart(9)} ms (median of ${runs})\n`,
  );
  return result as T;
}

const db = await openPglite();
await prepareDatabase(db);
process.stdout.write(`Dialogue benchmark, PGlite, size ${SIZE}\n`);

const codes = ['70963', '70351', '70815'];
const sectors = ['education', 'health', 'infrastructure', 'economy'];
const lines = [
  'municipality,sector,title_sr_latn,priority,estimated_cost,currency,status,raised_on',
];
for (let i = 0; i < SIZE; i++) {
  lines.push(
    `${codes[i % 3]},${sectors[i % 4]},Potreba ${i},${(i % 5) + 1},${(i * 137) % 100000}.50,EUR,${i % 7 === 0 ? 'met' : 'raised'},2026-0${(i % 9) + 1}-15`,
  );
}
await time(`needs import: ${SIZE} CSV lines, one transaction`, () =>
  importNeedsCsv(db, ACTOR, lines.join('\n')),
);
await time(
  'needs without activity, first page of 50',
  () => searchNeeds(db, ACTOR, NeedListQuery.parse({ without_activity: 'true' })),
  10,
);
await time('needs summary per municipality', () => summariseNeeds(db, ACTOR), 10);

await db.query(
  `insert into organisation (names, kind) select jsonb_build_object('en', 'Org ' || g), 'ngo'
     from generate_series(1, 50) g`,
);
await db.query(
  `insert into follow_up_action (description, owner_organisation_id, due_on, status)
   select jsonb_build_object('en', 'Action ' || g),
          (select id from organisation order by id offset (g % 50) limit 1),
          date '2026-01-01' + (g % 600), 'open'
     from generate_series(1, $1::int) g`,
  [SIZE],
);
await time(
  `overdue actions, first page of 50 (of ${SIZE})`,
  () => searchActions(db, ACTOR, ActionListQuery.parse({ view: 'overdue' })),
  10,
);

await db.query(
  `insert into meeting (kind, starts_at, title, confidentiality, topics)
   select 'meeting', now() + (g % 400 - 90) * interval '1 day',
          jsonb_build_object('en', 'Meeting ' || g || ', Preševo; partners'), 'public', '{employment}'
     from generate_series(1, $1::int) g`,
  [SIZE],
);
const ics = await time(
  `calendar feed (${SIZE} meetings in range or not)`,
  () => calendarFeed(db, { lang: 'sr-Latn', past_days: 90, future_days: 365 }),
  5,
);
process.stdout.write(`  feed size ${(Buffer.byteLength(ics) / 1024).toFixed(0)} KiB\n`);

await db.query(
  `insert into activity (title, sort_key, planned_start, planned_end, publication_status)
   select jsonb_build_object('en', 'Activity ' || g), 'activity ' || g,
          case when g % 4 = 0 then null else date '2020-01-01' end, date '2022-12-31',
          case when g % 3 = 0 then 'published' else 'draft' end
     from generate_series(1, $1::int) g`,
  [SIZE],
);
const report = await time(
  `data quality, every check over ${SIZE} activities`,
  () => qualityReport(db, ACTOR, QualityQuery.parse({})),
  3,
);
process.stdout.write(`  ${report.total} issues: ${JSON.stringify(report.counts)}\n`);
await db.close();
