import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/db.js';
import { projectPath } from '../paths.js';
import { testDb } from '../../../tests/support/db.js';
import { makeUser, uniq, type TestUser } from '../../../tests/support/factories.js';
import type { IatiActivity } from './iati.model.js';
import { importIati } from './import/import.service.js';
import { parsedFile } from './import/parsed-file.js';
import { officePublisher } from './publisher.js';
import { loadIatiActivities } from './store/from-registry.js';
import { iatiActivitiesArb } from './write/arbitraries.js';
import { writeIatiActivities } from './write/stream.js';

let db: Database;
let coordinator: TestUser;
const publisher = officePublisher('RS-KOORDINACIONO-TELO');

beforeAll(async () => {
  db = await testDb();
  coordinator = await makeUser(db, 'coordinator');
});

async function importXml(xml: string) {
  return importIati(db, coordinator.actor, parsedFile(Readable.from([xml]), { maxBytes: 1e9 }), {
    fileName: 'roundtrip.xml',
    dryRun: false,
    strict: false,
  });
}

async function toXml(activities: Iterable<IatiActivity>): Promise<string> {
  let xml = '';
  await writeIatiActivities(
    activities,
    (chunk) => {
      xml += chunk;
    },
    { generatedAt: '2026-01-01T00:00:00Z', onProblems: () => undefined },
  );
  return xml;
}

/** What the registry holds for these identifiers, as IATI. */
async function registryContents(identifiers: string[]): Promise<IatiActivity[]> {
  const rows = await db.query<{ id: string }>(
    'select id from activity where iati_identifier = any($1::text[]) order by iati_identifier',
    [identifiers],
  );
  return loadIatiActivities(
    db,
    rows.map((r) => r.id),
    publisher,
  );
}

/** The registry refuses an end before a start (a critical problem on import); so do these runs. */
function storable(a: IatiActivity): boolean {
  const d = (t: string) => a.dates.find((x) => x.type === t)?.isoDate;
  const ordered = (start: string | undefined, end: string | undefined) =>
    !start || !end || end >= start;
  return ordered(d('1'), d('3')) && ordered(d('2'), d('4'));
}

/** import → export → import: the registry holds the same activities after the second import. */
async function roundTrip(xml: string): Promise<{ first: IatiActivity[]; second: IatiActivity[] }> {
  const report = await importXml(xml);
  expect(report.status).toBe('committed');
  const identifiers = [...xml.matchAll(/<iati-identifier>([^<]*)<\/iati-identifier>/g)].map(
    (m) => m[1] ?? '',
  );
  const first = await registryContents(identifiers);
  expect(first.length).toBeGreaterThan(0);
  const again = await importXml(await toXml(first));
  expect(again.counts.rejected).toBe(0);
  const second = await registryContents(identifiers);
  return { first, second };
}

describe('IATI round trip: import → export → import keeps the registry the same', () => {
  it('for the real UNDP Serbia file', async () => {
    const { first, second } = await roundTrip(
      readFileSync(
        projectPath('tests/fixtures/iati/undp-serbia/undp-serbia-2017-excerpt.xml'),
        'utf8',
      ),
    );
    expect(second).toEqual(first);
  });

  it('for a real AidData file', async () => {
    const { first, second } = await roundTrip(
      readFileSync(
        projectPath(
          'tests/fixtures/iati/aiddata/iati_2.03_NigeriaAIMS_GeocodedResearchRelease.excerpt.xml',
        ),
        'utf8',
      ),
    );
    expect(second).toEqual(first);
  });

  it('for generated activities (property-based)', async () => {
    await fc.assert(
      fc.asyncProperty(
        iatiActivitiesArb(1, 4).filter((list) => list.every(storable)),
        async (generated) => {
          // Each run gets identifiers of its own, so runs and other tests do not meet.
          const tag = uniq();
          const activities = generated.map((a) => ({ ...a, identifier: `${a.identifier}-${tag}` }));
          const { first, second } = await roundTrip(await toXml(activities));
          expect(second).toEqual(first);
          // And the first import kept what the file said, not just something stable.
          for (const a of activities) {
            const stored = first.find((x) => x.identifier === a.identifier);
            // Money without any currency is refused with a warning: the registry cannot count it.
            const priced = a.transactions.filter(
              (t) => (t.value.currency ?? a.defaultCurrency) !== null,
            );
            expect(stored?.transactions.map((t) => [t.type, Number(t.value.amount)])).toEqual(
              priced.map((t) => [t.type, Number(t.value.amount)]),
            );
            // An organisation named neither by ref nor by name cannot be a partner in the registry.
            const named = a.participatingOrgs.filter(
              (p) => p.ref !== null || Object.values(p.name).some((n) => n.trim() !== ''),
            );
            const roles = (list: { role: string }[]) =>
              [...new Set(list.map((p) => p.role))].sort();
            expect(roles(stored?.participatingOrgs ?? [])).toEqual(roles(named));
            expect(stored?.status).toBe(a.status);
          }
        },
      ),
      { numRuns: 15 },
    );
  }, 120_000); // many imports and exports in a row
});
