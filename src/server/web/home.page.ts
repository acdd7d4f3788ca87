import { ActivityListQuery, type ActivityOut } from '../activities/activities.schemas.js';
import { searchActivities } from '../activities/activities.service.js';
import type { Database } from '../db/db.js';
import { escapeHtml } from '../http/html.js';
import { barChart, timeline, yearChart, type ChartRow } from './charts.js';
import { formatMoney, formatNumber, t, type Locale } from './i18n.js';
import { href, page } from './layout.js';
import { moneyMap } from './portal.maps.js';
import { UNSPECIFIED, type TotalsOut } from '../stats/totals.schemas.js';
import { countPublished } from './portal.queries.js';
import { pageFigures, PORTAL_CURRENCIES, type PortalCurrency } from './portal.service.js';
import { activityCard, plain } from './view.js';

const FIRST_YEAR = 2001;

export interface HomeModel {
  currency: PortalCurrency;
  budget: Record<'year' | 'sector' | 'municipality' | 'organisation', TotalsOut>;
  committed: TotalsOut;
  disbursed: TotalsOut;
  activities: number;
  programmes: ActivityOut[];
  map: string;
}

export async function loadHome(
  db: Database,
  locale: Locale,
  currency: PortalCurrency = 'EUR',
): Promise<HomeModel> {
  const figures = pageFigures(db, { lang: locale, currency });
  const year = await figures({ groupBy: 'year' });
  const sector = await figures({ groupBy: 'sector' });
  const municipality = await figures({ groupBy: 'municipality' });
  const organisation = await figures({ groupBy: 'organisation' });
  const committed = await figures({ measure: 'commitment' });
  const disbursed = await figures({ measure: 'disbursement' });
  const [activities, programmes] = await Promise.all([
    countPublished(db, null),
    searchActivities(db, null, ActivityListQuery.parse({ hierarchy: '1', limit: '200' })),
  ]);
  const values = municipalityValues(municipality);
  const map = await moneyMap(db, locale, {
    title: t(locale, 'home.map'),
    values,
    currency: municipality.currency,
    activityIds: null,
    testId: 'home-map',
  });
  return {
    currency,
    budget: { year, sector, municipality, organisation },
    committed,
    disbursed,
    activities,
    programmes: programmes.items.sort((a, b) =>
      (a.actual_start ?? a.planned_start ?? '9999').localeCompare(
        b.actual_start ?? b.planned_start ?? '9999',
      ),
    ),
    map,
  };
}

/** The money of each municipality in a totals answer grouped by municipality. */
export function municipalityValues(t: TotalsOut): Map<string, string> {
  return new Map(
    t.rows
      .filter((r) => r.municipality !== undefined && r.municipality !== UNSPECIFIED)
      .map((r) => [String(r.municipality), r.value]),
  );
}

/** Chart rows from a totals answer grouped by one key; `unspecified` is the "not specified" share. */
export function chartRows(
  locale: Locale,
  totals: TotalsOut,
  link?: (key: string) => string | undefined,
): ChartRow[] {
  const group = totals.group_by[0];
  if (!group) return [];
  const labels = totals.labels[group] ?? {};
  return totals.rows.map((r) => {
    const raw = r[group];
    const key = raw === undefined || raw === UNSPECIFIED ? '' : String(raw);
    return {
      key,
      label: key ? (labels[key] ?? key) : t(locale, 'chart.unspecified'),
      value: r.value,
      display: formatMoney(locale, r.value, totals.currency),
      href: key && link ? link(key) : undefined,
    };
  });
}

/**
 * The note under a figure: how money is counted and converted, the rates' sources, and how many
 * parts had no rate in the chosen currency.
 */
export function conversionNote(locale: Locale, t0: TotalsOut): string {
  const missing = t0.without_rate.count
    ? ` <span data-testid="without-rate" data-count="${t0.without_rate.count}">${escapeHtml(t(locale, 'home.without_rate', { count: String(t0.without_rate.count), currency: t0.currency }))}</span>`
    : '';
  const sources = t0.conversion.source.length
    ? ` ${escapeHtml(t(locale, 'home.rate_sources'))}: ${escapeHtml(t0.conversion.source.join('; '))}.`
    : '';
  return `<p data-testid="conversion-note"><small>${escapeHtml(t(locale, 'home.figures_note', { currency: t0.currency }))} <span lang="en">${escapeHtml(t0.conversion.method)}</span>${sources}${missing}</small></p>`;
}

/** Links to the same page in each currency the portal offers, the current one marked. */
export function currencyChoice(locale: Locale, path: string, current: string): string {
  const links = PORTAL_CURRENCIES.map((c) =>
    c === current
      ? `<strong aria-current="true" data-currency="${c}">${c}</strong>`
      : `<a href="${href(locale, c === 'EUR' ? path : `${path}?currency=${c}`)}" data-currency="${c}">${c}</a>`,
  ).join(' · ');
  return `<p class="currency-choice no-print" data-testid="currency-choice">${escapeHtml(t(locale, 'home.currency'))}: ${links}</p>`;
}

function figure(locale: Locale, label: string, t0: TotalsOut, id: string): string {
  return `<div class="figure"><dt>${escapeHtml(label)}</dt><dd data-testid="${id}" data-value="${t0.total}" data-currency="${t0.currency}">${escapeHtml(formatMoney(locale, t0.total, t0.currency))}</dd></div>`;
}

function yearOf(d: string | null): number | null {
  return d ? Number(d.slice(0, 4)) : null;
}

export function homePage(locale: Locale, m: HomeModel): string {
  const b = m.budget.year;
  const now = new Date().getUTCFullYear();
  const lastYear = Math.max(
    now,
    ...m.programmes.map((p) => yearOf(p.actual_end ?? p.planned_end) ?? 0),
  );
  const muniLink = (key: string) => {
    const row = m.budget.municipality;
    return row.labels.municipality?.[key]
      ? href(locale, `/projects?municipality=${encodeURIComponent(key)}`)
      : undefined;
  };
  const body = `<h1>Koordinata</h1>
<p class="lead">${t(locale, 'app.tagline')}</p>
<section aria-labelledby="figures-h"><h2 id="figures-h">${t(locale, 'home.figures')}</h2>
<dl class="figures">
${figure(locale, t(locale, 'measure.budget'), b, 'total-budget')}
${figure(locale, t(locale, 'measure.commitment'), m.committed, 'total-commitment')}
${figure(locale, t(locale, 'measure.disbursement'), m.disbursed, 'total-disbursement')}
<div class="figure"><dt>${t(locale, 'home.activities')}</dt><dd data-testid="total-activities" data-value="${m.activities}">${formatNumber(locale, m.activities)}</dd></div>
</dl>
${currencyChoice(locale, '/', m.currency)}
${conversionNote(locale, b)}
<p><a href="${href(locale, '/report')}" data-testid="reports-link">${t(locale, 'report.link')}</a></p>
</section>
<div class="grid2">
${yearChart(locale, { title: t(locale, 'chart.by_year'), head: t(locale, 'home.years'), rows: chartRows(locale, b), from: FIRST_YEAR, to: now, testId: 'chart-year' })}
${barChart(locale, { title: t(locale, 'chart.by_sector'), head: t(locale, 'explorer.sector'), rows: chartRows(locale, m.budget.sector, (k) => href(locale, `/projects?sector=${encodeURIComponent(k)}`)), testId: 'chart-sector' })}
${barChart(locale, { title: t(locale, 'chart.by_municipality'), head: t(locale, 'explorer.municipality'), rows: chartRows(locale, m.budget.municipality, muniLink), testId: 'chart-municipality' })}
${barChart(locale, { title: t(locale, 'chart.by_partner'), head: t(locale, 'explorer.partner'), rows: chartRows(locale, m.budget.organisation, (k) => href(locale, `/partner/${k}`)), testId: 'chart-partner' })}
</div>
<h2>${t(locale, 'home.map')}</h2>
${m.map}
<h2>${t(locale, 'home.timeline')}</h2>
${timeline(locale, {
  title: t(locale, 'home.timeline'),
  from: FIRST_YEAR,
  to: lastYear,
  items: m.programmes.map((p) => ({
    label: plain(locale, p.title),
    from: yearOf(p.actual_start ?? p.planned_start),
    to: yearOf(p.actual_end ?? p.planned_end),
  })),
})}
<h2>${t(locale, 'home.programmes')}</h2>
${m.programmes.length ? `<ul class="cards">${m.programmes.map((p) => activityCard(p, locale)).join('\n')}</ul>` : `<p>${t(locale, 'home.no_programmes')}</p>`}`;
  return page({ locale, path: '/', title: t(locale, 'home.programmes'), body, nav: 'home' });
}
