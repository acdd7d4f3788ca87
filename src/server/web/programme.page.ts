import { ActivityListQuery, type ActivityOut } from '../activities/activities.schemas.js';
import { getActivity, searchActivities } from '../activities/activities.service.js';
import type { Database } from '../db/db.js';
import { escapeHtml } from '../http/html.js';
import type { TotalsOut } from '../stats/totals.schemas.js';
import { barChart, yearChart } from './charts.js';
import { chartRows, conversionNote, currencyChoice, municipalityValues } from './home.page.js';
import { formatMoney, formatNumber, t, type Locale, type MessageKey } from './i18n.js';
import { href, page } from './layout.js';
import { moneyMap } from './portal.maps.js';
import { countPublished } from './portal.queries.js';
import { nameIn, pageFigures, selectionIds, type PortalCurrency } from './portal.service.js';
import { activityCard, orgName, plain, statusLabel, text, years } from './view.js';

/** A programme's page: its money with its projects', the projects below, partners, map. */

export interface ProgrammeModel {
  a: ActivityOut;
  items: ActivityOut[];
  more: boolean;
  activities: number;
  byYear: TotalsOut;
  bySector: TotalsOut;
  map: string;
}

export async function loadProgramme(
  db: Database,
  locale: Locale,
  id: string,
  currency: PortalCurrency = 'EUR',
): Promise<ProgrammeModel> {
  const a = await getActivity(db, null, id);
  const filters = { programme: [a.id] };
  const page = pageFigures(db, { lang: locale, currency, filters });
  const figures = (groupBy: 'year' | 'sector' | 'municipality') => page({ groupBy });
  const byYear = await figures('year');
  const bySector = await figures('sector');
  const byMunicipality = await figures('municipality');
  const below = (await selectionIds(db, { programme: [a.id] })) ?? [];
  const ids = [a.id, ...below.filter((x) => x !== a.id)];
  const [list, activities] = await Promise.all([
    searchActivities(db, null, ActivityListQuery.parse({ programme: a.id, limit: 200 })),
    countPublished(db, ids),
  ]);
  const map = await moneyMap(db, locale, {
    title: plain(locale, a.title),
    values: municipalityValues(byMunicipality),
    currency: byMunicipality.currency,
    activityIds: ids,
    testId: 'programme-map',
  });
  const items = list.items.filter((x) => x.id !== a.id);
  return { a, items, more: list.next_cursor !== null, activities, byYear, bySector, map };
}

/** Each organisation once, with every role it has in the programme or a project below. */
function partners(locale: Locale, m: ProgrammeModel): string {
  const byOrg = new Map<string, { name: string; roles: Set<string> }>();
  for (const act of [m.a, ...m.items])
    for (const p of act.participants) {
      const entry = byOrg.get(p.organisation.id) ?? {
        name: orgName(locale, p.organisation),
        roles: new Set<string>(),
      };
      entry.roles.add(p.role);
      byOrg.set(p.organisation.id, entry);
    }
  if (!byOrg.size) return `<p><em>${t(locale, 'home.unknown')}</em></p>`;
  const rows = [...byOrg.entries()]
    .sort((x, y) => x[1].name.localeCompare(y[1].name))
    .map(
      ([id, e]) =>
        `<li><a href="${href(locale, `/partner/${id}`)}">${escapeHtml(e.name)}</a> <small>(${[...e.roles].map((r) => t(locale, `role.${r}` as MessageKey)).join(', ')})</small></li>`,
    );
  return `<ul data-testid="programme-partners">${rows.join('')}</ul>`;
}

export function programmePage(locale: Locale, m: ProgrammeModel): string {
  const a = m.a;
  const path = `/programme/${a.id}`;
  const totals = m.byYear;
  const body = `<p class="no-print"><a href="${href(locale, '/')}">${t(locale, 'home.programmes')}</a></p>
<h1>${text(locale, a.title)}</h1>
<p class="lead">${t(locale, `activity.level.${a.level}`)} · ${years(a, locale)} · ${escapeHtml(statusLabel(locale, a.status))}</p>
<dl class="figures"><div class="figure"><dt>${t(locale, 'measure.budget')}</dt><dd data-testid="page-total" data-value="${totals.total}" data-currency="${totals.currency}">${escapeHtml(formatMoney(locale, totals.total, totals.currency))}</dd></div><div class="figure"><dt>${t(locale, 'home.activities')}</dt><dd data-testid="programme-count" data-value="${m.activities}">${formatNumber(locale, m.activities)}</dd></div></dl>
${currencyChoice(locale, path, totals.currency)}
${conversionNote(locale, totals)}
<div class="grid2">
${yearChart(locale, { title: t(locale, 'chart.by_year'), head: t(locale, 'home.years'), rows: chartRows(locale, m.byYear), testId: 'programme-chart-year' })}
${barChart(locale, { title: t(locale, 'chart.by_sector'), head: t(locale, 'explorer.sector'), rows: chartRows(locale, m.bySector) })}
</div>
${m.map}
<h2>${t(locale, 'programme.partners')}</h2>
${partners(locale, m)}
<h2>${t(locale, 'programme.projects')}</h2>
${m.items.length ? `<ul class="cards" data-testid="programme-projects">${m.items.map((x) => activityCard(x, locale)).join('\n')}</ul>` : `<p data-testid="programme-projects">${t(locale, 'search.none')}</p>`}
<p><a href="${href(locale, `/projects?programme=${a.id}`)}">${t(locale, 'nav.explorer')} · ${escapeHtml(nameIn(locale, a.title))}</a>${m.more ? ` (${t(locale, 'common.more')})` : ''}</p>
<p><a href="${href(locale, `/project/${a.id}`)}" data-testid="programme-record">${t(locale, 'programme.record')}</a></p>`;
  return page({ locale, path, title: plain(locale, a.title), body, nav: 'home' });
}
