import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/db.js';
import { testDb } from '../../../tests/support/db.js';
import {
  makeOrganisation,
  makeUser,
  municipality,
  testApp,
  uniq,
  type TestUser,
} from '../../../tests/support/factories.js';
import { foldForSearch } from '../text/index.js';
import type { QualityIssue, QualityReport } from './quality.schemas.js';

let db: Database;
let app: ReturnType<typeof testApp>;
let coordinator: TestUser;

beforeAll(async () => {
  db = await testDb();
  app = testApp(db);
  coordinator = await makeUser(db, 'coordinator');
});

interface Act {
  title: string;
  org: string;
  planned_start?: string | null;
  planned_end?: string | null;
  actual_start?: string | null;
  actual_end?: string | null;
  published?: boolean;
  description?: Record<string, string>;
}

/** Activities as an import may leave them, written straight to the tables. */
async function insertActivity(a: Act): Promise<string> {
  const rows = await db.query<{ id: string }>(
    `insert into activity (title, description, reporting_org_id, planned_start, planned_end,
       actual_start, actual_end, publication_status, sort_key)
     values ($1::jsonb, $2::jsonb, $3, $4, $5, $6, $7, $8, $9) returning id`,
    [
      JSON.stringify({ en: a.title }),
      JSON.stringify(a.description ?? { en: 'Described' }),
      a.org,
      a.planned_start === undefined ? '2022-01-01' : a.planned_start,
      a.planned_end === undefined ? '2023-12-31' : a.planned_end,
      a.actual_start ?? null,
      a.actual_end ?? null,
      a.published ? 'published' : 'draft',
      foldForSearch(a.title),
    ],
  );
  return (rows[0] as { id: string }).id;
}

async function complete(id: string, placeId: string) {
  await db.query(
    `insert into activity_sector (activity_id, vocabulary, code, percentage) values ($1, '1', '14010', 100)`,
    [id],
  );
  await db.query(`insert into activity_location (activity_id, place_id) values ($1, $2)`, [
    id,
    placeId,
  ]);
}

async function report(qs: string, who: TestUser = coordinator): Promise<QualityReport> {
  const res = await app.request(`/api/v1/quality?${qs}`, { headers: who.headers });
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as QualityReport;
}

function kindsOf(items: QualityIssue[], id: string): string[] {
  return items
    .filter((i) => i.id === id)
    .map((i) => i.kind)
    .sort();
}

describe('data quality', () => {
  it('lists what is missing, each with a message in four locales and a link to fix it', async () => {
    const org = await makeOrganisation(db);
    const presevo = await municipality(db, '70963');
    const bare = await insertActivity({
      title: `Bare ${uniq()}`,
      org: org.id,
      planned_start: null,
      planned_end: null,
      published: true,
      description: {},
    });
    const clean = await insertActivity({ title: `Clean ${uniq()}`, org: org.id, published: true });
    await complete(clean, presevo.id);
    const r = await report(`organisation=${org.id}`);
    expect(kindsOf(r.items, bare)).toEqual([
      'missing_dates',
      'missing_place',
      'missing_sector',
      'published_without_description',
    ]);
    expect(kindsOf(r.items, clean)).toEqual([]);
    const dates = r.items.find((i) => i.id === bare && i.kind === 'missing_dates');
    expect(dates).toMatchObject({
      severity: 'error',
      record_type: 'activity',
      fix_url: `/office/activities/${bare}#dates`,
      message: {
        en: 'No start or end date (planned or actual).',
        sq: 'Nuk ka datë fillimi ose përfundimi (të planifikuar ose faktike).',
        'sr-Latn': 'Nema datuma početka ni završetka (planiranog ili stvarnog).',
        'sr-Cyrl': 'Нема датума почетка ни завршетка (планираног или стварног).',
      },
    });
    expect(r.counts).toEqual({
      missing_dates: 1,
      missing_place: 1,
      missing_sector: 1,
      published_without_description: 1,
    });
    const onlySector = await report(`organisation=${org.id}&kind=missing_sector`);
    expect(onlySector.items.map((i) => i.kind)).toEqual(['missing_sector']);
  });

  it('finds percentages off, money without currency or with a future value date, long budget periods and reversed dates', async () => {
    const org = await makeOrganisation(db);
    const presevo = await municipality(db, '70963');
    const bujanovac = await municipality(db, '70351');
    const id = await insertActivity({
      title: `Inconsistent ${uniq()}`,
      org: org.id,
      planned_start: '2022-01-01',
      planned_end: null,
      actual_start: null,
      actual_end: '2021-06-30',
    });
    await db.query(
      `insert into activity_sector (activity_id, vocabulary, code, percentage)
       values ($1, '1', '14010', 60), ($1, '1', '11220', 30.5), ($1, '99', 'education', 100)`,
      [id],
    );
    await db.query(
      `insert into activity_location (activity_id, place_id, percentage) values ($1, $2, 50), ($1, $3, 20)`,
      [id, presevo.id, bujanovac.id],
    );
    await db.query(
      `insert into activity_budget (activity_id, period_start, period_end, value, currency, value_date)
       values ($1, '2022-01-01', '2022-12-31', 1000, 'EUR', '2022-01-01'),
              ($1, '2022-01-01', '2023-01-01', 1000, 'EUR', '2099-01-01')`,
      [id],
    );
    await db.query(
      `insert into activity_transaction (activity_id, type, date, value, currency, value_date)
       values ($1, '3', '2022-05-01', 250.75, 'EUX', '2022-05-01')`,
      [id],
    );
    const r = await report(`organisation=${org.id}`);
    expect(kindsOf(r.items, id)).toEqual([
      'budget_period_over_year',
      'end_before_start',
      'location_percentages',
      'money_value_date',
      'money_without_currency',
      'sector_percentages',
    ]);
    const sector = r.items.find((i) => i.kind === 'sector_percentages');
    expect(sector?.details).toEqual({ vocabulary: '1', sum: '90.5000' });
    expect(sector?.message.en).toBe('Sector percentages of vocabulary 1 add up to 90.5, not 100.');
    expect(sector?.message['sr-Latn']).toBe(
      'Zbir procenata sektora u rečniku 1 je 90,5, a ne 100.',
    );
    expect(r.items.find((i) => i.kind === 'location_percentages')?.message.en).toContain('70');
    const money = r.items.find((i) => i.kind === 'money_without_currency');
    expect(money?.message.en).toBe('A transaction of 250.75 has no valid currency (“EUX”).');
    expect(money?.fix_url).toBe(`/office/activities/${id}#finance`);
    expect(r.items.find((i) => i.kind === 'budget_period_over_year')?.details).toEqual({
      period_start: '2022-01-01',
      period_end: '2023-01-01',
    });
    expect(r.items.find((i) => i.kind === 'end_before_start')?.details).toEqual({
      start: '2022-01-01',
      end: '2021-06-30',
    });
  });

  it('reports the same activity from two publishers, linked by the import or only alike', async () => {
    const funder = await makeOrganisation(db, { names: { en: `Funder ${uniq()}` } });
    const implementer = await makeOrganisation(db);
    const title = `Shared project ${uniq()}`;
    const a = await insertActivity({ title, org: implementer.id });
    const b = await insertActivity({ title, org: funder.id });
    const c = await insertActivity({ title: `Linked ${uniq()}`, org: implementer.id });
    const d = await insertActivity({ title: `Funder view ${uniq()}`, org: funder.id });
    await db.query(
      `insert into activity_link (activity_id, linked_activity_id, reason) values ($1, $2, 'provider_activity')`,
      [c, d],
    );
    const r = await report(`organisation=${implementer.id}&kind=duplicate_publishers`);
    const alike = r.items.find((i) => i.id === a);
    expect(alike).toMatchObject({
      severity: 'warning',
      details: { other_id: b, reason: 'same_title_and_dates' },
    });
    expect(alike?.message.en).toContain(funder.names.en ?? '?');
    const linked = r.items.find((i) => i.id === c);
    expect(linked).toMatchObject({
      severity: 'info',
      details: { other_id: d, reason: 'provider_activity' },
    });
    // Once linked, the look-alike pair is no longer reported as unlinked.
    await db.query(
      `insert into activity_link (activity_id, linked_activity_id, reason) values ($1, $2, 'manual')`,
      [b, a],
    );
    const after = await report(`organisation=${implementer.id}&kind=duplicate_publishers`);
    expect(after.items.filter((i) => i.id === a).map((i) => i.details.reason)).toEqual([]);
  });

  it('shows each editor only the activities in their scope and refuses anonymous readers', async () => {
    const own = await makeOrganisation(db);
    const other = await makeOrganisation(db);
    const mine = await insertActivity({ title: `Mine ${uniq()}`, org: own.id });
    const theirs = await insertActivity({ title: `Theirs ${uniq()}`, org: other.id });
    const editor = await makeUser(db, 'partner_editor', { organisation: own.id });
    const r = await report('kind=missing_sector&limit=2000', editor);
    const ids = new Set(r.items.map((i) => i.id));
    expect(ids.has(mine)).toBe(true);
    expect(ids.has(theirs)).toBe(false);
    // Asking for another organisation's activities gives nothing outside the editor's scope.
    const asked = await report(`kind=missing_sector&organisation=${other.id}`, editor);
    expect(asked.items).toEqual([]);

    const medvedja = await municipality(db, '70815');
    const placed = await insertActivity({ title: `Placed ${uniq()}`, org: other.id });
    await db.query(`insert into activity_location (activity_id, place_id) values ($1, $2)`, [
      placed,
      medvedja.id,
    ]);
    const muniEditor = await makeUser(db, 'municipality_editor', { municipality: medvedja.id });
    const m = await report('kind=missing_sector&limit=2000', muniEditor);
    expect(m.items.some((i) => i.id === placed)).toBe(true);
    expect(m.items.some((i) => i.id === theirs)).toBe(false);
    expect((await app.request('/api/v1/quality')).status).toBe(401);
    const bad = await app.request('/api/v1/quality?kind=everything', {
      headers: coordinator.headers,
    });
    expect(bad.status).toBe(400);
  });
});
