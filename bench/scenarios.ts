import type { Database } from '../src/server/db/db.js';
import { searchActivities } from '../src/server/activities/activities.service.js';
import { ActivityListQuery } from '../src/server/activities/activities.schemas.js';
import type { Dataset } from './dataset.js';

export type QueryParams = Record<string, string | number>;

export interface Scenario {
  id: string;
  title: string;
  /** The query string as a client would send it to GET /activities. */
  query: QueryParams;
  /** What a naive implementation would send for the same question: one statement, rows only. */
  baseline: { sql: string; params: unknown[]; note: string };
}

export const PAGE_SIZE = 50;

/** The real code path, as the route runs it: parse the query, then the service. */
export async function runReal(db: Database, query: QueryParams): Promise<number> {
  const page = await searchActivities(db, null, ActivityListQuery.parse(query));
  return page.items.length;
}

export async function runBaseline(db: Database, b: Scenario['baseline']): Promise<number> {
  return (await db.query(b.sql, b.params)).length;
}

/** The cursor a client holds after reading `pages` pages. */
async function cursorAfter(db: Database, pages: number): Promise<string> {
  let cursor: string | undefined;
  for (let i = 0; i < pages; i++) {
    const page = await searchActivities(
      db,
      null,
      ActivityListQuery.parse({ limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) }),
    );
    if (!page.next_cursor) throw new Error(`the list ends before page ${pages + 1}`);
    cursor = page.next_cursor;
  }
  if (!cursor) throw new Error('no cursor');
  return cursor;
}

const PUBLISHED = `publication_status = 'published'`;
const ORDER = `order by sort_key, id limit ${PAGE_SIZE}`;
const IN_MUNICIPALITY = `id in (select l.activity_id from activity_location l join place p on p.id = l.place_id
    where (p.kind = 'municipality' and p.code = $MUN) or p.parent_id = (select id from place where kind = 'municipality' and code = $MUN))`;
const IN_SECTOR = `id in (select activity_id from activity_sector where code like $SECTOR)`;

/** Numbers the $NAME placeholders of a baseline in order of first use. */
function bind(sql: string, named: Record<string, unknown>): { sql: string; params: unknown[] } {
  const order: string[] = [];
  const text = sql.replace(/\$([A-Z]+)/g, (_, name: string) => {
    if (!(name in named)) throw new Error(`no value for $${name}`);
    let i = order.indexOf(name);
    if (i < 0) i = order.push(name) - 1;
    return `$${i + 1}`;
  });
  return { sql: text.replace(/\s+/g, ' ').trim(), params: order.map((n) => named[n]) };
}

export interface ScenarioChoices {
  municipalityCode: string;
  organisation: { acronym: string; id: string; funds: number };
  programme: { id: string; title: string; children: number };
}

/** The organisation and programme the filters use: the busiest funder, a programme of about 500. */
export function choose(dataset: Dataset, municipalityCode = '70963'): ScenarioChoices {
  const [acronym, id] = [...dataset.organisations].reduce((best, cur) =>
    (dataset.fundingCounts.get(cur[1]) ?? 0) > (dataset.fundingCounts.get(best[1]) ?? 0)
      ? cur
      : best,
  );
  const programme = [...dataset.programmes].sort(
    (a, b) => Math.abs(a.children - 500) - Math.abs(b.children - 500),
  )[0];
  if (!programme) throw new Error('no programmes generated');
  return {
    municipalityCode,
    organisation: { acronym, id, funds: dataset.fundingCounts.get(id) ?? 0 },
    programme: { id: programme.id, title: programme.title, children: programme.children },
  };
}

export async function buildScenarios(db: Database, c: ScenarioChoices): Promise<Scenario[]> {
  const page5 = await cursorAfter(db, 4);
  const mun = c.municipalityCode;
  return [
    {
      id: 'a',
      title: 'plain list, first page',
      query: { limit: PAGE_SIZE },
      baseline: {
        ...bind(`select * from activity where ${PUBLISHED} ${ORDER}`, {}),
        note: 'sorted scan',
      },
    },
    {
      id: 'b',
      title: 'plain list, page 5 (cursor)',
      query: { limit: PAGE_SIZE, cursor: page5 },
      baseline: {
        ...bind(`select * from activity where ${PUBLISHED} ${ORDER} offset ${4 * PAGE_SIZE}`, {}),
        note: 'OFFSET 200 instead of a keyset cursor',
      },
    },
    {
      id: 'c',
      title: 'q=presevo (folded search)',
      query: { limit: PAGE_SIZE, q: 'presevo' },
      baseline: {
        ...bind(`select * from activity where ${PUBLISHED} and search_text ilike $Q ${ORDER}`, {
          Q: '%presevo%',
        }),
        note: 'ILIKE on the stored search text',
      },
    },
    {
      id: 'd',
      title: 'q=Прешево (Cyrillic)',
      query: { limit: PAGE_SIZE, q: 'Прешево' },
      baseline: {
        ...bind(`select * from activity where ${PUBLISHED} and title::text ilike $Q ${ORDER}`, {
          Q: '%Прешево%',
        }),
        note: 'ILIKE on the titles without folding: finds nothing, titles are stored in Latin',
      },
    },
    {
      id: 'e',
      title: `municipality=${mun}`,
      query: { limit: PAGE_SIZE, municipality: mun },
      baseline: {
        ...bind(`select * from activity where ${PUBLISHED} and ${IN_MUNICIPALITY} ${ORDER}`, {
          MUN: mun,
        }),
        note: 'IN (locations in the municipality or its settlements); no beneficiary arm',
      },
    },
    {
      id: 'f',
      title: 'sector=140 (DAC 3 → 5-digit)',
      query: { limit: PAGE_SIZE, sector: '140' },
      baseline: {
        ...bind(`select * from activity where ${PUBLISHED} and ${IN_SECTOR} ${ORDER}`, {
          SECTOR: '140%',
        }),
        note: "IN (sectors with code LIKE '140%')",
      },
    },
    {
      id: 'g',
      title: `organisation=${c.organisation.acronym}&role=funding`,
      query: { limit: PAGE_SIZE, organisation: c.organisation.id, role: 'funding' },
      baseline: {
        ...bind(
          `select * from activity where ${PUBLISHED} and id in (select activity_id from activity_participant
             where organisation_id = $ORG and role = 'funding') ${ORDER}`,
          { ORG: c.organisation.id },
        ),
        note: 'IN (participants with that organisation and role)',
      },
    },
    {
      id: 'h',
      title: `programme=<${c.programme.children} projects>`,
      query: { limit: PAGE_SIZE, programme: c.programme.id },
      baseline: {
        ...bind(`select * from activity where ${PUBLISHED} and parent_id = $PRG ${ORDER}`, {
          PRG: c.programme.id,
        }),
        note: 'direct children only (no recursion)',
      },
    },
    {
      id: 'i',
      title: 'municipality+sector+years+q',
      query: {
        limit: PAGE_SIZE,
        municipality: mun,
        sector: '140',
        year_from: 2015,
        year_to: 2022,
        q: 'vodovod',
      },
      baseline: {
        ...bind(
          `select * from activity where ${PUBLISHED} and search_text ilike $Q
             and coalesce(end_year, start_year) >= $FROM and coalesce(start_year, end_year) <= $TO
             and ${IN_MUNICIPALITY} and ${IN_SECTOR} ${ORDER}`,
          { Q: '%vodovod%', FROM: 2015, TO: 2022, MUN: mun, SECTOR: '140%' },
        ),
        note: 'the plain filters above, ANDed',
      },
    },
  ];
}
