import ExcelJS from 'exceljs';
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
import { addRate } from '../stats/totals.fixtures.js';
import { csvLine } from './csv.js';
import { LOCALES } from './i18n.js';
import { href } from './layout.js';

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
  rows: Record<string, string | number>[];
  without_rate: { count: number };
  conversion: { method: string; source: string[] };
}

/** The one totals engine's answer, as anonymous readers get it. */
async function totals(qs: string): Promise<Totals> {
  const res = await app.request(`/api/v1/stats/totals?${qs}`);
  expect(res.status).toBe(200);
  return (await res.json()) as Totals;
}

function attr(html: string, testId: string, name: string): string | undefined {
  const tag = new RegExp(`<[^>]*data-testid="${testId}"[^>]*>`).exec(html)?.[0] ?? '';
  return new RegExp(`${name}="([^"]*)"`).exec(tag)?.[1];
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
    participants: [{ organisation_id: funder.id, role: 'funding' }],
  });
  await make('Dollars', { budgets: [budget('10.00', 'USD')] });
  // Quotes for the dollar only: the dollar budget converts, nothing converts to the dinar.
  await db.query('delete from exchange_rate');
  await addRate(db, 'USD', '2014-12-31', '2');
});

afterAll(async () => {
  await dispose();
});

describe('portal figures', () => {
  it('shows on the home page the totals API’s figures, in the currency the reader chooses', async () => {
    for (const currency of ['EUR', 'USD', 'RSD']) {
      const html = await (
        await app.request(currency === 'EUR' ? '/en/' : `/en/?currency=${currency}`)
      ).text();
      for (const measure of ['budget', 'commitment', 'disbursement']) {
        const t = await totals(`measure=${measure}&currency=${currency}`);
        expect(attr(html, `total-${measure}`, 'data-value')).toBe(t.total);
        expect(attr(html, `total-${measure}`, 'data-currency')).toBe(currency);
      }
      const budget = await totals(`measure=budget&currency=${currency}`);
      expect(html).toContain('data-testid="conversion-note"');
      expect(html).toContain(`<strong aria-current="true" data-currency="${currency}">`);
      if (budget.without_rate.count > 0)
        expect(attr(html, 'without-rate', 'data-count')).toBe(String(budget.without_rate.count));
      else expect(html).not.toContain('data-testid="without-rate"');
    }
  });

  it('converts money in other currencies with the quotes and counts what has no quote', async () => {
    const eur = await totals('measure=budget&currency=EUR');
    const euroOnly = await totals(`measure=budget&currency=EUR&q=${encodeURIComponent(tag)}`);
    expect(eur.without_rate.count).toBe(0);
    expect(eur.conversion.source).toContain('test quotes');
    const dollars = await totals(
      `measure=budget&currency=EUR&q=${encodeURIComponent(`Dollars ${tag}`)}`,
    );
    expect(dollars.total).toBe('5.00'); // 10 USD at 2 per euro
    expect(cents([euroOnly.total])).toBeGreaterThan(cents([dollars.total]));
    const rsd = await totals('measure=budget&currency=RSD');
    expect(rsd.without_rate.count).toBeGreaterThan(0);
    const html = await (await app.request('/en/?currency=RSD')).text();
    expect(html).toContain('data-testid="without-rate"');
  });

  it('reads an unknown currency as the euro', async () => {
    const html = await (await app.request('/en/?currency=XYZ')).text();
    expect(attr(html, 'total-budget', 'data-currency')).toBe('EUR');
  });

  it('gives the explorer’s selection the figures of the same filters in the totals API', async () => {
    const html = await (await app.request(`/en/projects?municipality=70963&q=${tag}`)).text();
    const t = await totals(`measure=budget&municipality=70963&q=${encodeURIComponent(tag)}`);
    // The money attributed to Preševo: 70 % of the project's 300.
    expect(t.total).toBe('210.00');
    expect(attr(html, 'explorer-count', 'data-total')).toBe(t.total);
    expect(attr(html, 'explorer-count', 'data-count')).toBe('1');
    const usd = await (
      await app.request(`/en/projects?municipality=70963&q=${tag}&currency=USD`)
    ).text();
    const tu = await totals(
      `measure=budget&currency=USD&municipality=70963&q=${encodeURIComponent(tag)}`,
    );
    expect(attr(usd, 'explorer-count', 'data-total')).toBe(tu.total);
    expect(attr(usd, 'explorer-count', 'data-currency')).toBe('USD');
    expect(usd).toContain('<input type="hidden" name="currency" value="USD">');
  });

  it('gives partner and municipality pages the totals API’s figures for them', async () => {
    const partner = await (await app.request(`/en/partner/${ids.funder}`)).text();
    const tp = await totals(`measure=budget&organisation=${ids.funder}`);
    expect(attr(partner, 'page-total', 'data-value')).toBe(tp.total);
    expect(cents([tp.total])).toBeGreaterThan(0n);
    const muni = await (await app.request('/en/municipality/70351?currency=USD')).text();
    const tm = await totals('measure=budget&currency=USD&municipality=70351');
    expect(attr(muni, 'page-total', 'data-value')).toBe(tm.total);
    expect(attr(muni, 'page-total', 'data-currency')).toBe('USD');
  });

  it('has no totals of its own in the API: the figures are the statistics API’s', async () => {
    expect((await app.request('/api/v1/portal/totals')).status).toBe(404);
    expect((await app.request('/api/v1/portal/totals.csv')).status).toBe(404);
    const grouped = await totals('measure=budget&group_by=municipality');
    expect(cents(grouped.rows.map((r) => String(r.value)))).toBe(cents([grouped.total]));
  });
});

describe('portal pages', () => {
  it('shows the API’s totals on the home page in every language, with alternates and a switcher', async () => {
    const t = await totals('measure=budget');
    for (const lang of LOCALES) {
      const res = await app.request(href(lang, '/'));
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).toContain(`<html lang="${lang}"`);
      expect(html).toContain(`data-testid="total-budget" data-value="${t.total}"`);
      for (const other of LOCALES)
        expect(html).toContain(`hreflang="${other}" href="${href(other, '/')}"`);
      expect(html).toContain('data-testid="home-map"');
      expect(html).toContain('OpenStreetMap');
    }
  });

  it('serves Serbian Latin at /sr/ and moves /sr-Latn/ addresses there for good', async () => {
    const html = await (await app.request('/sr/projects?municipality=70963')).text();
    expect(html).toContain('<html lang="sr-Latn"');
    expect(html).toContain('hreflang="sr-Latn" href="/sr/projects?municipality=70963"');
    expect(html).toContain('hreflang="sr-Cyrl" href="/sr-Cyrl/projects?municipality=70963"');
    expect(html).toContain('href="/sr/data"');
    expect(html).not.toContain('href="/sr-Latn/');
    const moved = await app.request('/sr-Latn/projects?municipality=70963');
    expect(moved.status).toBe(301);
    expect(moved.headers.get('location')).toBe('/sr/projects?municipality=70963');
    const root = await app.request('/sr-Latn');
    expect(root.status).toBe(301);
    expect(root.headers.get('location')).toBe('/sr/');
    const chosen = await app.request('/', { headers: { 'accept-language': 'sr;q=0.9' } });
    expect(chosen.headers.get('location')).toBe('/sr/');
  });

  it('filters the explorer by municipality in list, chart figures and map alike', async () => {
    const res = await app.request(`/en/projects?municipality=70963&q=${tag}`);
    const html = await res.text();
    expect(html).toContain(`data-activity="${ids['Vodovod Preševo']}"`);
    expect(html).not.toContain(`data-activity="${ids.Revised}"`);
    expect(html).toContain('data-count="1" data-total="210.00"');
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
    expect(html).toContain(`href="/en/programme/${ids['Vodovod programme']}"`);
    expect(html).toContain('<span lang="sr-Latn">Vodovod Preševo');
    const parent = await (await app.request(`/sr-Cyrl/project/${ids['Vodovod programme']}`)).text();
    expect(parent).toContain(`href="/sr-Cyrl/project/${ids['Vodovod Preševo']}"`);
    expect(parent).not.toContain(ids['Draft child'] ?? 'missing');
    const missing = await app.request(`/en/project/${ids['Draft child']}`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toContain('text/html');
  });

  it('gives each programme a page with its totals, projects, partners and map', async () => {
    const id = ids['Vodovod programme'] ?? '';
    const html = await (await app.request(`/en/programme/${id}`)).text();
    const t = await totals(`measure=budget&programme=${id}`);
    expect(attr(html, 'page-total', 'data-value')).toBe(t.total);
    expect(Number(t.total)).toBeGreaterThan(0);
    expect(html).toContain(`data-activity="${ids['Vodovod Preševo']}"`);
    expect(html).not.toContain(`data-activity="${ids['Draft child']}"`);
    expect(html).not.toContain(`data-activity="${ids.Revised}"`);
    expect(html).toContain(`href="/en/partner/${ids.funder}"`);
    expect(html).toMatch(/data-testid="programme-map"[\s\S]*<circle [^>]*data-place=/);
    expect(html).toContain(`href="/en/project/${id}"`);
    // The project links up to the programme's page, the programme's record down to its projects.
    const project = await (await app.request(`/en/project/${ids['Vodovod Preševo']}`)).text();
    expect(project).toContain(`data-testid="activity-above"`);
    expect(project).toContain(`href="/en/programme/${id}"`);
    const record = await (await app.request(`/en/project/${id}`)).text();
    expect(record).toContain(`href="/en/programme/${id}" data-testid="programme-page"`);
    expect(record).toMatch(
      new RegExp(`data-testid="activity-below">.*href="/en/project/${ids['Vodovod Preševo']}"`),
    );
    const home = await (await app.request('/en/')).text();
    expect(home).toContain(`href="/en/programme/${id}"`);
  });

  it('serves partner, municipality and open data pages', async () => {
    const partner = await (await app.request(`/sq/partner/${ids.funder}`)).text();
    expect(partner).toContain(`data-activity="${ids['Vodovod programme']}"`);
    const muni = await (await app.request('/sr/municipality/70963')).text();
    expect(muni).toContain('Preševo');
    expect(muni).toContain(`data-activity="${ids['Vodovod Preševo']}"`);
    const data = await (await app.request('/en/data')).text();
    expect(data).toContain('/api/v1/openapi.json');
    expect(data).toContain('ODbL');
  });

  it('says how long the server took in a Server-Timing header', async () => {
    for (const path of ['/en/', '/en/projects', `/en/project/${ids['Vodovod Preševo']}`]) {
      const res = await app.request(path);
      expect(res.headers.get('server-timing')).toMatch(/^app;dur=\d+\.\d{2}$/);
    }
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

  it('writes the totals API’s answer as CSV', async () => {
    const res = await app.request(
      `/api/v1/stats/totals.csv?measure=budget&group_by=year&q=${encodeURIComponent(`Preševo ${tag}`)}`,
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes)).toBe(
      'year,year_label,value,currency\r\n2016,,300.00,EUR\r\n',
    );
  });

  it('offers an explorer view as CSV, XLSX, JSON and IATI XML with the view’s filters', async () => {
    const html = await (await app.request(`/sq/projects?municipality=70351&q=${tag}`)).text();
    const link = (id: string) => (attr(html, id, 'href') ?? '').replaceAll('&amp;', '&');
    for (const id of ['download-csv', 'download-xlsx', 'download-json', 'download-iati']) {
      expect(link(id)).toContain('municipality=70351');
      expect(link(id)).toContain(`q=${tag}`);
    }
    const expected = [ids['Vodovod Preševo'], ids.Revised].sort();
    const csv = (await (await app.request(link('download-csv'))).text()).replace(/^\uFEFF/, '');
    const csvIds = csv
      .trim()
      .split('\r\n')
      .slice(1)
      .map((l) => l.split(',')[0]);
    expect(csvIds.sort()).toEqual(expected);
    const xlsx = await app.request(link('download-xlsx'));
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await xlsx.arrayBuffer());
    const sheet = wb.worksheets[0];
    const xlsxIds: string[] = [];
    sheet?.eachRow((row, n) => {
      if (n > 1) xlsxIds.push(row.getCell(1).text);
    });
    expect(xlsxIds.sort()).toEqual(expected);
    const json = (await (await app.request(link('download-json'))).json()) as {
      items: { id: string }[];
    };
    expect(json.items.map((i) => i.id).sort()).toEqual(expected);
    const iati = await (await app.request(link('download-iati'))).text();
    // These records have no IATI identifier, so the export (which needs one) leaves them out;
    // the browser tests check the IATI file of a demo view record by record.
    expect(iati).toContain('<iati-activities');
    expect(iati).not.toMatch(/<iati-activity[\s>]/);
  });

  it('offers the totals by year, sector, municipality and partner as CSV, XLSX and JSON', async () => {
    const html = await (await app.request(`/en/projects?municipality=70351&q=${tag}`)).text();
    for (const group of ['year', 'sector', 'municipality', 'organisation']) {
      const span = new RegExp(`data-testid="totals-${group}">(.*?)</span>`).exec(html)?.[1] ?? '';
      const hrefs = [...span.matchAll(/href="([^"]+)"/g)].map((m) =>
        (m[1] ?? '').replaceAll('&amp;', '&'),
      );
      expect(hrefs.map((h) => h.split('?')[0])).toEqual([
        '/api/v1/stats/totals.csv',
        '/api/v1/stats/totals.xlsx',
        '/api/v1/stats/totals',
      ]);
      for (const h of hrefs) expect(h).toContain(`group_by=${group}`);
      for (const h of hrefs) expect(h).toContain('municipality=70351');
      const api = (await (await app.request(hrefs[2] ?? '')).json()) as Totals;
      const res = await app.request(hrefs[1] ?? '');
      expect(res.status).toBe(200);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(await res.arrayBuffer());
      const sheet = book.worksheets[0];
      const values: string[] = [];
      const keys: string[] = [];
      sheet?.eachRow((row, n) => {
        if (n === 1) return;
        keys.push(row.getCell(1).text);
        values.push(row.getCell(3).text);
      });
      expect(keys).toEqual(api.rows.map((r) => String(r[group])));
      expect(values.map(Number)).toEqual(api.rows.map((r) => Number(r.value)));
    }
  });

  it('quotes CSV fields and defuses formulas', () => {
    expect(csvLine(['a,b', 'say "hi"', '=SUM(A1)', '-12.5'])).toBe(
      `"a,b","say ""hi""",'=SUM(A1),-12.5\r\n`,
    );
  });
});
