import { ActivityListQuery, type ActivityOut } from '../activities/activities.schemas.js';
import { searchActivities } from '../activities/activities.service.js';
import type { Database } from '../db/db.js';
import { escapeHtml } from '../http/html.js';
import { getOrganisation } from '../organisations/organisations.service.js';
import type { OrganisationOut } from '../organisations/organisations.schemas.js';
import { getPlaceByCode } from '../places/places.service.js';
import type { PlaceDetailOut } from '../places/places.schemas.js';
import { barChart, yearChart } from './charts.js';
import { chartRows } from './home.page.js';
import { formatMoney, formatNumber, t, type Locale } from './i18n.js';
import { href, page } from './layout.js';
import { moneyMap } from './portal.maps.js';
import {
  nameIn,
  portalTotals,
  PortalTotalsQuery,
  selectionIds,
  type PortalTotalsOut,
} from './portal.service.js';
import { activityCard } from './view.js';

/** Pages of one partner and of one municipality: their projects and their money. */

export interface PartnerModel {
  o: OrganisationOut;
  items: ActivityOut[];
  more: boolean;
  byYear: PortalTotalsOut;
}

export async function loadPartner(db: Database, locale: Locale, id: string): Promise<PartnerModel> {
  const o = await getOrganisation(db, null, id);
  const [list, byYear] = await Promise.all([
    searchActivities(db, null, ActivityListQuery.parse({ organisation: id, limit: 200 })),
    portalTotals(db, PortalTotalsQuery.parse({ organisation: id, group_by: 'year', lang: locale })),
  ]);
  return { o, items: list.items, more: list.next_cursor !== null, byYear };
}

function money(locale: Locale, totals: PortalTotalsOut): string {
  return `<dl class="figures"><div class="figure"><dt>${t(locale, 'measure.budget')}</dt><dd data-testid="page-total" data-value="${totals.total}">${escapeHtml(formatMoney(locale, totals.total, totals.currency))}</dd></div><div class="figure"><dt>${t(locale, 'home.activities')}</dt><dd>${formatNumber(locale, totals.activities)}</dd></div></dl>${
    totals.other_currencies.length
      ? `<p>${t(locale, 'home.other_currencies')}: ${totals.other_currencies.map((c) => escapeHtml(formatMoney(locale, c.total, c.currency))).join(', ')}</p>`
      : ''
  }`;
}

export function partnerPage(locale: Locale, m: PartnerModel): string {
  const name = nameIn(locale, m.o.names);
  const body = `<h1>${escapeHtml(name)}${m.o.acronym ? ` (${escapeHtml(m.o.acronym)})` : ''}</h1>
${m.o.website ? `<p>${t(locale, 'org.website')}: <a href="${escapeHtml(m.o.website)}" rel="noopener">${escapeHtml(m.o.website)}</a></p>` : ''}
${money(locale, m.byYear)}
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
  byYear: PortalTotalsOut;
  bySector: PortalTotalsOut;
  map: string;
}

export async function loadMunicipality(
  db: Database,
  locale: Locale,
  code: string,
): Promise<MunicipalityModel> {
  const p = await getPlaceByCode(db, 'municipality', code);
  const ids = await selectionIds(db, { municipality: [p.id] });
  const totals = (group: 'year' | 'sector' | 'municipality') =>
    portalTotals(db, PortalTotalsQuery.parse({ group_by: group, lang: locale }), ids);
  const [list, byYear, bySector, byMunicipality] = await Promise.all([
    searchActivities(db, null, ActivityListQuery.parse({ municipality: p.id, limit: 200 })),
    totals('year'),
    totals('sector'),
    totals('municipality'),
  ]);
  const own = byMunicipality.rows.find((r) => r.municipality === p.id)?.value ?? '0';
  const map = await moneyMap(db, locale, {
    title: nameIn(locale, p.names),
    values: new Map([[p.id, own]]),
    currency: byMunicipality.currency,
    activityIds: ids,
    testId: 'municipality-map',
  });
  return { p, items: list.items, more: list.next_cursor !== null, byYear, bySector, map };
}

export function municipalityPage(locale: Locale, m: MunicipalityModel): string {
  const name = nameIn(locale, m.p.names);
  const body = `<h1>${escapeHtml(name)}</h1>
${money(locale, m.byYear)}
<p><small>${escapeHtml(t(locale, 'home.figures_note', { currency: m.byYear.currency }))}</small></p>
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
