import AxeBuilder from '@axe-core/playwright';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';

const LOCALES = ['sq', 'sr-Latn', 'sr-Cyrl', 'en'] as const;
/** Each language's first address segment: Serbian in Latin script is /sr/. */
const SEGMENT = { sq: 'sq', 'sr-Latn': 'sr', 'sr-Cyrl': 'sr-Cyrl', en: 'en' } as const;

interface Activity {
  id: string;
  iati_identifier: string | null;
  title: Record<string, string>;
  locations: { place: { id: string; kind: string } | null }[];
}

async function json<T>(request: APIRequestContext, url: string): Promise<T> {
  const res = await request.get(url);
  expect(res.status(), url).toBe(200);
  return (await res.json()) as T;
}

/** Every published activity the API lists for a query, all pages. */
async function listAll(request: APIRequestContext, qs: string): Promise<Activity[]> {
  const out: Activity[] = [];
  let cursor = '';
  for (;;) {
    const page = await json<{ items: Activity[]; next_cursor: string | null }>(
      request,
      `/api/v1/activities?${qs}&limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    out.push(...page.items);
    if (!page.next_cursor) return out;
    cursor = page.next_cursor;
  }
}

async function attributes(page: Page, selector: string, name: string): Promise<string[]> {
  const found = await page.locator(selector).all();
  return Promise.all(found.map(async (l) => (await l.getAttribute(name)) ?? ''));
}

function listedIds(page: Page): Promise<string[]> {
  return attributes(page, '[data-testid="explorer-list"] [data-activity]', 'data-activity');
}

function mapPlaces(page: Page, testId: string): Promise<string[]> {
  return attributes(page, `[data-testid="${testId}"] circle[data-place]`, 'data-place');
}

async function noSeriousViolations(page: Page) {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const serious = result.violations.filter(
    (v) => v.impact === 'serious' || v.impact === 'critical',
  );
  expect(
    serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
  ).toEqual([]);
}

/** The heading of a yearly report in each language, as the PDF must say it. */
const REPORT_TITLE: Record<(typeof LOCALES)[number], (year: number) => string> = {
  sq: (y) => `Raporti vjetor ${y}`,
  'sr-Latn': (y) => `Godišnji izveštaj za ${y}.`,
  'sr-Cyrl': (y) => `Годишњи извештај за ${y}.`,
  en: (y) => `Yearly report ${y}`,
};
const INTL_TAG = { sq: 'sq', 'sr-Latn': 'sr-Latn', 'sr-Cyrl': 'sr-Cyrl', en: 'en-GB' } as const;

for (const lang of LOCALES) {
  test.describe(`portal in ${lang}`, () => {
    test('home figures equal the API totals, with charts, map and timeline', async ({
      page,
      request,
    }) => {
      const totals = await json<{ total: string }>(
        request,
        `/api/v1/stats/totals?measure=budget&lang=${lang}`,
      );
      const committed = await json<{ total: string }>(
        request,
        `/api/v1/stats/totals?measure=commitment`,
      );
      const disbursed = await json<{ total: string }>(
        request,
        `/api/v1/stats/totals?measure=disbursement`,
      );
      const published = await listAll(request, '');
      await page.goto(`/${SEGMENT[lang]}/`);
      await expect(page.locator('html')).toHaveAttribute('lang', lang);
      await expect(page.getByTestId('total-budget')).toHaveAttribute('data-value', totals.total);
      await expect(page.getByTestId('total-commitment')).toHaveAttribute(
        'data-value',
        committed.total,
      );
      await expect(page.getByTestId('total-disbursement')).toHaveAttribute(
        'data-value',
        disbursed.total,
      );
      await expect(page.getByTestId('total-activities')).toHaveAttribute(
        'data-value',
        String(published.length),
      );
      await expect(page.getByTestId('conversion-note')).toBeVisible();
      const byYear = await json<{ rows: { year: number; value: string }[] }>(
        request,
        `/api/v1/stats/totals?measure=budget&group_by=year&lang=${lang}`,
      );
      await expect(page.locator('[data-testid="chart-year"] tbody tr')).toHaveCount(
        byYear.rows.length,
      );
      await expect(page.locator('[data-testid="home-map"] path.focus')).toHaveCount(3);
      await expect(page.getByTestId('timeline')).toBeVisible();
      for (const other of LOCALES)
        await expect(page.locator(`link[rel=alternate][hreflang="${other}"]`)).toHaveAttribute(
          'href',
          `/${SEGMENT[other]}/`,
        );
      await noSeriousViolations(page);
    });

    test('the reader chooses the currency and the figures follow the totals API', async ({
      page,
      request,
    }) => {
      await page.goto(`/${SEGMENT[lang]}/`);
      await expect(page.getByTestId('total-budget')).toHaveAttribute('data-currency', 'EUR');
      for (const currency of ['USD', 'RSD']) {
        const totals = await json<{ total: string; without_rate: { count: number } }>(
          request,
          `/api/v1/stats/totals?measure=budget&currency=${currency}`,
        );
        await page.getByTestId('currency-choice').locator(`a[data-currency="${currency}"]`).click();
        await page.waitForURL(new RegExp(`currency=${currency}`));
        const budget = page.getByTestId('total-budget');
        await expect(budget).toHaveAttribute('data-currency', currency);
        await expect(budget).toHaveAttribute('data-value', totals.total);
        await expect(page.getByTestId('without-rate')).toHaveCount(
          totals.without_rate.count > 0 ? 1 : 0,
        );
      }
    });

    test('an explorer filter changes list, map and chart alike and survives a reload', async ({
      page,
      request,
    }) => {
      await page.goto(`/${SEGMENT[lang]}/projects`);
      const before = await listedIds(page);
      await page.locator('#f-municipality').selectOption('70963');
      await page.waitForURL(/municipality=70963/);
      const expected = await listAll(request, 'municipality=70963');
      await expect.poll(() => listedIds(page)).toEqual(expected.map((a) => a.id));
      expect(before.length).toBeGreaterThan(expected.length);
      const totals = await json<{ total: string; rows: unknown[] }>(
        request,
        '/api/v1/stats/totals?measure=budget&group_by=year&municipality=70963',
      );
      const count = page.getByTestId('explorer-count');
      await expect(count).toHaveAttribute('data-count', String(expected.length));
      await expect(count).toHaveAttribute('data-total', totals.total);
      await expect(page.locator('[data-testid="explorer-chart-year"] tbody tr')).toHaveCount(
        totals.rows.length,
      );
      const places = new Set(
        expected.flatMap((a) =>
          a.locations.flatMap((l) =>
            l.place && (l.place.kind === 'municipality' || l.place.kind === 'settlement')
              ? [l.place.id]
              : [],
          ),
        ),
      );
      expect(new Set(await mapPlaces(page, 'explorer-map'))).toEqual(places);
      await page.reload();
      await expect(page.locator('#f-municipality')).toHaveValue('70963');
      expect(await listedIds(page)).toEqual(expected.map((a) => a.id));
      await noSeriousViolations(page);
    });

    test('a search in Cyrillic finds a record entered in Latin, with suggestions as one types', async ({
      page,
      request,
    }) => {
      const latin = await listAll(request, 'q=kelmendi');
      expect(latin.length).toBe(1);
      const record = latin[0];
      if (!record) throw new Error('the demo record is missing');
      // Entered in Latin letters only: no stored title is written in Cyrillic.
      expect(Object.values(record.title).some((v) => /Kelmendi/.test(v))).toBe(true);
      expect(Object.values(record.title).some((v) => /[\u0400-\u04ff]/.test(v))).toBe(false);
      await page.goto(`/${SEGMENT[lang]}/search`);
      const input = page.locator('#q');
      await input.pressSequentially('келменди', { delay: 30 });
      await expect(page.locator('#suggest li').first()).toBeVisible();
      await expect(
        page.locator(`#suggest a[href="/${SEGMENT[lang]}/project/${record.id}"]`),
      ).toHaveCount(1);
      await input.press('Escape');
      await page.getByRole('button').last().click();
      await page.waitForURL(/\/search\?q=%D0/);
      await expect(
        page.locator(`[data-testid="search-activities"] [data-activity="${record.id}"]`),
      ).toHaveCount(1);
      await page.goto(`/${SEGMENT[lang]}/search?q=${encodeURIComponent('прешево')}`);
      await expect(
        page.locator(`[data-testid="search-activities"] [data-activity="${record.id}"]`),
      ).toHaveCount(1);
      await noSeriousViolations(page);
    });

    test('CSV, XLSX, JSON and IATI downloads of a filtered view hold exactly its records', async ({
      page,
      request,
    }) => {
      await page.goto(`/${SEGMENT[lang]}/projects?municipality=70351`);
      const expected = await listAll(request, 'municipality=70351');
      const [csv] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('download-csv').click(),
      ]);
      const text = (await readFile(await csv.path(), 'utf8')).replace(/^\uFEFF/, '');
      const ids = text
        .trim()
        .split('\r\n')
        .slice(1)
        .map((l) => l.split(',')[0]);
      expect(ids.sort()).toEqual(expected.map((a) => a.id).sort());
      const [xlsx] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('download-xlsx').click(),
      ]);
      const book = new ExcelJS.Workbook();
      await book.xlsx.readFile(await xlsx.path());
      const xlsxIds: string[] = [];
      book.worksheets[0]?.eachRow((row, n) => {
        if (n > 1) xlsxIds.push(row.getCell(1).text);
      });
      expect(xlsxIds.sort()).toEqual(expected.map((a) => a.id).sort());
      const [json] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('download-json').click(),
      ]);
      const doc = JSON.parse(await readFile(await json.path(), 'utf8')) as { items: Activity[] };
      expect(doc.items.map((a) => a.id).sort()).toEqual(expected.map((a) => a.id).sort());
      const [xml] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('download-iati').click(),
      ]);
      const body = await readFile(await xml.path(), 'utf8');
      const count = (body.match(/<iati-activity[\s>]/g) ?? []).length;
      const identifiers = [...body.matchAll(/<iati-identifier>([^<]*)<\/iati-identifier>/g)].map(
        (m) => m[1],
      );
      const known = expected.map((a) => a.iati_identifier).filter((x): x is string => !!x);
      expect(count).toBe(identifiers.length);
      for (const id of known) expect(identifiers).toContain(id);
      expect(count).toBeLessThanOrEqual(expected.length);
    });

    test('a project page shows its map, partners and a note where its language is missing', async ({
      page,
      request,
    }) => {
      const [record] = await listAll(request, 'q=kelmendi');
      if (!record) throw new Error('the demo record is missing');
      await page.goto(`/${SEGMENT[lang]}/project/${record.id}`);
      const map = page.getByTestId('activity-map');
      await expect(map).toBeVisible();
      await expect(map.locator('circle')).not.toHaveCount(0);
      await expect(map).toContainText('OpenStreetMap');
      await noSeriousViolations(page);
    });

    test('a project page prints without navigation, with its map and tables readable', async ({
      page,
      request,
    }) => {
      const [record] = await listAll(request, 'q=kelmendi');
      if (!record) throw new Error('the demo record is missing');
      await page.goto(`/${SEGMENT[lang]}/project/${record.id}`);
      await page.emulateMedia({ media: 'print' });
      for (const hidden of ['header.site nav', '.langs', '.skip', '.no-print', 'footer .links'])
        for (const el of await page.locator(hidden).all()) await expect(el).toBeHidden();
      const map = page.getByTestId('activity-map');
      await expect(map).toBeVisible();
      const box = await map.locator('svg').boundingBox();
      expect(box?.width ?? 0).toBeGreaterThan(300);
      await expect(map.locator('circle').first()).toBeVisible();
      for (const table of await page.locator('main table').all()) {
        await expect(table).toBeVisible();
        const size = await table.evaluate((t) =>
          parseFloat(
            (
              globalThis as unknown as { getComputedStyle(e: unknown): { fontSize: string } }
            ).getComputedStyle(t).fontSize,
          ),
        );
        expect(size).toBeGreaterThanOrEqual(12);
      }
      await expect(page.locator('h1')).toBeVisible();
      const pdf = await page.pdf({ format: 'A4' });
      const text = execFileSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], { input: pdf }).toString(
        'utf8',
      );
      expect(text).toContain('OpenStreetMap');
    });

    test('a programme page shows its totals, projects and map', async ({ page, request }) => {
      const [programme] = await listAll(request, 'q=pbild&hierarchy=1');
      if (!programme) throw new Error('the demo programme is missing');
      const totals = await json<{ total: string }>(
        request,
        `/api/v1/stats/totals?measure=budget&programme=${programme.id}`,
      );
      const below = (await listAll(request, `programme=${programme.id}`)).filter(
        (a) => a.id !== programme.id,
      );
      await page.goto(`/${SEGMENT[lang]}/programme/${programme.id}`);
      await expect(page.getByTestId('page-total')).toHaveAttribute('data-value', totals.total);
      expect(
        (
          await attributes(
            page,
            '[data-testid="programme-projects"] [data-activity]',
            'data-activity',
          )
        ).sort(),
      ).toEqual(below.map((a) => a.id).sort());
      await expect(page.getByTestId('programme-map')).toBeVisible();
      await noSeriousViolations(page);
    });

    test('the yearly report opens from the home page as a PDF in the reader’s language', async ({
      page,
      request,
    }) => {
      const byYear = await json<{ rows: { year: string | number; value: string }[] }>(
        request,
        `/api/v1/stats/totals?measure=budget&group_by=year&lang=${lang}`,
      );
      const withMoney = byYear.rows.find((r) => Number(r.year) > 2000 && Number(r.value) > 0);
      if (!withMoney) throw new Error('the demo has no budget dated in a year');
      const year = Number(withMoney.year);
      await page.goto(`/${SEGMENT[lang]}/`);
      await page.getByTestId('reports-link').click();
      await expect(page).toHaveURL(new RegExp(`/${SEGMENT[lang]}/report$`));
      await noSeriousViolations(page);
      const link = page.getByTestId(`report-${year}`);
      const href = (await link.getAttribute('href')) ?? '';
      expect(href).toBe(`/${SEGMENT[lang]}/report/${year}.pdf`);
      const res = await request.get(href);
      expect(res.status()).toBe(200);
      expect(res.headers()['content-type']).toBe('application/pdf');
      const pdf = await res.body();
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      const text = execFileSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], { input: pdf })
        .toString('utf8')
        .replace(/\s+/g, ' ');
      expect(text).toContain(REPORT_TITLE[lang](year));
      if (lang === 'sr-Cyrl') expect(text).toMatch(/Збирови за \d{4}\./);
      const total = await json<{ total: string }>(
        request,
        `/api/v1/stats/totals?measure=budget&year_from=${year}&year_to=${year}&lang=${lang}`,
      );
      const shown = new Intl.NumberFormat(INTL_TAG[lang], {
        style: 'currency',
        currency: 'EUR',
        maximumFractionDigits: 0,
      })
        .format(Number(total.total))
        .replace(/\s+/g, ' ');
      expect(text).toContain(shown);
    });

    test('partner, municipality and open data pages pass the accessibility checks', async ({
      page,
    }) => {
      await page.goto(`/${SEGMENT[lang]}/municipality/70963`);
      await expect(page.getByTestId('municipality-map')).toBeVisible();
      await noSeriousViolations(page);
      await page.goto(`/${SEGMENT[lang]}/data`);
      await expect(page.locator('a[href="/api/v1/openapi.json"]').first()).toBeVisible();
      await noSeriousViolations(page);
    });
  });
}
