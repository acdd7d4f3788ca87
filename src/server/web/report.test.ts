import { execFile } from 'node:child_process';
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
import { addTransaction } from '../stats/totals.fixtures.js';
import { formatMoney, LOCALE_NAMES, LOCALES, t, type Locale } from './i18n.js';
import { href } from './layout.js';
import { reportPdf } from './report.pdf.js';
import { loadReport } from './report.service.js';

let db: Database;
let dispose: () => Promise<void>;
let app: ReturnType<typeof testApp>;
// digits only: a Latin tag would be written in Cyrillic in the Serbian Cyrillic report
const tag = String(parseInt(uniq().slice(0, 8), 16));
const YEAR = 2013;

/** The text of a PDF as poppler's pdftotext reads it, runs of spaces made one. */
function pdfText(pdf: Uint8Array): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      'pdftotext',
      ['-enc', 'UTF-8', '-', '-'],
      { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
      (err, stdout) =>
        err ? reject(new Error(err.message)) : resolve(stdout.replace(/\s+/g, ' ')),
    );
    child.stdin?.end(Buffer.from(pdf));
  });
}

function spaced(s: string): string {
  return s.replace(/\s+/g, ' ');
}

async function yearTotal(measure: string, lang: Locale): Promise<string> {
  const res = await app.request(
    `/api/v1/stats/totals?measure=${measure}&year_from=${YEAR}&year_to=${YEAR}&lang=${lang}`,
  );
  expect(res.status).toBe(200);
  return ((await res.json()) as { total: string }).total;
}

function money(value: string, type: '1' | '2' = '1') {
  return {
    type,
    period_start: `${YEAR}-01-01`,
    period_end: `${YEAR}-12-31`,
    value,
    currency: 'EUR',
    value_date: `${YEAR}-01-01`,
  };
}

async function make(input: Partial<ActivityCreateInput>) {
  return createActivity(db, SYSTEM, {
    title: { en: `untitled ${tag}` },
    publication_status: 'published',
    planned_start: `${YEAR}-02-01`,
    planned_end: `${YEAR}-11-30`,
    ...input,
  });
}

beforeAll(async () => {
  ({ db, dispose } = await freshTestDb());
  app = testApp(db);
  const presevo = await municipality(db, '70963');
  const funder = await makeOrganisation(db, { names: { 'sr-Latn': `Fond za razvoj ${tag}` } });
  const water = await make({
    title: { 'sr-Latn': `Vodovod Preševo ${tag}`, sq: `Ujësjellësi Preshevë ${tag}` },
    budgets: [money('123456.00')],
    locations: [{ place_id: presevo.id }],
    sectors: [{ code: '14030', vocabulary: '1' }],
    participants: [{ organisation_id: funder.id, role: 'funding' }],
  });
  await addTransaction(db, water.id, { type: '2', date: `${YEAR}-03-01`, value: '100000.00' });
  await addTransaction(db, water.id, { type: '3', date: `${YEAR}-06-01`, value: '40000.00' });
  await make({ title: { en: `School roof ${tag}` }, budgets: [money('20000.00')] });
  // Outside the year: in no figure and not listed.
  await make({
    title: { en: `Later road ${tag}` },
    planned_start: `${YEAR + 3}-01-01`,
    planned_end: `${YEAR + 3}-12-31`,
    budgets: [
      {
        ...money('999.00'),
        period_start: `${YEAR + 3}-01-01`,
        period_end: `${YEAR + 3}-12-31`,
        value_date: `${YEAR + 3}-01-01`,
      },
    ],
  });
});

afterAll(async () => {
  await dispose();
});

describe('yearly report', () => {
  it('is a PDF in each language with the year’s totals, charts’ figures and projects', async () => {
    for (const lang of LOCALES) {
      const res = await app.request(href(lang, `/report/${YEAR}.pdf`));
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/pdf');
      const pdf = new Uint8Array(await res.arrayBuffer());
      expect(Buffer.from(pdf.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
      const text = await pdfText(pdf);
      expect(text).toContain(spaced(t(lang, 'report.title', { year: YEAR })));
      for (const measure of ['budget', 'commitment', 'disbursement']) {
        const total = await yearTotal(measure, lang);
        expect(Number(total)).toBeGreaterThan(0);
        expect(text).toContain(spaced(formatMoney(lang, total, 'EUR')));
      }
      expect(text).toContain(spaced(t(lang, 'chart.by_sector')));
      expect(text).toContain(spaced(t(lang, 'chart.by_municipality')));
      expect(text).not.toContain('Later road');
      if (lang === 'sr-Cyrl') {
        // Derived from the Latin title, and the interface text Cyrillic too.
        expect(text).toContain(`Водовод Прешево ${tag}`);
        expect(text).toMatch(/Годишњи извештај/);
      } else if (lang === 'sq') {
        expect(text).toContain(`Ujësjellësi Preshevë ${tag}`);
      } else {
        expect(text).toContain(`Vodovod Preševo ${tag}`);
      }
      expect(text).toContain(`School roof ${tag}`);
      // The English-only title says so, in every other language.
      const note = spaced(
        t(lang, 'activity.missing', { lang: LOCALE_NAMES[lang], other: 'English' }),
      );
      if (lang === 'en') expect(text).not.toContain(note);
      else expect(text).toContain(note);
    }
  });

  it('says when a title is not in the reader’s language', async () => {
    const text = await pdfText(await reportPdf(await loadReport(db, 'sq', YEAR)));
    expect(text).toContain(
      spaced(t('sq', 'activity.missing', { lang: 'Shqip', other: 'English' })),
    );
  });

  it('lists each year’s report on a page linked from the home and data pages', async () => {
    for (const lang of LOCALES) {
      const html = await (await app.request(href(lang, '/report'))).text();
      expect(html).toContain(`href="${href(lang, `/report/${YEAR}.pdf`)}"`);
      for (const path of ['/', '/data'])
        expect(await (await app.request(href(lang, path))).text()).toContain(
          `href="${href(lang, '/report')}"`,
        );
    }
  });

  it('refuses a year out of range with the not-found page', async () => {
    const res = await app.request(`/en/report/1066.pdf`);
    expect(res.status).toBe(404);
  });
});
