import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/db.js';
import { testDb } from '../../../tests/support/db.js';
import { makeUser, testApp, type TestUser } from '../../../tests/support/factories.js';
import { loadShippedRates } from './currency.service.js';
import type { ConvertOut, RateImportOut, RateOut } from './currency.schemas.js';

let db: Database;
let app: ReturnType<typeof testApp>;
let admin: TestUser;
let coordinator: TestUser;

// Made-up currency codes (Q…) keep the quotes these tests import apart from the shipped ones.
beforeAll(async () => {
  db = await testDb();
  app = testApp(db);
  admin = await makeUser(db, 'admin');
  coordinator = await makeUser(db, 'coordinator');
});

interface Res<T> {
  status: number;
  body: T;
}
interface Page {
  items: RateOut[];
  next_cursor: string | null;
}

async function get(path: string): Promise<{ status: number; body: unknown }> {
  const res = await app.request(path);
  return { status: res.status, body: await res.json() };
}

function postCsv(path: string, csv: string, user: TestUser = admin) {
  return app.request(path, {
    method: 'POST',
    headers: { authorization: user.headers.authorization ?? '', 'content-type': 'text/csv' },
    body: csv,
  });
}

interface ErrorBody {
  error: {
    code: string;
    message: string;
    details: { path: string; message: string; code?: string }[];
  };
}

describe('shipped rates', () => {
  it('are loaded with the reference data, and a second load skips them by checksum', async () => {
    const again = await loadShippedRates(db);
    expect(again.loaded).toEqual([]);
    expect(again.unchanged).toBe(2);
    const { body } = (await get(
      '/api/v1/currencies/rates?currency=RSD&from=2010-05-01&to=2010-06-30',
    )) as Res<{ items: RateOut[] }>;
    expect(body.items.map((r) => r.date)).toEqual(['2010-05-31', '2010-06-30']);
    expect(body.items[0]).toEqual({
      currency: 'RSD',
      date: '2010-05-31',
      per_eur: '102.66352',
      source: 'IMF IFS month-end (via USD)',
    });
  });

  it('EUR→RSD uses the latest quote on or before the value date', async () => {
    // 1,000 EUR on 2010-06-15: the quote in force is 2010-05-31's 102.66352 → 102,663.52 RSD.
    const { status, body } = (await get(
      '/api/v1/currencies/convert?amount=1000&from=EUR&to=RSD&date=2010-06-15',
    )) as Res<ConvertOut>;
    expect(status).toBe(200);
    expect(body.value).toBe('102663.52');
    expect(body.rates).toEqual([
      { currency: 'EUR', date: '2010-06-15', per_eur: '1', source: 'EUR is the base' },
      {
        currency: 'RSD',
        date: '2010-05-31',
        per_eur: '102.66352',
        source: 'IMF IFS month-end (via USD)',
      },
    ]);
  });

  it('USD→RSD goes through the euro', async () => {
    // 250,000 USD on 2008-08-15: / 1.5611 USD per EUR × 77.112408 RSD per EUR = 12,349,050.0288…
    const { body } = (await get(
      '/api/v1/currencies/convert?amount=250000&from=usd&to=RSD&date=2008-08-15',
    )) as Res<ConvertOut>;
    expect(body.value).toBe('12349050.03');
    expect(body.rates.map((r) => [r.currency, r.date, r.per_eur])).toEqual([
      ['USD', '2008-07-31', '1.5611'],
      ['RSD', '2008-07-31', '77.112408'],
    ]);
  });

  it('says "no rate" for a date before the table instead of using a later quote', async () => {
    const { status, body } = (await get(
      '/api/v1/currencies/convert?amount=10&from=CHF&to=EUR&date=1999-06-30',
    )) as Res<ErrorBody>;
    expect(status).toBe(422);
    expect(body.error.details[0]).toMatchObject({ path: 'date', code: 'no_rate' });
    expect(body.error.details[0]?.message).toContain('the first CHF quote is of 2000-12-31');
  });

  it('rejects a malformed query naming the parameter', async () => {
    const { status, body } = (await get(
      '/api/v1/currencies/convert?amount=1.234&from=EUR&to=RSD&date=2010-02-30',
    )) as Res<ErrorBody>;
    expect(status).toBe(400);
    expect(body.error.details.map((d) => d.path).sort()).toEqual(['amount', 'date']);
  });
});

describe('importing rates', () => {
  it('takes the previous quote on a weekend, and cites the imported source', async () => {
    const res = await postCsv(
      '/api/v1/currencies/rates?source=Test%20bank',
      'currency,date,per_eur\nQWA,2020-01-03,2.5\nQWA,2020-01-06,4\n',
    );
    expect(res.status).toBe(200);
    const report = (await res.json()) as RateImportOut;
    expect(report).toMatchObject({ layout: 'quotes', quotes: 2, inserted: 2, source: 'Test bank' });
    // Saturday 2020-01-04: Friday's quote. 10 EUR × 2.5 = 25.00.
    const sat = (await get(
      '/api/v1/currencies/convert?amount=10&from=EUR&to=QWA&date=2020-01-04',
    )) as Res<ConvertOut>;
    expect(sat.body.value).toBe('25.00');
    expect(sat.body.rates[1]).toEqual({
      currency: 'QWA',
      date: '2020-01-03',
      per_eur: '2.5',
      source: 'Test bank',
    });
    // Monday: its own quote. 7 QWA / 4 = 1.75 EUR.
    const mon = (await get(
      '/api/v1/currencies/convert?amount=7&from=QWA&to=EUR&date=2020-01-06',
    )) as Res<ConvertOut>;
    expect(mon.body.value).toBe('1.75');
  });

  it('reads the ECB layout and replaces a quote given again', async () => {
    const ecb = 'Date,QEA,QEB,\n2021-03-02,1.5,N/A,\n2021-03-01,1.25,10.125,\n';
    const first = (await (await postCsv('/api/v1/currencies/rates', ecb)).json()) as RateImportOut;
    expect(first).toMatchObject({ layout: 'ecb', quotes: 3, inserted: 3, updated: 0 });
    expect(first.source).toBe('ECB euro reference rates');
    const again = (await (
      await postCsv(
        '/api/v1/currencies/rates',
        'currency,date,per_eur\nQEA,2021-03-02,1.75\nQEB,2021-03-01,10.125\n',
      )
    ).json()) as RateImportOut;
    expect(again).toMatchObject({ inserted: 0, updated: 2, unchanged: 0 });
    const { body } = (await get('/api/v1/currencies/rates?currency=QEA')) as Res<{
      items: RateOut[];
    }>;
    expect(body.items.map((r) => [r.date, r.per_eur, r.source])).toEqual([
      ['2021-03-01', '1.25', 'ECB euro reference rates'],
      ['2021-03-02', '1.75', 'import'],
    ]);
  });

  it('names every bad line and field, and stores nothing from a file with a problem', async () => {
    const res = await postCsv(
      '/api/v1/currencies/rates',
      [
        'currency,date,per_eur',
        'QBA,2020-01-01,1.5',
        'QBA,2020-13-01,1.5',
        'qba,2020-01-02,1.5',
        'QBA,2020-01-03,-2',
        'QBA,2020-01-04,1,5',
        'QBA,2020-01-01,1.6',
        'EUR,2020-01-01,1',
      ].join('\n'),
    );
    expect(res.status).toBe(422);
    const body = (await res.json()) as ErrorBody;
    expect(body.error.message).toContain('nothing imported');
    expect(body.error.details.map((d) => [d.path, d.code])).toEqual([
      ['line 3: date', 'invalid_date'],
      ['line 4: currency', 'invalid_currency'],
      ['line 5: per_eur', 'invalid_rate'],
      ['line 6: line', 'field_count'],
      ['line 7: date', 'duplicate_quote'],
      ['line 8: currency', 'invalid_currency'],
    ]);
    const { body: stored } = (await get('/api/v1/currencies/rates?currency=QBA')) as Res<{
      items: RateOut[];
    }>;
    expect(stored.items).toEqual([]);
  });

  it('refuses an unknown header and an empty body', async () => {
    const bad = await postCsv('/api/v1/currencies/rates', 'code;day;rate\nQZZ;2020-01-01;1\n');
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as ErrorBody).error.details[0]?.path).toBe('line 1');
    const empty = await postCsv('/api/v1/currencies/rates', '');
    expect(empty.status).toBe(400);
  });

  it('is for administrators only', async () => {
    const res = await postCsv(
      '/api/v1/currencies/rates',
      'currency,date,per_eur\nQPA,2020-01-01,1\n',
      coordinator,
    );
    expect(res.status).toBe(403);
    const anon = await app.request('/api/v1/currencies/rates', {
      method: 'POST',
      headers: { 'content-type': 'text/csv' },
      body: 'currency,date,per_eur\nQPA,2020-01-01,1\n',
    });
    expect(anon.status).toBe(401);
  });

  it('pages through the quotes in currency and date order', async () => {
    await postCsv(
      '/api/v1/currencies/rates',
      'currency,date,per_eur\nQLA,2020-01-01,1\nQLA,2020-01-02,2\nQLA,2020-01-03,3\n',
    );
    const one = (await get('/api/v1/currencies/rates?currency=QLA&limit=2')) as Res<Page>;
    expect(one.body.items.map((r) => r.date)).toEqual(['2020-01-01', '2020-01-02']);
    expect(one.body.next_cursor).not.toBeNull();
    const two = (await get(
      `/api/v1/currencies/rates?currency=QLA&limit=2&cursor=${one.body.next_cursor ?? ''}`,
    )) as Res<Page>;
    expect(two.body.items.map((r) => r.date)).toEqual(['2020-01-03']);
    expect(two.body.next_cursor).toBeNull();
  });

  it('is described in the OpenAPI document', async () => {
    const { body } = (await get('/api/v1/openapi.json')) as Res<{
      paths: Record<string, Record<string, unknown>>;
    }>;
    expect(Object.keys(body.paths['/api/v1/currencies/rates'] ?? {}).sort()).toEqual([
      'get',
      'post',
    ]);
    expect(body.paths['/api/v1/currencies/convert']?.get).toBeDefined();
  });
});
