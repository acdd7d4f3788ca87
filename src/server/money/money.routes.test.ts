import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/db.js';
import { testDb } from '../../../tests/support/db.js';
import {
  makeOrganisation,
  makeUser,
  testApp,
  uniq,
  type TestUser,
} from '../../../tests/support/factories.js';
import type { ActivityOut } from '../activities/activities.schemas.js';
import type { BudgetOut, MoneySummaryOut, TransactionOut } from './money.schemas.js';

let db: Database;
let app: ReturnType<typeof testApp>;
let coordinator: TestUser;
let partnerA: TestUser;
let partnerB: TestUser;
let orgA: { id: string };

interface ErrorBody {
  error: { code: string; details?: { path: string; code?: string }[] };
}

beforeAll(async () => {
  db = await testDb();
  app = testApp(db);
  coordinator = await makeUser(db, 'coordinator');
  orgA = await makeOrganisation(db, { iati_ref: `XM-TEST-${uniq()}` });
  const orgB = await makeOrganisation(db);
  partnerA = await makeUser(db, 'partner_editor', { organisation: orgA.id });
  partnerB = await makeUser(db, 'partner_editor', { organisation: orgB.id });
});

async function send(
  method: string,
  path: string,
  body: unknown,
  user: TestUser | null = coordinator,
): Promise<{ status: number; body: unknown }> {
  const res = await app.request(path, {
    method,
    headers: user ? user.headers : { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: res.status === 204 ? null : await res.json() };
}

async function project(extra: Record<string, unknown> = {}): Promise<ActivityOut> {
  const { status, body } = await send('POST', '/api/v1/activities', {
    title: { en: `Money project ${uniq()}` },
    default_currency: 'EUR',
    publication_status: 'published',
    participants: [{ organisation_id: orgA.id, role: 'funding' }],
    ...extra,
  });
  expect(status).toBe(201);
  return body as ActivityOut;
}

async function version(id: string): Promise<number> {
  return ((await send('GET', `/api/v1/activities/${id}`, undefined, null)).body as ActivityOut)
    .version;
}

describe('transactions', () => {
  it('defaults the currency to the activity’s and the value date to the date, and raises the version', async () => {
    const a = await project();
    const { status, body } = await send('POST', `/api/v1/activities/${a.id}/transactions`, {
      type: '3',
      date: '2010-06-15',
      value: '1000.50',
    });
    expect(status).toBe(201);
    const t = body as TransactionOut;
    expect(t).toMatchObject({
      type: '3',
      currency: 'EUR',
      value: '1000.50',
      value_date: '2010-06-15',
      activity_version: a.version + 1,
    });
    expect(await version(a.id)).toBe(a.version + 1);
    const history = await send('GET', `/api/v1/activities/${a.id}/history`, undefined);
    const events = (history.body as { items: { changed: string[]; version: number }[] }).items;
    expect(events.at(-1)).toMatchObject({ changed: ['transaction'], version: a.version + 1 });
  });

  it('keeps providers and receivers, and converts each row on request, citing the rates', async () => {
    const a = await project();
    const created = await send('POST', `/api/v1/activities/${a.id}/transactions`, {
      type: '2',
      date: '2008-08-20',
      value_date: '2008-08-15',
      value: '250000',
      currency: 'USD',
      provider: { organisation_id: orgA.id },
      receiver: { narrative: { 'sr-Latn': 'Opština Preševo' }, activity_id: 'RS-PRESEVO-1' },
      sectors: [{ vocabulary: '1', code: '15110' }],
      flow_type: '10',
      aid_types: [{ code: 'C01' }],
    });
    expect(created.status).toBe(201);
    const t = created.body as TransactionOut;
    expect(t.provider?.organisation_id).toBe(orgA.id);
    expect(t.provider?.ref).toMatch(/^XM-TEST-/);
    expect(t.receiver).toEqual({
      organisation_id: null,
      ref: null,
      type: null,
      name: { 'sr-Latn': 'Opština Preševo' },
      activity_id: 'RS-PRESEVO-1',
    });
    const { body } = await send(
      'GET',
      `/api/v1/activities/${a.id}/transactions?currency=RSD`,
      undefined,
      null,
    );
    const [row] = (body as { items: TransactionOut[] }).items;
    // 250,000 USD / 1.5611 × 77.112408 (quotes of 2008-07-31) = 12,349,050.0288…
    expect(row?.converted).toMatchObject({ currency: 'RSD', value: '12349050.03', reason: null });
    expect(row?.converted?.rates.map((r) => r.date)).toEqual(['2008-07-31', '2008-07-31']);
    const one = await send(
      'GET',
      `/api/v1/activities/${a.id}/transactions/${t.id}?currency=EUR`,
      undefined,
      null,
    );
    expect((one.body as TransactionOut).converted?.value).toBe('160143.49');
  });

  it('says "no rate" for a row dated before the rate table', async () => {
    const a = await project();
    await send('POST', `/api/v1/activities/${a.id}/transactions`, {
      type: '3',
      date: '1999-03-01',
      value: '10',
      currency: 'CHF',
    });
    const { body } = await send(
      'GET',
      `/api/v1/activities/${a.id}/transactions?currency=EUR`,
      undefined,
    );
    const [row] = (body as { items: TransactionOut[] }).items;
    expect(row?.converted).toMatchObject({
      value: null,
      reason: 'no CHF rate on or before 1999-03-01',
    });
  });

  it('checks codes against the IATI codelists and names each field', async () => {
    const a = await project();
    const { status, body } = await send('POST', `/api/v1/activities/${a.id}/transactions`, {
      type: '99',
      date: '2010-01-01',
      value: '1',
      currency: 'QQQ',
      flow_type: '999',
      provider: { organisation_id: '00000000-0000-4000-8000-000000000000' },
      sectors: [{ code: '99999' }],
    });
    expect(status).toBe(422);
    expect(((body as ErrorBody).error.details ?? []).map((d) => d.path).sort()).toEqual([
      'currency',
      'flow_type',
      'provider.organisation_id',
      'sectors.0.code',
      'type',
    ]);
    const shape = await send('POST', `/api/v1/activities/${a.id}/transactions`, {
      type: '3',
      date: '2010-01-01',
      value: '1.234',
      provider: {},
    });
    expect(shape.status).toBe(422);
    expect(((shape.body as ErrorBody).error.details ?? []).map((d) => d.path).sort()).toEqual([
      'provider',
      'value',
    ]);
  });

  it('needs a currency when the activity has no default one', async () => {
    const a = await project({ default_currency: null });
    const { status, body } = await send('POST', `/api/v1/activities/${a.id}/transactions`, {
      type: '3',
      date: '2010-01-01',
      value: '1',
    });
    expect(status).toBe(422);
    expect((body as ErrorBody).error.details?.[0]).toMatchObject({
      path: 'currency',
      code: 'currency_missing',
    });
  });

  it('lets edit only those who may edit the activity', async () => {
    const a = await project();
    const tx = { type: '3', date: '2010-01-01', value: '5' };
    expect((await send('POST', `/api/v1/activities/${a.id}/transactions`, tx, null)).status).toBe(
      401,
    );
    expect(
      (await send('POST', `/api/v1/activities/${a.id}/transactions`, tx, partnerB)).status,
    ).toBe(403);
    expect(
      (await send('POST', `/api/v1/activities/${a.id}/transactions`, tx, partnerA)).status,
    ).toBe(201);
  });

  it('replaces and deletes a row, refusing a stale activity version', async () => {
    const a = await project();
    const created = (
      await send('POST', `/api/v1/activities/${a.id}/transactions`, {
        type: '3',
        date: '2010-01-01',
        value: '5',
      })
    ).body as TransactionOut;
    const path = `/api/v1/activities/${a.id}/transactions/${created.id}`;
    const stale = await send('PUT', path, {
      type: '4',
      date: '2010-01-02',
      value: '6',
      version: a.version,
    });
    expect(stale.status).toBe(409);
    const put = await send('PUT', path, {
      type: '4',
      date: '2010-01-02',
      value: '6',
      version: created.activity_version,
    });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({
      id: created.id,
      type: '4',
      value: '6.00',
      value_date: '2010-01-02',
    });
    expect((await send('DELETE', path, undefined)).status).toBe(204);
    expect((await send('GET', path, undefined)).status).toBe(404);
    expect((await send('DELETE', path, undefined)).status).toBe(404);
    expect(await version(a.id)).toBe(a.version + 3);
  });
});

describe('planned disbursements and budgets', () => {
  it('adds a planned disbursement with a provider, its value date defaulting to the period start', async () => {
    const a = await project();
    const { status, body } = await send(
      'POST',
      `/api/v1/activities/${a.id}/planned-disbursements`,
      {
        type: '1',
        period_start: '2011-01-01',
        period_end: '2011-12-31',
        value: '5000',
        provider: { organisation_id: orgA.id },
      },
    );
    expect(status).toBe(201);
    expect(body).toMatchObject({
      value_date: '2011-01-01',
      currency: 'EUR',
      provider: { organisation_id: orgA.id },
    });
    const bad = await send('POST', `/api/v1/activities/${a.id}/planned-disbursements`, {
      period_start: '2011-01-01',
      period_end: '2010-12-31',
      value: '5000',
    });
    expect(bad.status).toBe(422);
  });

  it('keeps budgets in one place: a budget added here is in the activity document', async () => {
    const a = await project();
    const { status, body } = await send('POST', `/api/v1/activities/${a.id}/budgets`, {
      type: '1',
      status: '2',
      period_start: '2012-01-01',
      period_end: '2012-12-31',
      value: '100000',
      currency: 'CHF',
    });
    expect(status).toBe(201);
    const b = body as BudgetOut;
    expect(b).toMatchObject({ value_date: '2012-01-01', status: '2', currency: 'CHF' });
    const doc = (await send('GET', `/api/v1/activities/${a.id}`, undefined)).body as ActivityOut;
    expect(doc.budgets).toEqual([
      {
        type: '1',
        status: '2',
        period_start: '2012-01-01',
        period_end: '2012-12-31',
        value: '100000.00',
        currency: 'CHF',
        value_date: '2012-01-01',
        note: null,
      },
    ]);
    const negative = await send('POST', `/api/v1/activities/${a.id}/budgets`, {
      period_start: '2012-01-01',
      period_end: '2012-12-31',
      value: '-1',
    });
    expect(negative.status).toBe(422);
  });
});

describe('money summary', () => {
  it('totals each measure in the asked currency, rounding once, and counts rows without a rate', async () => {
    const a = await project();
    const post = (kind: string, body: unknown) =>
      send('POST', `/api/v1/activities/${a.id}/${kind}`, body);
    await post('budgets', {
      period_start: '2010-01-01',
      period_end: '2010-12-31',
      value: '100000',
    });
    // The revised budget of the same period replaces the original.
    await post('budgets', {
      type: '2',
      period_start: '2010-01-01',
      period_end: '2010-12-31',
      value: '120000',
    });
    await post('transactions', { type: '3', date: '2010-02-01', value: '1000' });
    await post('transactions', {
      type: '3',
      date: '2008-08-15',
      value: '250000',
      currency: 'USD',
    });
    await post('transactions', { type: '3', date: '1999-01-10', value: '10', currency: 'CHF' });
    await post('transactions', { type: '2', date: '2010-01-05', value: '120000' });

    const { status, body } = await send('GET', `/api/v1/activities/${a.id}/money`, undefined, null);
    expect(status).toBe(200);
    const s = body as MoneySummaryOut;
    expect(s.currency).toBe('EUR');
    expect(s.measures.budget).toEqual({ value: '120000.00', rows: 1, no_rate: 0 });
    expect(s.measures.commitment).toEqual({ value: '120000.00', rows: 1, no_rate: 0 });
    // 1,000 + 250,000 / 1.5611 = 161,143.4885… (the CHF row of 1999 has no rate).
    expect(s.measures.disbursement).toEqual({ value: '161143.49', rows: 3, no_rate: 1 });
    expect(s.measures.expenditure).toEqual({ value: '0.00', rows: 0, no_rate: 0 });

    const rsd = (await send('GET', `/api/v1/activities/${a.id}/money?currency=RSD`, undefined))
      .body as MoneySummaryOut;
    // The budget's value date is 2010-01-01: 120,000 EUR × 96.129077 (2009-12-31) RSD.
    expect(rsd.currency).toBe('RSD');
    expect(rsd.measures.budget).toEqual({ value: '11535489.24', rows: 1, no_rate: 0 });
  });
});
