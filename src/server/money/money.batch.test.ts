import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/db.js';
import { testDb } from '../../../tests/support/db.js';
import {
  makeOrganisation,
  makeUser,
  uniq,
  type TestUser,
} from '../../../tests/support/factories.js';
import { createActivity, getActivity } from '../activities/activities.service.js';
import { ActivityCreate } from '../activities/activities.schemas.js';
import { ConflictError, ForbiddenError, ValidationError } from '../errors.js';
import { listMoney, saveMoneyChanges } from './money.service.js';
import type { TransactionOut } from './money.schemas.js';

let db: Database;
let coordinator: TestUser;
let partner: TestUser;
let stranger: TestUser;
let org: { id: string };

beforeAll(async () => {
  db = await testDb();
  coordinator = await makeUser(db, 'coordinator');
  org = await makeOrganisation(db);
  partner = await makeUser(db, 'partner_editor', { organisation: org.id });
  stranger = await makeUser(db, 'partner_editor', {
    organisation: (await makeOrganisation(db)).id,
  });
});

async function project() {
  return createActivity(
    db,
    coordinator.actor,
    ActivityCreate.parse({
      title: { en: `Batch money ${uniq()}` },
      default_currency: 'EUR',
      participants: [{ organisation_id: org.id, role: 'implementing' }],
    }),
  );
}

describe('saving several money rows at once', () => {
  it('writes budgets, planned disbursements and transactions together and raises the version once', async () => {
    const a = await project();
    const out = await saveMoneyChanges(db, partner.actor, a.id, a.version, [
      {
        kind: 'budgets',
        id: null,
        input: { period_start: '2026-01-01', period_end: '2026-12-31', value: '1000.00' },
      },
      {
        kind: 'planned-disbursements',
        id: null,
        input: { period_start: '2026-03-01', value: '400', currency: 'USD' },
      },
      {
        kind: 'transactions',
        id: null,
        input: {
          type: '1',
          date: '2026-02-01',
          value: '900',
          provider: { organisation_id: org.id },
          receiver: { narrative: { en: 'Municipality of Preševo' } },
        },
      },
    ]);
    expect(out.version).toBe(a.version + 1);
    const tx = (await listMoney(db, partner.actor, 'transactions', a.id)).items as TransactionOut[];
    expect(tx).toHaveLength(1);
    expect(tx[0]).toMatchObject({ currency: 'EUR', value_date: '2026-02-01' });
    expect(tx[0]?.provider?.organisation_id).toBe(org.id);
    expect(tx[0]?.receiver?.name).toEqual({ en: 'Municipality of Preševo' });
    const planned = await listMoney(db, partner.actor, 'planned-disbursements', a.id);
    expect(planned.items[0]).toMatchObject({ currency: 'USD', value_date: '2026-03-01' });
  });

  it('writes nothing when one row is wrong, and names every wrong row and field', async () => {
    const a = await project();
    await saveMoneyChanges(db, partner.actor, a.id, a.version, [
      { kind: 'transactions', id: null, input: { type: '3', date: '2026-01-05', value: '10' } },
    ]);
    const [kept] = (await listMoney(db, partner.actor, 'transactions', a.id)).items;
    const version = (await getActivity(db, partner.actor, a.id)).version;
    const attempt = saveMoneyChanges(db, partner.actor, a.id, version, [
      { kind: 'transactions', id: kept?.id ?? null, input: null },
      { kind: 'transactions', id: null, input: { type: '99', date: '2026-01-05', value: '10' } },
      {
        kind: 'budgets',
        id: null,
        input: { period_start: '2026-02-01', period_end: '2026-01-01', value: 'ten' },
      },
    ]);
    await expect(attempt).rejects.toBeInstanceOf(ValidationError);
    const paths = (
      (await attempt.catch((e: unknown) => (e as ValidationError).details)) as { path: string }[]
    )
      .map((i) => i.path)
      .sort();
    expect(paths).toEqual(['budgets.2.period_end', 'budgets.2.value', 'transactions.1.type']);
    // The removal in the same batch did not happen, and the version did not move.
    expect((await listMoney(db, partner.actor, 'transactions', a.id)).items).toHaveLength(1);
    expect((await getActivity(db, partner.actor, a.id)).version).toBe(version);
  });

  it('replaces and removes rows, refuses a stale version and a partner out of scope', async () => {
    const a = await project();
    const { version } = await saveMoneyChanges(db, partner.actor, a.id, a.version, [
      {
        kind: 'budgets',
        id: null,
        input: { period_start: '2026-01-01', period_end: '2026-12-31', value: '5' },
      },
      {
        kind: 'budgets',
        id: null,
        input: { period_start: '2027-01-01', period_end: '2027-12-31', value: '6' },
      },
    ]);
    const [first, second] = (await listMoney(db, partner.actor, 'budgets', a.id)).items;
    const next = await saveMoneyChanges(db, partner.actor, a.id, version, [
      {
        kind: 'budgets',
        id: first?.id ?? null,
        input: { type: '2', period_start: '2026-01-01', period_end: '2026-12-31', value: '7.50' },
      },
      { kind: 'budgets', id: second?.id ?? null, input: null },
    ]);
    expect(next.version).toBe(version + 1);
    const rows = (await listMoney(db, partner.actor, 'budgets', a.id)).items;
    expect(rows).toMatchObject([{ id: first?.id, value: '7.50', type: '2' }]);

    await expect(
      saveMoneyChanges(db, partner.actor, a.id, version, [
        { kind: 'budgets', id: first?.id ?? null, input: null },
      ]),
    ).rejects.toBeInstanceOf(ConflictError);
    await expect(
      saveMoneyChanges(db, stranger.actor, a.id, next.version, [
        { kind: 'budgets', id: first?.id ?? null, input: null },
      ]),
    ).rejects.toBeInstanceOf(ForbiddenError);
  });
});
