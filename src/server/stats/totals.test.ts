import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { freshTestDb } from '../../../tests/support/db.js';
import { SYSTEM, testApp } from '../../../tests/support/factories.js';
import type { Database } from '../db/db.js';
import {
  addActivity,
  addBudget,
  addLocation,
  addOrg,
  addParticipant,
  addRate,
  addSector,
  addTransaction,
} from './totals.fixtures.js';
import { getTotals, type TotalsRequest } from './totals.service.js';

let db: Database;
let dispose: () => Promise<void> = () => Promise.resolve();
let muni: { id: string; code: string }[] = [];
let settlementOf: { id: string; parent: string } = { id: '', parent: '' };

beforeAll(async () => {
  ({ db, dispose } = await freshTestDb());
  muni = await db.query<{ id: string; code: string }>(
    "select id, code from place where kind = 'municipality' and focus order by code",
  );
  const s = await db.query<{ id: string; parent: string }>(
    "select id, parent_id as parent from place where kind = 'settlement' and parent_id = $1 order by code limit 1",
    [muni[0]?.id],
  );
  settlementOf = s[0] ?? settlementOf;
}, 600_000);
afterAll(async () => {
  await dispose();
});
// This file's database is its own: each case starts from an empty registry.
beforeEach(async () => {
  await db.query('delete from activity');
  await db.query('delete from organisation');
  await db.query('delete from exchange_rate');
});

const anonymous = null;
const rowsOf = async (
  q: TotalsRequest,
  actor = anonymous,
): Promise<{ t: Awaited<ReturnType<typeof getTotals>>; by: Record<string, string> }> => {
  const t = await getTotals(db, actor, q);
  const by: Record<string, string> = {};
  for (const r of t.rows) by[(q.groupBy ?? []).map((k) => String(r[k])).join('|')] = r.value;
  return { t, by };
};

describe('a flow between two activities of the registry', () => {
  it('counts a disbursement reported by the funder and by the implementer once', async () => {
    const eu = await addOrg(db, 'EU');
    const undp = await addOrg(db, 'UNDP');
    const f = await addActivity(db, { iati: 'XM-EU-1', reportingOrg: eu });
    const i = await addActivity(db, { iati: 'XM-UNDP-1', reportingOrg: undp });
    await addParticipant(db, i, eu, 'funding');
    await addParticipant(db, i, undp, 'implementing');
    await addLocation(db, i, muni[1]?.id ?? null, null);
    await addLocation(db, f, muni[0]?.id ?? null, null);
    await addTransaction(db, f, {
      type: '3',
      date: '2024-03-01',
      value: '1000.00',
      providerOrg: eu,
      receiverActivity: 'XM-UNDP-1',
    });
    await addTransaction(db, i, {
      type: '1',
      date: '2024-03-10',
      value: '1000.00',
      providerOrg: eu,
      providerActivity: 'XM-EU-1',
    });
    // money from a funder whose records are not in the registry counts from the receiver's side
    const swiss = await addOrg(db, 'Switzerland');
    await addTransaction(db, i, {
      type: '1',
      date: '2024-05-01',
      value: '250.00',
      providerOrg: swiss,
    });

    const d = await rowsOf({ groupBy: ['municipality', 'organisation'], measure: 'disbursement' });
    expect(d.t.total).toBe('1250.00');
    // attributed to the implementing activity's place, the funder kept as the organisation
    expect(d.by[`${muni[1]?.id}|${eu}`]).toBe('1000.00');
    expect(d.by[`${muni[1]?.id}|${swiss}`]).toBe('250.00');
    expect(d.by[`${muni[0]?.id}|${eu}`]).toBeUndefined();
    const inc = await rowsOf({ groupBy: ['role'], measure: 'incoming_funds' });
    expect(inc.t.total).toBe('1250.00');
    expect(inc.by.funding).toBe('1250.00');
  });

  it('counts a transfer as the receiver’s incoming funds when only the funder reports it', async () => {
    const eu = await addOrg(db, 'EU');
    const f = await addActivity(db, { iati: 'XM-EU-2', reportingOrg: eu });
    const i = await addActivity(db, { iati: 'XM-NGO-2' });
    await addLocation(db, i, muni[2]?.id ?? null, null);
    await addTransaction(db, f, {
      type: '3',
      date: '2023-01-05',
      value: '400.00',
      providerOrg: eu,
      receiverActivity: 'XM-NGO-2',
    });
    const inc = await rowsOf({ groupBy: ['municipality'], measure: 'incoming_funds' });
    expect(inc.t.total).toBe('400.00');
    expect(inc.by[muni[2]?.id ?? '']).toBe('400.00');
    const d = await rowsOf({ groupBy: [], measure: 'disbursement' });
    expect(d.t.total).toBe('400.00');
  });

  it('counts the commitment of a funder and the implementer’s incoming commitment once', async () => {
    const f = await addActivity(db, { iati: 'XM-A' });
    const i = await addActivity(db, { iati: 'XM-B' });
    await addTransaction(db, f, {
      type: '2',
      date: '2022-02-01',
      value: '900.00',
      receiverActivity: 'XM-B',
    });
    await addTransaction(db, i, {
      type: '11',
      date: '2022-02-03',
      value: '900.00',
      providerActivity: 'XM-A',
    });
    await addTransaction(db, i, { type: '11', date: '2022-02-03', value: '100.00' });
    const c = await rowsOf({ groupBy: ['transaction_type'], measure: 'commitment' });
    expect(c.t.total).toBe('1000.00');
    expect(c.by['2']).toBe('900.00');
    expect(c.by['11']).toBe('100.00');
  });
});

describe('the same activity reported by two publishers', () => {
  it('counts the implementer’s record and the funder’s only for years the implementer leaves out', async () => {
    const sida = await addOrg(db, 'Sida');
    const funderRecord = await addActivity(db, { iati: 'SE-0-1', reportingOrg: sida });
    const implementerRecord = await addActivity(db, { iati: 'XM-IMP-1' });
    await addParticipant(db, implementerRecord, sida, 'funding', 'SE-0-1');
    await addTransaction(db, funderRecord, { type: '3', date: '2022-06-01', value: '50.00' });
    await addTransaction(db, funderRecord, { type: '3', date: '2023-06-01', value: '200.00' });
    await addTransaction(db, implementerRecord, { type: '3', date: '2023-07-01', value: '180.00' });
    const d = await rowsOf({ groupBy: ['year'], measure: 'disbursement' });
    expect(d.t.total).toBe('230.00');
    expect(d.by['2022']).toBe('50.00');
    expect(d.by['2023']).toBe('180.00');
  });

  it('follows a link made by hand', async () => {
    const a = await addActivity(db, { iati: 'XM-X' });
    const b = await addActivity(db, { iati: 'XM-Y' });
    await addBudget(db, a, { start: '2024-01-01', end: '2024-12-31', value: '700.00' });
    await addBudget(db, b, { start: '2024-01-01', end: '2024-12-31', value: '650.00' });
    expect((await getTotals(db, anonymous, { measure: 'budget' })).total).toBe('1350.00');
    await db.query(
      "insert into activity_link (activity_id, linked_activity_id, reason) values ($1, $2, 'manual')",
      [a, b],
    );
    expect((await getTotals(db, anonymous, { measure: 'budget' })).total).toBe('700.00');
  });
});

describe('a programme and its projects', () => {
  it('counts the projects’ figures, and the programme’s own only where no project reports', async () => {
    const p = await addActivity(db, { iati: 'PROG' });
    const c1 = await addActivity(db, { iati: 'PROG-1', parent: p });
    const c2 = await addActivity(db, { iati: 'PROG-2', parent: p });
    await addBudget(db, p, { start: '2023-01-01', end: '2023-12-31', value: '1000.00' });
    await addBudget(db, p, { start: '2024-01-01', end: '2024-12-31', value: '1000.00' });
    await addBudget(db, c1, { start: '2023-01-01', end: '2023-12-31', value: '300.00' });
    // the revised budget replaces the original for the same period
    await addBudget(db, c1, { type: '2', start: '2023-01-01', end: '2023-12-31', value: '350.00' });
    await addBudget(db, c2, { start: '2023-01-01', end: '2023-12-31', value: '400.00' });
    const b = await rowsOf({ groupBy: ['year', 'programme'], measure: 'budget' });
    expect(b.by[`2023|${p}`]).toBe('750.00');
    expect(b.by[`2024|${p}`]).toBe('1000.00');
    expect(b.t.total).toBe('1750.00');
    // a programme without figures of its projects counts in full
    const d = await rowsOf({ groupBy: [], measure: 'disbursement' });
    expect(d.t.total).toBe('0.00');
    await addTransaction(db, p, { type: '3', date: '2023-02-01', value: '10.00' });
    expect((await getTotals(db, anonymous, { measure: 'disbursement' })).total).toBe('10.00');
  });
});

describe('splits by sector and place', () => {
  it('splits 60/40 by sector and 70/30 by place, cents left over going to the largest shares', async () => {
    const a = await addActivity(db);
    await addSector(db, a, '1', '11220', 60);
    await addSector(db, a, '1', '12220', 40);
    await addLocation(db, a, muni[0]?.id ?? null, 70);
    await addLocation(db, a, muni[1]?.id ?? null, 30);
    await addTransaction(db, a, { type: '4', date: '2024-04-04', value: '100.05' });
    const q = { measure: 'expenditure', sectorVocabulary: '1' } as const;
    const s = await rowsOf({ ...q, groupBy: ['sector', 'municipality'] });
    // exact shares 42.021, 28.014, 18.009, 12.006: floors 42.02 + 28.01 + 18.00 + 12.00 = 100.03
    expect(s.by[`11220|${muni[0]?.id}`]).toBe('42.03');
    expect(s.by[`11220|${muni[1]?.id}`]).toBe('18.00');
    expect(s.by[`12220|${muni[0]?.id}`]).toBe('28.02');
    expect(s.by[`12220|${muni[1]?.id}`]).toBe('12.00');
    const bySector = await rowsOf({ ...q, groupBy: ['sector'] });
    expect(bySector.by['11220']).toBe('60.03');
    expect(bySector.by['12220']).toBe('40.02');
    const office = await rowsOf({ measure: 'expenditure', groupBy: ['sector'] });
    expect(office.by.education).toBe('60.03');
    expect(office.by.health).toBe('40.02');
    for (const t of [s.t, bySector.t, office.t]) expect(t.total).toBe('100.05');
  });

  it('puts money without a place or sector under "unspecified", and settlements under their municipality', async () => {
    const a = await addActivity(db);
    await addTransaction(db, a, { type: '3', date: '2020-01-01', value: '10.01' });
    const b = await addActivity(db);
    await addLocation(db, b, settlementOf.id, null);
    // a transaction's own sector replaces the activity's
    await addSector(db, b, '1', '11220', null);
    await addTransaction(db, b, {
      type: '3',
      date: '2020-01-01',
      value: '5.00',
      sectors: [{ code: '14030', vocabulary: '1' }],
    });
    const r = await rowsOf({
      groupBy: ['municipality', 'settlement', 'sector'],
      measure: 'disbursement',
      sectorVocabulary: '1',
    });
    expect(r.by['unspecified|unspecified|unspecified']).toBe('10.01');
    expect(r.by[`${settlementOf.parent}|${settlementOf.id}|14030`]).toBe('5.00');
    expect(r.t.total).toBe('15.01');
    const filtered = await getTotals(db, anonymous, {
      measure: 'disbursement',
      filters: { municipality: [muni[0]?.code ?? ''] },
    });
    expect(filtered.total).toBe(settlementOf.parent === muni[0]?.id ? '5.00' : '0.00');
  });
});

describe('currencies', () => {
  it('converts with the latest quote on or before the value date and never a later one', async () => {
    await addRate(db, 'USD', '2024-01-01', '1.1');
    await addRate(db, 'RSD', '2024-01-01', '117.2');
    await addRate(db, 'USD', '2024-03-01', '1.2');
    await addRate(db, 'CHF', '2024-01-01', '0.95');
    const a = await addActivity(db);
    await addTransaction(db, a, {
      type: '3',
      date: '2024-02-01',
      value: '1000.00',
      currency: 'USD',
    });
    await addTransaction(db, a, {
      type: '3',
      date: '2024-02-01',
      value: '500.00',
      currency: 'EUR',
    });
    await addTransaction(db, a, {
      type: '3',
      date: '2024-02-01',
      value: '11720.00',
      currency: 'RSD',
    });
    // before the first quote: no rate, counted as without_rate
    await addTransaction(db, a, { type: '3', date: '2023-12-15', value: '77.00', currency: 'USD' });
    const eur = await getTotals(db, anonymous, { measure: 'disbursement', currency: 'EUR' });
    // 1000 / 1.1 = 909.09; 500; 11720 / 117.2 = 100
    expect(eur.total).toBe('1509.09');
    expect(eur.without_rate.count).toBe(1);
    expect(eur.conversion.source).toContain('test quotes');
    const usd = await getTotals(db, anonymous, { measure: 'disbursement', currency: 'USD' });
    // 1000 + 550 + 110 + 77 (its own currency needs no quote)
    expect(usd.total).toBe('1737.00');
    expect(usd.without_rate.count).toBe(0);
    const rsd = await getTotals(db, anonymous, { measure: 'disbursement', currency: 'RSD' });
    // 1000 × 117.2 / 1.1 = 106545.45; 500 × 117.2 = 58600; 11720
    expect(rsd.total).toBe('176865.45');
    const chf = await getTotals(db, anonymous, { measure: 'disbursement', currency: 'chf' });
    // from the euro figures: 909.09 × 0.95 = 863.64; 475.00; 95.00
    expect(chf.currency).toBe('CHF');
    expect(chf.total).toBe('1433.64');
    await expect(
      getTotals(db, anonymous, { measure: 'disbursement', currency: 'XYZ' }),
    ).rejects.toThrow(/no exchange rates for XYZ/);
  });

  it('converts again when a quote arrives', async () => {
    const a = await addActivity(db);
    await addTransaction(db, a, {
      type: '3',
      date: '2024-02-01',
      value: '110.00',
      currency: 'USD',
    });
    const before = await getTotals(db, anonymous, { measure: 'disbursement' });
    expect(before.total).toBe('0.00');
    expect(before.without_rate.count).toBe(1);
    await addRate(db, 'USD', '2024-01-31', '1.1');
    const after = await getTotals(db, anonymous, { measure: 'disbursement' });
    expect(after.total).toBe('100.00');
    expect(after.without_rate.count).toBe(0);
  });
});

describe('who sees what', () => {
  it('hides unpublished activities from anonymous callers only', async () => {
    const pub = await addActivity(db);
    const draft = await addActivity(db, { published: false });
    await addTransaction(db, pub, { type: '3', date: '2024-01-01', value: '1.00' });
    await addTransaction(db, draft, { type: '3', date: '2024-01-01', value: '2.00' });
    expect((await getTotals(db, null, { measure: 'disbursement' })).total).toBe('1.00');
    expect((await getTotals(db, SYSTEM, { measure: 'disbursement' })).total).toBe('3.00');
  });

  it('keeps a programme’s own figure public while the project that replaces it is a draft', async () => {
    const programme = await addActivity(db);
    const project = await addActivity(db, { parent: programme, published: false });
    await addTransaction(db, programme, { type: '3', date: '2024-03-01', value: '100.00' });
    await addTransaction(db, project, { type: '3', date: '2024-04-01', value: '60.00' });
    // staff see the project's figure in place of the programme's; the public the programme's
    expect((await getTotals(db, SYSTEM, { measure: 'disbursement' })).total).toBe('60.00');
    expect((await getTotals(db, null, { measure: 'disbursement' })).total).toBe('100.00');
    const byYear = await getTotals(db, null, { measure: 'disbursement', groupBy: ['year'] });
    expect(byYear.rows).toEqual([{ year: 2024, value: '100.00' }]);
    // once the project is published, it replaces the programme's figure for everyone
    await db.query(`update activity set publication_status = 'published' where id = $1`, [project]);
    expect((await getTotals(db, null, { measure: 'disbursement' })).total).toBe('60.00');
    expect((await getTotals(db, SYSTEM, { measure: 'disbursement' })).total).toBe('60.00');
  });

  it('keeps a funder’s record public while the implementer’s record of it is a draft', async () => {
    const funder = await addActivity(db, { iati: 'XM-FUNDER-1' });
    const implementer = await addActivity(db, { published: false });
    const org = await addOrg(db, 'Funder');
    await addParticipant(db, implementer, org, 'funding', 'XM-FUNDER-1');
    await addTransaction(db, funder, { type: '2', date: '2023-01-01', value: '500.00' });
    await addTransaction(db, implementer, { type: '2', date: '2023-02-01', value: '450.00' });
    expect((await getTotals(db, null, { measure: 'commitment' })).total).toBe('500.00');
    expect((await getTotals(db, SYSTEM, { measure: 'commitment' })).total).toBe('450.00');
  });
});

describe('freshness', () => {
  it('reflects a write in the next read', async () => {
    const a = await addActivity(db);
    await addTransaction(db, a, { type: '3', date: '2024-01-01', value: '5.00' });
    expect((await getTotals(db, null, { measure: 'disbursement' })).total).toBe('5.00');
    const t = await addTransaction(db, a, { type: '3', date: '2024-01-02', value: '7.50' });
    expect((await getTotals(db, null, { measure: 'disbursement' })).total).toBe('12.50');
    await db.query('update activity_transaction set value = 8 where id = $1', [t]);
    expect((await getTotals(db, null, { measure: 'disbursement' })).total).toBe('13.00');
    await db.query('delete from activity where id = $1', [a]);
    expect((await getTotals(db, null, { measure: 'disbursement' })).total).toBe('0.00');
  });

  it('moves the money of a sub-tree to the programme it is moved under', async () => {
    const a = await addActivity(db);
    const b = await addActivity(db);
    const project = await addActivity(db, { parent: a });
    await addActivity(db, { parent: a });
    const component = await addActivity(db, { parent: project });
    await addTransaction(db, component, { type: '3', date: '2024-01-01', value: '40.00' });
    await addTransaction(db, a, { type: '3', date: '2025-01-01', value: '5.00' });
    const before = await rowsOf({ groupBy: ['programme'], measure: 'disbursement' });
    expect(before.by[a]).toBe('45.00');
    await db.query('update activity set parent_id = $1 where id = $2', [b, project]);
    const after = await rowsOf({ groupBy: ['programme'], measure: 'disbursement' });
    expect(after.by[a]).toBe('5.00');
    expect(after.by[b]).toBe('40.00');
    expect(after.t.total).toBe('45.00');
  });

  it('moves a funder’s transfer when the receiving activity appears or moves', async () => {
    const f = await addActivity(db, { iati: 'XM-F' });
    await addLocation(db, f, muni[0]?.id ?? null, null);
    await addTransaction(db, f, {
      type: '3',
      date: '2024-01-01',
      value: '9.00',
      receiverActivity: 'XM-R',
    });
    const q: TotalsRequest = { measure: 'disbursement', groupBy: ['municipality'] };
    expect((await rowsOf(q)).by[muni[0]?.id ?? '']).toBe('9.00');
    const r = await addActivity(db, { iati: 'XM-R' });
    await addLocation(db, r, muni[1]?.id ?? null, null);
    expect((await rowsOf(q)).by[muni[1]?.id ?? '']).toBe('9.00');
    await db.query('update activity_location set place_id = $1 where activity_id = $2', [
      muni[2]?.id,
      r,
    ]);
    const moved = await rowsOf(q);
    expect(moved.by[muni[2]?.id ?? '']).toBe('9.00');
    expect(moved.t.total).toBe('9.00');
  });
});

describe('GET /api/v1/stats/totals', () => {
  it('answers with rows of keys and decimal strings, and labels', async () => {
    const org = await addOrg(db, 'Funder of the route test');
    const a = await addActivity(db);
    await addParticipant(db, a, org, 'co_financing');
    await addLocation(db, a, muni[0]?.id ?? null, null);
    await addTransaction(db, a, { type: '3', date: '2021-05-05', value: '3.30' });
    const app = testApp(db);
    const res = await app.request(
      '/api/v1/stats/totals?group_by=year,organisation,role&measure=disbursement&currency=eur',
    );
    expect(res.status).toBe(200);
    const body = (await res.json()) as Awaited<ReturnType<typeof getTotals>>;
    expect(body.currency).toBe('EUR');
    expect(body.rows).toEqual([
      { year: 2021, organisation: org, role: 'co_financing', value: '3.30' },
    ]);
    expect(body.total).toBe('3.30');
    expect(body.labels.organisation?.[org]).toBe('Funder of the route test');
    const bad = await app.request('/api/v1/stats/totals?group_by=colour&measure=disbursement');
    expect(bad.status).toBe(400);
    const err = (await bad.json()) as { error: { code: string; message: string } };
    expect(err.error.message).toMatch(/group_by/);
    const noMeasure = await app.request('/api/v1/stats/totals?group_by=year');
    expect(noMeasure.status).toBe(400);
    expect(((await noMeasure.json()) as { error: { message: string } }).error.message).toMatch(
      /measure/,
    );
  });
});
