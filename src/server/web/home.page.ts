import { ActivityListQuery, type ActivityOut } from '../activities/activities.schemas.js';
import { searchActivities } from '../activities/activities.service.js';
import type { Database } from '../db/db.js';
import { escapeHtml } from '../http/html.js';
import { barChart, timeline, yearChart, type ChartRow } from './charts.js';
import { formatMoney, formatNumber, t, type Locale } from './i18n.js';
import { href, page } from './layout.js';
import { moneyMap } from './portal.maps.js';
import { portalTotals, PortalTotalsQuery, type PortalTotalsOut } from './portal.service.js';
import { activityCard, plain } from './view.js';

const FIRST_YEAR = 2001;

export interface HomeModel {
  budget: Record<'year' | 'sector' | 'municipality' | 'organisation', PortalTotalsOut>;
  committed: PortalTotalsOut;
  disbursed: PortalTotalsOut;
  programmes: ActivityOut[];
  map: string;
}

export async function loadHome(db: Database, locale: Locale): Promise<HomeModel> {
  const q = (extra: Record<string, string>) =>
    portalTotals(db, PortalTotalsQuery.parse({ lang: locale, ...extra }), null);
  const [year, sector, municipality, organisation, committed, disbursed, programmes] =
    await Promise.all([
      q({ group_by: 'year' }),
      q({ group_by: 'sector' }),
      q({ group_by: 'municipality' }),
      q({ group_by: 'organisation' }),
      q({ measure: 'commitment' }),
      q({ measure: 'disbursement' }),
      searchActivities(db, null, ActivityListQuery.parse({ hierarchy: '1', limit: '200' })),
    ]);
  const values = new Map(
    municipality.rows
      .filter((r) => r.municipality)
      .map((r) => [r.municipality ?? '', r.value ?? '0']),
  );
  const map = await moneyMap(db, locale, {
    title: t(locale, 'home.map'),
    values,
    currency: municipality.currency,
    activityIds: null,
    testId: 'home-map',
  });
  return {
    budget: { year, sector, municipality, organisation },
    committed,
    disbursed,
    programmes: programmes.items.sort((a, b) =>
      (a.actual_start ?? a.planned_start ?? '9999').localeCompare(
        b.actual_start ?? b.planned_start ?? '9999',
      ),
    ),
    map,
  };
}

/** Chart rows from a grouped total; the null key is the "not specified" share. */
export function chartRows(
  locale: Locale,
  totals: PortalTotalsOut,
  link?: (key: string) => string | undefined,
): ChartRow[] {
  const group = totals.group_by ?? 'value';
  return totals.rows.map((r) => {
    const key = r[group] ?? '';
    return {
      key,
      label: key ? (totals.labels[key] ?? key) : t(locale, 'chart.unspecified'),
      value: r.value ?? '0',
      display: formatMoney(locale, r.value ?? '0', totals.currency),
      href: key && link ? link(key) : undefined,
    };
  });
}

function figure(locale: Locale, label: string, t0: PortalTotalsOut, id: string): string {
  return `<div class="figure"><dt>${escapeHtml(label)}</dt><dd data-testid="${id}" data-value="${t0.total}" data-currency="${t0.currency}">${escapeHtml(formatMoney(locale, t0.total, t0.currency))}</dd></div>`;
}

function yearOf(d: string | null): number | null {
  return d ? Number(d.slice(0, 4)) : null;
}

export function homePage(locale: Locale, m: HomeModel): string {
  const b = m.budget.year;
  const others = b.other_currencies.length
    ? `<p>${t(locale, 'home.other_currencies')}: ${b.other_currencies
        .map(
          (o) =>
            `<span data-testid="other-${o.currency}" data-value="${o.total}">${escapeHtml(formatMoney(locale, o.total, o.currency))}</span>`,
        )
        .join(', ')}</p>`
    : '';
  const now = new Date().getUTCFullYear();
  const lastYear = Math.max(
    now,
    ...m.programmes.map((p) => yearOf(p.actual_end ?? p.planned_end) ?? 0),
  );
  const muniLink = (key: string) => {
    const row = m.budget.municipality;
    return row.labels[key]
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
<div class="figure"><dt>${t(locale, 'home.activities')}</dt><dd data-testid="total-activities" data-value="${b.activities}">${formatNumber(locale, b.activities)}</dd></div>
</dl>
${others}
<p><small>${escapeHtml(t(locale, 'home.figures_note', { currency: b.currency }))}</small></p>
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
