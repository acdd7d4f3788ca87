import { ActivityListQuery, type ActivityOut } from '../activities/activities.schemas.js';
import { searchActivities } from '../activities/activities.service.js';
import type { Database } from '../db/db.js';
import { escapeHtml } from '../http/html.js';
import { getOrganisation } from '../organisations/organisations.service.js';
import type { OrganisationOut } from '../organisations/organisations.schemas.js';
import { getPlaceByCode } from '../places/places.service.js';
import type { PlaceDetailOut } from '../places/places.schemas.js';
import { barChart, yearChart } from './charts.js';
import { chartRows, conversionNote, currencyChoice } from './home.page.js';
import { formatMoney, formatNumber, t, type Locale } from './i18n.js';
import { href, page } from './layout.js';
import { moneyMap } from './portal.maps.js';
import type { TotalsOut } from '../stats/totals.schemas.js';
import { countPublished } from './portal.queries.js';
import {
  nameIn,
  pageFigures,
  portalFigures,
  selectionIds,
  type PortalCurrency,
} from './portal.service.js';
import { activityCard } from './view.js';

/** Pages of one partner and of one municipality: their projects and their money. */

export interface PartnerModel {
  o: OrganisationOut;
  items: ActivityOut[];
  more: boolean;
  activities: number;
  byYear: TotalsOut;
}

/** A partner's money: the figures attributed to it (docs/decisions/007, rule 5). */
export async function loadPartner(
  db: Database,
  locale: Locale,
  id: string,
  currency: PortalCurrency = 'EUR',
): Promise<PartnerModel> {
  const o = await getOrganisation(db, null, id);
  const byYear = await portalFigures(db, {
    lang: locale,
    currency,
    groupBy: 'year',
    filters: { organisation: [o.id] },
  });
  const ids = await selectionIds(db, { organisation: [o.id] });
  const [list, activities] = await Promise.all([
    searchActivities(db, null, ActivityListQuery.parse({ organisation: id, limit: 200 })),
    countPublished(db, ids),
  ]);
  return { o, items: list.items, more: list.next_cursor !== null, activities, byYear };
}

function money(locale: Locale, totals: TotalsOut, activities: number, path: string): string {
  return `<dl class="figures"><div class="figure"><dt>${t(locale, 'measure.budget')}</dt><dd data-testid="page-total" data-value="${totals.total}" data-currency="${totals.currency}">${escapeHtml(formatMoney(locale, totals.total, totals.currency))}</dd></div><div class="figure"><dt>${t(locale, 'home.activities')}</dt><dd>${formatNumber(locale, activities)}</dd></div></dl>
${currencyChoice(locale, path, totals.currency)}
${conversionNote(locale, totals)}`;
}

export function partnerPage(locale: Locale, m: PartnerModel): string {
  const name = nameIn(locale, m.o.names);
  const body = `<h1>${escapeHtml(name)}${m.o.acronym ? ` (${escapeHtml(m.o.acronym)})` : ''}</h1>
${m.o.website ? `<p>${t(locale, 'org.website')}: <a href="${escapeHtml(m.o.website)}" rel="noopener">${escapeHtml(m.o.website)}</a></p>` : ''}
${money(locale, m.byYear, m.activities, `/partner/${m.o.id}`)}
${yearChart(locale, { title: t(locale, 'chart.by_year'), head: t(locale, 'home.years'), rows: chartRows(locale, m.byYear) })}
<h2>${t(locale, 'org.projects')}</h2>
${m.items.length ? `<ul class="cards">${m.items.map((a) => activityCard(a, locale)).join('\n')}</ul>` : `<p>${t(locale, 'search.none')}</p>`}
${m.more ? `<p><a href="${href(locale, `/projects?organisation=${m.o.id}`)}">${t(locale, 'common.more')}</a></p>` : ''}`;
  return page({ locale, path: `/partner/${m.o.id}`, title: name, body, nav: 'explorer' });
}

export interface MunicipalityModel {
  p: PlaceDetailOut;
  items: ActivityOut[];
  more: boolean;
  activities: number;
  byYear: TotalsOut;
  bySector: TotalsOut;
  map: string;
}

/** A municipality's money: the figures attributed to it, settlements included. */
export async function loadMunicipality(
  db: Database,
  locale: Locale,
  code: string,
  currency: PortalCurrency = 'EUR',
): Promise<MunicipalityModel> {
  const p = await getPlaceByCode(db, 'municipality', code);
  const ids = await selectionIds(db, { municipality: [p.id] });
  const filters = { municipality: [p.id] };
  const figures = pageFigures(db, { lang: locale, currency, filters });
  const byYear = await figures({ groupBy: 'year' });
  const bySector = await figures({ groupBy: 'sector' });
  const [list, activities] = await Promise.all([
    searchActivities(db, null, ActivityListQuery.parse({ municipality: p.id, limit: 200 })),
    countPublished(db, ids),
  ]);
  const map = await moneyMap(db, locale, {
    title: nameIn(locale, p.names),
    values: new Map([[p.id, byYear.total]]),
    currency: byYear.currency,
    activityIds: ids,
    testId: 'municipality-map',
  });
  return {
    p,
    items: list.items,
    more: list.next_cursor !== null,
    activities,
    byYear,
    bySector,
    map,
  };
}

export function municipalityPage(locale: Locale, m: MunicipalityModel): string {
  const name = nameIn(locale, m.p.names);
  const body = `<h1>${escapeHtml(name)}</h1>
${money(locale, m.byYear, m.activities, `/municipality/${m.p.code}`)}
<div class="grid2">
${yearChart(locale, { title: t(locale, 'chart.by_year'), head: t(locale, 'home.years'), rows: chartRows(locale, m.byYear) })}
${barChart(locale, { title: t(locale, 'chart.by_sector'), head: t(locale, 'explorer.sector'), rows: chartRows(locale, m.bySector) })}
</div>
${m.map}
<h2>${t(locale, 'muni.needs')}</h2>
<p>${t(locale, 'muni.needs_none')}</p>
<h2>${t(locale, 'muni.projects')}</h2>
${m.items.length ? `<ul class="cards">${m.items.map((a) => activityCard(a, locale)).join('\n')}</ul>` : `<p>${t(locale, 'search.none')}</p>`}
<p><a href="${href(locale, `/projects?municipality=${m.p.code}`)}">${t(locale, 'nav.explorer')} · ${escapeHtml(name)}</a></p>`;
  return page({ locale, path: `/municipality/${m.p.code}`, title: name, body });
}
