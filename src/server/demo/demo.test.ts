import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshTestDb } from '../../../tests/support/db.js';
import type { ActivityOut, ParticipantRole } from '../activities/activities.schemas.js';
import { getActivity } from '../activities/activities.service.js';
import type { Database, Queryable, Row } from '../db/db.js';
import { ValidationError } from '../errors.js';
import { findOrganisationById } from '../organisations/organisations.queries.js';
import { projectPath } from '../paths.js';
import { findPlaceByKindCode } from '../places/places.queries.js';
import { findActivityIdByEnglishTitle, findOrganisationIdByEnglishName } from './demo.queries.js';
import { DemoFile, type DemoActivity, type DemoOrganisation } from './demo.schema.js';
import {
  DEMO_ACTOR,
  DEMO_FILE,
  datePrecisionNote,
  fullDate,
  readDemo,
  requireReferenceData,
  seedDemo,
  seedDemoData,
  type SeedResult,
} from './demo.seed.js';

/** The copy of shared/data/programmes/facts.json that demo.json was written from. */
const FACTS_FILE = projectPath('data', 'demo', 'facts.json');

const demo = readDemo();
let db: Database;
let dispose: () => Promise<void> = () => Promise.resolve();
let first: SeedResult;
let second: SeedResult;
const counts = {
  before: { organisations: 0, activities: 0 },
  after: { organisations: 0, activities: 0 },
};
/** Demo key → database id, resolved the way the seed resolves them. */
const orgId = new Map<string, string>();
const actId = new Map<string, string>();

async function rowCounts(q: Queryable) {
  const [r] = await q.query<{ organisations: number; activities: number }>(
    'select (select count(*) from organisation)::int as organisations, (select count(*) from activity)::int as activities',
  );
  return r ?? { organisations: 0, activities: 0 };
}

beforeAll(async () => {
  // Its own database: the seed matches organisations that other test files may have created.
  const fresh = await freshTestDb();
  db = fresh.db;
  dispose = fresh.dispose;
  first = await seedDemo(db);
  counts.before = await rowCounts(db);
  second = await seedDemo(db);
  counts.after = await rowCounts(db);
  for (const o of demo.organisations) {
    const id = await findOrganisationIdByEnglishName(db, o.names.en);
    if (id) orgId.set(o.key, id);
  }
  for (const a of [...demo.activities].sort((x, y) => x.hierarchy - y.hierarchy)) {
    const id = await findActivityIdByEnglishTitle(
      db,
      a.title.en,
      a.parent ? (actId.get(a.parent) ?? null) : null,
    );
    if (id) actId.set(a.key, id);
  }
});

afterAll(async () => {
  await dispose();
});

async function activity(key: string): Promise<ActivityOut> {
  const id = actId.get(key);
  if (!id) throw new Error(`demo activity ${key} was not found after seeding`);
  return getActivity(db, DEMO_ACTOR, id);
}

function withRole(a: ActivityOut, role: ParticipantRole): string[] {
  return a.participants
    .filter((p) => p.role === role)
    .map((p) => p.organisation.acronym ?? p.organisation.names.en ?? '');
}

interface Fact {
  source: string;
  note?: string;
  value: unknown;
}

/**
 * URLs that facts.json gives as sources: each fact's source, each listed item's source, and those
 * in a note (a second source for a conflicting figure). A source written without a scheme
 * ("github.com/undp/…") counts as https.
 */
function factUrls(): Set<string> {
  const facts = JSON.parse(readFileSync(FACTS_FILE, 'utf8')) as { entities: { facts: Fact[] }[] };
  const texts = facts.entities.flatMap((e) =>
    e.facts.flatMap((f) => [
      f.source,
      f.note ?? '',
      ...(Array.isArray(f.value)
        ? f.value.map((i: unknown) =>
            typeof i === 'object' && i !== null && 'source' in i ? String(i.source) : '',
          )
        : []),
    ]),
  );
  const found = texts.flatMap((t) => t.match(/https?:\/\/[^\s)]+|github\.com\/[^\s)]+/g) ?? []);
  return new Set(found.map((u) => (u.startsWith('http') ? u : `https://${u}`)));
}

describe('seedDemo', () => {
  it('creates everything once and nothing the second time', () => {
    const total = demo.organisations.length + demo.activities.length;
    expect(first.organisations + first.activities + first.skipped).toBe(total);
    expect(second).toEqual({ organisations: 0, activities: 0, skipped: total });
    expect(counts.after).toEqual(counts.before);
    expect(orgId.size).toBe(demo.organisations.length);
    expect(actId.size).toBe(demo.activities.length);
  });

  it('has every programme at hierarchy 1, published', async () => {
    const programmes = [
      'ssmirp',
      'mir-1',
      'mir-2',
      'pbild',
      'eu-progres',
      'european-progres',
      'eu-pro',
      'eu-pro-plus',
    ];
    for (const key of programmes) {
      const a = await activity(key);
      expect(a.hierarchy, key).toBe(1);
      expect(a.parent_id, key).toBeNull();
      expect(a.publication_status, key).toBe('published');
    }
  });

  it('records PBILD with its funders and UN implementers', async () => {
    const pbild = await activity('pbild');
    expect(withRole(pbild, 'funding').sort()).toEqual(
      ['MDG-F', 'Royal Norwegian Embassy in Belgrade', 'SDC', 'Sida', 'UNDP'].sort(),
    );
    expect(withRole(pbild, 'implementing').sort()).toEqual(
      ['ILO', 'IOM', 'UN-Habitat', 'UNDP', 'UNHCR', 'UNICEF'].sort(),
    );
    expect(pbild.status).toBe('4');
    const undpProject = await activity('undp-00058294');
    expect(undpProject.iati_identifier).toBe('XM-DAC-41114-PROJECT-00058294');
    expect(undpProject.parent_id).toBe(pbild.id);
    expect(undpProject.hierarchy).toBe(2);
  });

  it('records EU PROGRES with its budget, funders and the Government as co-financier', async () => {
    const progres = await activity('eu-progres');
    expect(progres.budgets).toHaveLength(1);
    const [budget] = progres.budgets;
    expect(Number(budget?.value)).toBe(17_500_000);
    expect(budget?.currency).toBe('EUR');
    expect(budget?.period_start).toBe('2010-07-01');
    expect(budget?.value_date).toBe('2010-07-01');
    expect(withRole(progres, 'funding').sort()).toEqual(['EU', 'SDC']);
    expect(withRole(progres, 'co_financing')).toEqual(['Government of the Republic of Serbia']);
    expect(withRole(progres, 'implementing')).toEqual(['UNOPS']);
    expect(progres.actual_start).toBe('2010-07-01');
    // The source gives the month only; the record says so.
    expect(progres.description.en).toContain(
      'actual start 2010-07 (a month; stored as 2010-07-01)',
    );
    const school = await activity('eu-progres-ibrahim-kelmendi');
    expect(school.parent_id).toBe(progres.id);
    expect(school.illustrative).toBe(false);
  });

  it('places the OSCE office in Bujanovac under the OSCE Mission to Serbia', async () => {
    const office = await findOrganisationById(db, orgId.get('osce-office-bujanovac') ?? '');
    expect(office?.parent_id).toBe(orgId.get('osce-mission'));
  });

  it('ties each municipality to its gazetteer place', async () => {
    for (const [key, code] of [
      ['municipality-presevo', '70963'],
      ['municipality-bujanovac', '70351'],
      ['municipality-medvedja', '70815'],
    ] as const) {
      const org = await findOrganisationById(db, orgId.get(key) ?? '');
      const place = await findPlaceByKindCode(db, 'municipality', code);
      expect(org?.kind, key).toBe('municipality');
      expect(org?.place_id, key).toBe(place?.id);
    }
  });

  it('links only sources named in facts.json, and every one of them', async () => {
    const allowed = factUrls();
    const rows = await db.query<Row & { url: string }>(
      `select distinct d.url from document_link d
         left join activity a on a.id = d.activity_id
         left join organisation o on o.id = d.organisation_id
        where a.created_by = $1 or o.created_by = $1`,
      [DEMO_ACTOR.userId],
    );
    const linked = new Set(rows.map((r) => r.url));
    expect([...linked].filter((u) => !allowed.has(u))).toEqual([]);
    expect([...allowed].filter((u) => !linked.has(u))).toEqual([]);
  });

  it('marks illustrative records as such and real ones as real', async () => {
    for (const o of demo.organisations) {
      expect((await findOrganisationById(db, orgId.get(o.key) ?? ''))?.illustrative, o.key).toBe(
        o.illustrative,
      );
    }
    for (const a of demo.activities)
      expect((await activity(a.key)).illustrative, a.key).toBe(a.illustrative);
  });
});

describe('a failing record', () => {
  it('rolls back the whole seed, records created before it included', async () => {
    const probe = `Rollback probe ${randomUUID()}`;
    const broken: DemoFile = {
      ...demo,
      organisations: [
        ...demo.organisations,
        {
          ...(demo.organisations[0] as DemoOrganisation),
          key: 'rollback-probe',
          names: { en: probe },
          parent: null,
          document_links: [],
        },
      ],
      activities: [
        ...demo.activities,
        {
          ...(demo.activities[0] as DemoActivity),
          key: 'rollback-probe',
          parent: null,
          title: { en: probe },
          sectors: [{ vocabulary: '99', code: 'no_such_sector', percentage: null }],
        },
      ],
    };
    const before = await rowCounts(db);
    await expect(seedDemoData(db, broken)).rejects.toBeInstanceOf(ValidationError);
    expect(await findOrganisationIdByEnglishName(db, probe)).toBeNull();
    expect(await rowCounts(db)).toEqual(before);
  });
});

describe('reference data', () => {
  it('names every missing codelist and place instead of seeding half', async () => {
    const empty: Queryable = {
      query: <T extends Row>() => Promise.resolve([] as T[]),
      exec: () => Promise.resolve(),
    };
    const err = await requireReferenceData(empty, demo).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    const message = (err as ValidationError).message;
    for (const part of ['OfficeSector', 'ActivityStatus', 'municipality 70963', 'district RS-24'])
      expect(message).toContain(part);
  });
});

describe('demo file', () => {
  it('rejects a dangling parent', () => {
    const raw = JSON.parse(readFileSync(DEMO_FILE, 'utf8')) as {
      activities: { parent: string | null }[];
    };
    const broken = {
      ...raw,
      activities: raw.activities.map((a, i) =>
        i === 1 ? { ...a, parent: 'no-such-programme' } : a,
      ),
    };
    expect(DemoFile.safeParse(broken).success).toBe(false);
  });

  it('stores a year or month at the start or the end of its period, and says so', () => {
    expect(fullDate('2001', 'start')).toBe('2001-01-01');
    expect(fullDate('2003', 'end')).toBe('2003-12-31');
    expect(fullDate('2024-02', 'end')).toBe('2024-02-29');
    expect(fullDate('2014-03-31', 'end')).toBe('2014-03-31');
    expect(
      datePrecisionNote({
        planned_start: null,
        actual_start: '2014-05-08',
        planned_end: null,
        actual_end: '2018-03-30',
      }),
    ).toBeNull();
  });
});
