import type { Database } from '../db/db.js';
import { escapeHtml } from '../http/html.js';
import type { TotalsOut } from '../stats/totals.schemas.js';
import { currencyChoice } from './home.page.js';
import { formatMoney, t, type Locale } from './i18n.js';
import { href, page } from './layout.js';
import { portalFigures, type PortalCurrency } from './portal.service.js';
import { FIRST_REPORT_YEAR } from './report.service.js';

export interface ReportsModel {
  currency: PortalCurrency;
  byYear: TotalsOut;
  lastYear: number;
}

export async function loadReports(
  db: Database,
  locale: Locale,
  currency: PortalCurrency,
): Promise<ReportsModel> {
  const byYear = await portalFigures(db, { lang: locale, currency, groupBy: 'year' });
  const years = byYear.rows.map((r) => Number(r.year)).filter(Number.isInteger);
  return { currency, byYear, lastYear: Math.max(new Date().getUTCFullYear(), ...years) };
}

/** The address of a year's report in a language (and currency, when not the euro). */
export function reportHref(locale: Locale, year: number, currency: PortalCurrency): string {
  return href(locale, `/report/${year}.pdf${currency === 'EUR' ? '' : `?currency=${currency}`}`);
}

/** The yearly reports: one PDF link a year, newest first, with the year's budget beside it. */
export function reportsPage(locale: Locale, m: ReportsModel): string {
  const budget = new Map(m.byYear.rows.map((r) => [String(r.year), r.value]));
  const rows: string[] = [];
  for (let y = m.lastYear; y >= FIRST_REPORT_YEAR; y--) {
    const value = budget.get(String(y));
    rows.push(
      `<tr><th scope="row">${y}</th><td class="num">${value ? escapeHtml(formatMoney(locale, value, m.byYear.currency)) : '–'}</td><td><a href="${reportHref(locale, y, m.currency)}" data-testid="report-${y}" type="application/pdf">${escapeHtml(t(locale, 'report.open', { year: y }))}</a></td></tr>`,
    );
  }
  const body = `<h1>${t(locale, 'report.pages')}</h1>
<p class="lead">${t(locale, 'report.intro')}</p>
${currencyChoice(locale, '/report', m.currency)}
<table data-testid="reports"><thead><tr><th scope="col">${t(locale, 'report.year')}</th><th scope="col">${t(locale, 'measure.budget')}</th><th scope="col">PDF</th></tr></thead>
<tbody>${rows.join('\n')}</tbody></table>
<p><small>${t(locale, 'report.font')}</small></p>`;
  return page({ locale, path: '/report', title: t(locale, 'report.pages'), body });
}
