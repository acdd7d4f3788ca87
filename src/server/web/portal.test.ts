import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActivityCreateInput } from '../activities/activities.schemas.js';
import { createActivity } from '../activities/activities.service.js';
import type { Database } from '../db/db.js';
import { freshTestDb } from '../../../tests/support/db.js';
import {
  makeOrganisation,
  municipality,
  SYSTEM,
  testApp,
  uniq,
} from '../../../tests/support/factories.js';
import { csvLine } from './csv.js';
import { LOCALES } from './i18n.js';

let db: Database;
let dispose: () => Promise<void>;
let app: ReturnType<typeof testApp>;
const ids: Record<string, string> = {};
const tag = uniq();

function budget(value: string, currency = 'EUR', type: '1' | '2' = '1', year = 2015) {
  return {
    type,
    period_start: `${year}-01-01`,
    period_end: `${year}-12-31`,
    value,
    currency,
    value_date: `${year}-01-01`,
  };
}

async function make(key: string, input: Partial<ActivityCreateInput>) {
  const a = await createActivity(db, SYSTEM, {
    title: { 'sr-Latn': `${key} ${tag}` },
    publication_status: 'published',
    ...input,
  });
  ids[key] = a.id;
  return a;
}

interface Totals {
  currency: string;
  total: string;
  rows: Record<string, string | null>[];
  activities: number;
  other_currencies: { currency: string; total: string }[];
}

async function totals(qs: string): Promise<Totals> {
  const res = await app.request(`/api/v1/portal/totals?${qs}`);
  expect(res.status).toBe(200);
  return (await res.json()) as Totals;
}

/** Adds decimal strings in integer cents, as the figures must add up to the cent. */
function cents(values: (string | null | undefined)[]): bigint {
  return values.reduce((s, v) => s + BigInt((v ?? '0').replace('.', '')), 0n);
}

beforeAll(async () => {
  ({ db, dispose } = await freshTestDb());
  app = testApp(db);
  const [presevo, bujanovac] = await Promise.all([
    municipality(db, '70963'),
    municipality(db, '70351'),
  ]);
  const funder = await makeOrganisation(db, { names: { en: `Funder ${tag}` } });
  ids.funder = funder.id;
  // A programme of 1000 whose published projects report 300: it keeps 700 of its own.
  await make('Vodovod programme', {
    hierarchy: 1,
    budgets: [budget('1000.00')],
    participants: [{ organisation_id: funder.id, role: 'funding' }],
  });
  await make('Vodovod Preševo', {
    parent_id: ids['Vodovod programme'],
    budgets: [budget('300.00', 'EUR', '1', 2016)],
    locations: [
      { place_id: presevo.id, percentage: 70 },
      { place_id: bujanovac.id, percentage: 30 },
    ],
  });
  // Unpublished: neither counted nor shown, and it does not reduce its programme's share.
  await make('Draft child', {
    parent_id: ids['Vodovod programme'],
    publication_status: 'draft',
    budgets: [budget('999.00')],
  });
  // Projects reporting more than their programme leave it nothing of its own.
  await make('Small programme', { hierarchy: 1, budgets: [budget('100.00')] });
  await make('Big child', {
    parent_id: ids['Small programme'],
    budgets: [budget('150.00', 'EUR', '1', 2017)],
  });
  // A revised budget replaces the original one.
  await make('Revised', {
    budgets: [budget('50.00'), budget('80.00', 'EUR', '2')],
    locations: [{ place_id: bujanovac.id }],
  });
  await make('Dollars', { budgets: [budget('10.00', 'USD')] });
});

afterAll(async () => {
  await dispose();
});

describe('portal totals', () => {
  it('counts a programme and its projects once, published records only, revised over original', async () => {
    const t = await totals('');
    // 700 (programme's own part) + 300 + 0 (small programme) + 150 + 80 = 1230
    expect(t.total).toBe('1230.00');
    expect(t.currency).toBe('EUR');
    expect(t.other_currencies).toEqual([{ currency: 'USD', total: '10.00' }]);
    expect(t.activities).toBe(6);
  });

  it('splits by location percentages and every grouping adds up to the total', async () => {
    const presevo = await municipality(db, '70963');
    const bujanovac = await municipality(db, '70351');
    const t = await totals('group_by=municipality');
    const by = new Map(t.rows.map((r) => [r.municipality, r.value]));
    expect(by.get(presevo.id)).toBe('210.00');
    expect(by.get(bujanovac.id)).toBe('170.00'); // 90 + 80
    expect(by.get(null)).toBe('850.00');
    for (const g of ['year', 'sector', 'municipality', 'organisation']) {
      const grouped = await totals(`group_by=${g}`);
      expect(cents(grouped.rows.map((r) => r.value))).toBe(cents([grouped.total]));
    }
  });

  it('totals a selection and another currency', async () => {
    const t = await totals(`municipality=70351`);
    expect(t.total).toBe('380.00'); // the Preševo project (whole) + the revised one
    const usd = await totals('currency=USD&group_by=year');
    expect(usd.total).toBe('10.00');
    expect(usd.rows).toEqual([{ year: '2015', value: '10.00' }]);
  });

  it('rejects a bad grouping with a message naming it', async () => {
    const res = await app.request('/api/v1/portal/totals?group_by=planet');
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { message: string } };
    expect(body.error.message).toContain('group_by');
  });
});

describe('portal pages', () => {
  it('shows the API’s totals on the home page in every language, with alternates and a switcher', async () => {
    const t = await totals('');
    for (const lang of LOCALES) {
      const res = await app.request(`/${lang}/`);
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).toContain(`<html lang="${lang}"`);
      expect(html).toContain(`data-testid="total-budget" data-value="${t.total}"`);
      for (const other of LOCALES) expect(html).toContain(`hreflang="${other}" href="/${other}/"`);
      expect(html).toContain('data-testid="home-map"');
      expect(html).toContain('OpenStreetMap');
    }
  });

  it('filters the explorer by municipality in list, chart figures and map alike', async () => {
    const res = await app.request(`/en/projects?municipality=70963&q=${tag}`);
    const html = await res.text();
    expect(html).toContain(`data-activity="${ids['Vodovod Preševo']}"`);
    expect(html).not.toContain(`data-activity="${ids.Revised}"`);
    expect(html).toContain('data-count="1" data-total="300.00"');
    expect(html).toMatch(/<circle [^>]*data-place=/);
    const fragment = await (
      await app.request(`/en/projects?municipality=70963&q=${tag}&fragment=1`)
    ).text();
    expect(fragment).not.toContain('<html');
    expect(fragment).toContain(`data-activity="${ids['Vodovod Preševo']}"`);
  });

  it('finds a record entered in Latin by a search in Cyrillic, without diacritics too', async () => {
    for (const q of ['водовод прешево', 'vodovod presevo', 'VODOVOD PREŠEVO']) {
      const html = await (
        await app.request(`/sr-Cyrl/search?q=${encodeURIComponent(`${q} ${tag}`)}`)
      ).text();
      expect(html).toContain(`data-activity="${ids['Vodovod Preševo']}"`);
    }
    const res = await app.request(
      `/api/v1/portal/suggest?lang=sq&q=${encodeURIComponent('водовод')}`,
    );
    const body = (await res.json()) as { items: { label: string; href: string }[] };
    expect(body.items.some((i) => i.href === `/sq/project/${ids['Vodovod Preševo']}`)).toBe(true);
    expect((await app.request('/api/v1/portal/suggest?q=')).status).toBe(400);
  });

  it('shows a project with its programme, places on a map, and a note where its language is missing', async () => {
    const html = await (await app.request(`/en/project/${ids['Vodovod Preševo']}`)).text();
    expect(html).toContain('data-testid="activity-map"');
    expect(html).toContain(`href="/en/project/${ids['Vodovod programme']}"`);
    expect(html).toContain('<span lang="sr-Latn">Vodovod Preševo');
    const parent = await (await app.request(`/sr-Cyrl/project/${ids['Vodovod programme']}`)).text();
    expect(parent).toContain(`href="/sr-Cyrl/project/${ids['Vodovod Preševo']}"`);
    expect(parent).not.toContain(ids['Draft child'] ?? 'missing');
    const missing = await app.request(`/en/project/${ids['Draft child']}`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toContain('text/html');
  });

  it('serves partner, municipality and open data pages', async () => {
    const partner = await (await app.request(`/sq/partner/${ids.funder}`)).text();
    expect(partner).toContain(`data-activity="${ids['Vodovod programme']}"`);
    const muni = await (await app.request('/sr-Latn/municipality/70963')).text();
    expect(muni).toContain('Preševo');
    expect(muni).toContain(`data-activity="${ids['Vodovod Preševo']}"`);
    const data = await (await app.request('/en/data')).text();
    expect(data).toContain('/api/v1/openapi.json');
    expect(data).toContain('ODbL');
  });

  it('serves the scripts with long cache headers', async () => {
    const html = await (await app.request('/en/projects')).text();
    const src = /<script type="module" src="([^"]+)"/.exec(html)?.[1] ?? '';
    const res = await app.request(src);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toContain('immutable');
    expect(await res.text()).toContain('replaceState');
  });
});

describe('portal downloads', () => {
  it('streams exactly the selection as CSV with a BOM, and as JSON', async () => {
    const res = await app.request(`/api/v1/portal/activities.csv?municipality=70351&q=${tag}`);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text.startsWith('id,')).toBe(true);
    const rowIds = text
      .trim()
      .split('\r\n')
      .slice(1)
      .map((l) => l.split(',')[0]);
    expect(rowIds.sort()).toEqual([ids['Vodovod Preševo'], ids.Revised].sort());
    const json = (await (
      await app.request(`/api/v1/portal/activities.json?municipality=70351&q=${tag}`)
    ).json()) as { items: { id: string }[] };
    expect(json.items.map((i) => i.id).sort()).toEqual(rowIds.sort());
  });

  it('writes totals as CSV', async () => {
    const text = await (await app.request('/api/v1/portal/totals.csv?group_by=year')).text();
    expect(text).toContain('year,label,value,currency\r\n');
    expect(text).toContain('2016,2016,300.00,EUR');
  });

  it('quotes CSV fields and defuses formulas', () => {
    expect(csvLine(['a,b', 'say "hi"', '=SUM(A1)', '-12.5'])).toBe(
      `"a,b","say ""hi""",'=SUM(A1),-12.5\r\n`,
    );
  });
});
