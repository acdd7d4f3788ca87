import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { freshTestDb } from '../../../tests/support/db.js';
import { SYSTEM } from '../../../tests/support/factories.js';
import { officeSectors } from '../codelists/codelists.vocabularies.js';
import type { Database } from '../db/db.js';
import {
  addActivity,
  addLocation,
  addOrg,
  addParticipant,
  addRate,
  addSector,
} from './totals.fixtures.js';
import {
  centsOf,
  referenceFacts,
  referenceTotals,
  type RefActivity,
  type RefKey,
  type RefPlace,
  type RefRate,
  type RefRegistry,
} from './totals.reference.js';
import { getTotals } from './totals.service.js';
import { refreshTotals } from './totals.refresh.js';
import type { Measure } from './totals.schemas.js';

/*
 * On random registries, the totals equal a recomputation in plain TypeScript (totals.reference.ts)
 * to the cent, and every grouping adds up to the ungrouped total. Half of each registry is written
 * and read first, so the rest is counted by the partial refresh of changed activities.
 */

let db: Database;
let dispose: () => Promise<void> = () => Promise.resolve();
const places = new Map<string, RefPlace>();
let placeIds: string[] = [];

beforeAll(async () => {
  ({ db, dispose } = await freshTestDb());
  const rows = await db.query<{ id: string; kind: string; parent: string | null }>(
    `select id, kind, parent_id as parent from place
      where (kind = 'municipality' and focus)
         or (kind = 'settlement' and parent_id in (select id from place where kind = 'municipality' and focus))
      order by kind, code limit 12`,
  );
  for (const r of rows) places.set(r.id, { kind: r.kind, parent: r.parent });
  placeIds = [...places.keys()];
}, 600_000);
afterAll(async () => {
  await dispose();
});

const RATES: RefRate[] = [
  { currency: 'USD', date: '2021-01-01', perEur: '1.2171' },
  { currency: 'USD', date: '2023-01-01', perEur: '1.0666' },
  { currency: 'RSD', date: '2021-01-01', perEur: '117.5801' },
  { currency: 'RSD', date: '2023-06-01', perEur: '117.3' },
  { currency: 'CHF', date: '2022-01-01', perEur: '1.0331' },
];

const DAC = ['11220', '12220', '14030', '31120', '43040', '15110', '16020'];
const OFFICE = ['education', 'health', 'economy'];
const ORGS = 4;
const pct = fc.option(fc.constantFrom('10', '25', '33.3333', '40', '50', '60', '0'), {
  nil: null,
});
const date = fc.constantFrom('2020-06-30', '2021-03-15', '2022-12-31', '2023-07-01', '2024-02-29');
const money = fc
  .tuple(fc.integer({ min: -2000, max: 5_000_000 }), fc.integer({ min: 0, max: 99 }))
  .map(([u, c]) => `${u < 0 ? '-' : ''}${Math.abs(u)}.${String(c).padStart(2, '0')}`);

interface GenActivity {
  parent: number | null;
  published: boolean;
  iati: boolean;
  reportingOrg: number | null;
  participants: { org: number; role: string; ref: number | null }[];
  sectors: { vocabulary: '1' | '99'; code: string; pct: string | null }[];
  locations: { place: number | null; pct: string | null }[];
  transactions: {
    type: string;
    date: string;
    value: string;
    currency: string;
    providerOrg: number | null;
    providerActivity: number | null;
    receiverActivity: number | null;
    sectors: { code: string; pct: string | null }[];
  }[];
  budgets: { type: '1' | '2'; year: number; value: string; currency: string }[];
}

const activityArb = (n: number): fc.Arbitrary<GenActivity> =>
  fc.record({
    parent: fc.option(fc.nat(n - 1), { nil: null }),
    published: fc.boolean(),
    iati: fc.constantFrom(true, true, true, false),
    reportingOrg: fc.option(fc.nat(ORGS - 1), { nil: null }),
    participants: fc.uniqueArray(
      fc.record({
        org: fc.nat(ORGS - 1),
        role: fc.constantFrom('funding', 'co_financing', 'implementing', 'extending'),
        ref: fc.option(fc.nat(n - 1), { nil: null, freq: 3 }),
      }),
      { maxLength: 3, selector: (p) => `${p.org}/${p.role}` },
    ),
    sectors: fc.uniqueArray(
      fc.oneof(
        fc.record({ vocabulary: fc.constant('1' as const), code: fc.constantFrom(...DAC), pct }),
        fc.record({
          vocabulary: fc.constant('99' as const),
          code: fc.constantFrom(...OFFICE),
          pct,
        }),
      ),
      { maxLength: 3, selector: (s) => `${s.vocabulary}/${s.code}` },
    ),
    locations: fc.array(
      fc.record({ place: fc.option(fc.nat(placeIds.length - 1), { nil: null, freq: 6 }), pct }),
      { maxLength: 3 },
    ),
    transactions: fc.array(
      fc.record({
        type: fc.constantFrom('1', '2', '3', '4', '11'),
        date,
        value: money,
        currency: fc.constantFrom('EUR', 'EUR', 'USD', 'RSD', 'CHF', 'GBP'),
        providerOrg: fc.option(fc.nat(ORGS - 1), { nil: null }),
        providerActivity: fc.option(fc.nat(n - 1), { nil: null, freq: 2 }),
        receiverActivity: fc.option(fc.nat(n - 1), { nil: null, freq: 2 }),
        sectors: fc.array(fc.record({ code: fc.constantFrom(...DAC), pct }), { maxLength: 2 }),
      }),
      { maxLength: 5 },
    ),
    budgets: fc.array(
      fc.record({
        type: fc.constantFrom('1' as const, '2' as const),
        year: fc.integer({ min: 2020, max: 2024 }),
        value: money.map((v) => v.replace('-', '')),
        currency: fc.constantFrom('EUR', 'USD', 'RSD'),
      }),
      { maxLength: 3 },
    ),
  });

/** Money passed between two activities, reported by the giver, the receiver or both. */
interface GenFlow {
  from: number;
  to: number;
  outgoing: '2' | '3';
  sides: 'both' | 'giver' | 'receiver';
  value: string;
  date: string;
}

const flowArb = (n: number): fc.Arbitrary<GenFlow> =>
  fc.record({
    from: fc.nat(n - 1),
    to: fc.nat(n - 1),
    outgoing: fc.constantFrom('2' as const, '3' as const),
    sides: fc.constantFrom('both' as const, 'both' as const, 'giver' as const, 'receiver' as const),
    value: money,
    date,
  });

const registryArb = fc.integer({ min: 2, max: 9 }).chain((n) =>
  fc.record({
    activities: fc.array(activityArb(n), { minLength: n, maxLength: n }),
    flows: fc.array(flowArb(n), { maxLength: 4 }),
  }),
);

/** Writes each flow as the giver's outgoing and the receiver's incoming transaction. */
function withFlows(gen: { activities: GenActivity[]; flows: GenFlow[] }): GenActivity[] {
  const out = gen.activities.map((a) => ({ ...a, transactions: [...a.transactions] }));
  for (const f of gen.flows) {
    const giver = out[f.from];
    const receiver = out[f.to];
    if (!giver || !receiver || f.from === f.to) continue;
    giver.iati = true;
    receiver.iati = true;
    const common = {
      date: f.date,
      value: f.value,
      currency: 'EUR',
      providerOrg: null,
      sectors: [],
    };
    if (f.sides !== 'receiver')
      giver.transactions.push({
        ...common,
        type: f.outgoing,
        providerActivity: null,
        receiverActivity: f.to,
      });
    if (f.sides !== 'giver')
      receiver.transactions.push({
        ...common,
        type: f.outgoing === '3' ? '1' : '11',
        providerActivity: f.from,
        receiverActivity: null,
      });
  }
  return out;
}

/** Materialises a generated registry: ids, identifiers, and parents that form a tree. */
function toRegistry(gen: GenActivity[], orgs: string[]): RefRegistry {
  const ids = gen.map(() => randomUUID());
  const iati = gen.map((g, i) => (g.iati ? `XM-T-${ids[i]?.slice(0, 8)}` : null));
  const iatiOrRef = (i: number | null) => (i === null ? null : (iati[i] ?? `XM-MISSING-${i}`));
  const activities: RefActivity[] = gen.map((g, i) => ({
    id: ids[i] ?? '',
    iati: iati[i] ?? null,
    // only earlier activities may be parents, so there are no cycles
    parent: g.parent !== null && g.parent < i ? (ids[g.parent] ?? null) : null,
    published: g.published,
    reportingOrg: g.reportingOrg === null ? null : (orgs[g.reportingOrg] ?? null),
    participants: g.participants.map((p, position) => ({
      org: orgs[p.org] ?? '',
      role: p.role,
      ref: iatiOrRef(p.ref),
      position,
    })),
    sectors: g.sectors.map((s) => ({ vocabulary: s.vocabulary, code: s.code, percentage: s.pct })),
    locations: g.locations.map((l) => ({
      place: l.place === null ? null : (placeIds[l.place] ?? null),
      percentage: l.pct,
    })),
    transactions: g.transactions.map((t) => ({
      id: randomUUID(),
      type: t.type,
      date: t.date,
      value: t.value,
      currency: t.currency,
      valueDate: t.date,
      providerOrg: t.providerOrg === null ? null : (orgs[t.providerOrg] ?? null),
      providerActivity: iatiOrRef(t.providerActivity),
      receiverActivity: iatiOrRef(t.receiverActivity),
      sectors: t.sectors.map((s) => ({ code: s.code, vocabulary: '1', percentage: s.pct })),
    })),
    budgets: g.budgets.map((b, position) => ({
      id: randomUUID(),
      type: b.type,
      start: `${b.year}-01-01`,
      end: `${b.year}-12-31`,
      value: b.value,
      currency: b.currency,
      valueDate: `${b.year}-01-01`,
      position,
    })),
  }));
  const office = officeSectors();
  const officeMap = new Map<string, string>();
  for (const s of office.items)
    for (const c of s.dac5) if (!officeMap.has(c)) officeMap.set(c, s.code);
  for (const s of office.items)
    for (const c of s.dac3) if (!officeMap.has(c)) officeMap.set(c, s.code);
  return {
    activities,
    places,
    rates: RATES,
    officeMap,
    officeCodes: new Set(office.items.map((s) => s.code)),
  };
}

async function write(which: readonly RefActivity[]): Promise<void> {
  for (const a of which) {
    await addActivity(db, {
      id: a.id,
      iati: a.iati,
      parent: a.parent,
      published: a.published,
      reportingOrg: a.reportingOrg,
    });
  }
  for (const a of which) {
    for (const p of a.participants)
      await addParticipant(db, a.id, p.org, p.role, p.ref, p.position);
    for (const s of a.sectors)
      await addSector(db, a.id, s.vocabulary, s.code, numberOrNull(s.percentage));
    for (const l of a.locations) await addLocation(db, a.id, l.place, numberOrNull(l.percentage));
    for (const t of a.transactions) {
      await db.query(
        `insert into activity_transaction (id, activity_id, type, date, value, currency, value_date,
           provider_org_id, provider_activity_id, receiver_activity_id, sectors)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [
          t.id,
          a.id,
          t.type,
          t.date,
          t.value,
          t.currency,
          t.valueDate,
          t.providerOrg,
          t.providerActivity,
          t.receiverActivity,
          JSON.stringify(t.sectors),
        ],
      );
    }
    for (const b of a.budgets) {
      await db.query(
        `insert into activity_budget (id, activity_id, type, period_start, period_end, value, currency,
           value_date, position) values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [b.id, a.id, b.type, b.start, b.end, b.value, b.currency, b.valueDate, b.position],
      );
    }
  }
}

function numberOrNull(s: string | null): number | null {
  return s === null ? null : Number(s);
}

const GROUPINGS: RefKey[][] = [
  [],
  ['year'],
  ['sector', 'year'],
  ['municipality', 'sector'],
  ['organisation', 'role'],
  ['settlement', 'programme', 'transaction_type'],
];
const MEASURES: Measure[] = [
  'budget',
  'commitment',
  'disbursement',
  'expenditure',
  'incoming_funds',
];

it('equals an independent recomputation to the cent, and every grouping adds up to the total', async () => {
  await fc.assert(
    fc.asyncProperty(
      registryArb,
      fc.constantFrom('EUR' as const, 'USD' as const, 'RSD' as const),
      fc.constantFrom('1' as const, '99' as const),
      fc.boolean(),
      fc.boolean(),
      async (gen, currency, sectorVocabulary, anonymous, full) => {
        await db.query('delete from activity');
        await db.query('delete from organisation');
        await db.query('delete from exchange_rate');
        for (const r of RATES) await addRate(db, r.currency, r.date, r.perEur);
        const orgs: string[] = [];
        for (let i = 0; i < ORGS; i++) orgs.push(await addOrg(db, `Partner ${i}`));
        const reg = toRegistry(withFlows(gen), orgs);
        // parents are written before their children: the first half, then the rest
        const half = Math.ceil(reg.activities.length / 2);
        await write(reg.activities.slice(0, half));
        await getTotals(db, SYSTEM, { measure: 'disbursement' });
        await write(reg.activities.slice(half));
        // the partial refresh of the next read, or a full one going through the activities in
        // slices of two
        if (full) await refreshTotals(db, { force: true, slice: 2 });

        const facts = referenceFacts(reg);
        for (const measure of MEASURES) {
          for (const groupBy of GROUPINGS) {
            const got = await getTotals(db, anonymous ? null : SYSTEM, {
              measure,
              groupBy,
              currency,
              sectorVocabulary,
            });
            const want = referenceTotals(facts, {
              measure,
              groupBy,
              currency,
              publishedOnly: anonymous,
              sectorVocabulary,
            });
            const rows = new Map(
              got.rows.map((r) => [groupBy.map((k) => String(r[k])).join('|'), centsOf(r.value)]),
            );
            const context = `${measure} by ${groupBy.join(',') || 'nothing'} in ${currency}`;
            expect(centsOf(got.total), context).toBe(want.total);
            expect(got.without_rate.count, context).toBe(want.missing);
            if (groupBy.length > 0) {
              expect(rows, context).toEqual(want.rows);
              expect(
                [...rows.values()].reduce((s, v) => s + v, 0n),
                context,
              ).toBe(centsOf(got.total));
            }
          }
        }
      },
    ),
    { numRuns: 12 },
  );
}, 600_000);
