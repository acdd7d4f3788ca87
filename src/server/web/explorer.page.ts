import { z } from 'zod';
import { ROLES, type ActivityOut } from '../activities/activities.schemas.js';
import { searchActivities } from '../activities/activities.service.js';
import { officeSectors } from '../codelists/codelists.vocabularies.js';
import type { Database } from '../db/db.js';
import { escapeHtml } from '../http/html.js';
import { barChart, yearChart } from './charts.js';
import { activityDownloads, totalsDownloads } from './downloads.js';
import { chartRows, conversionNote, municipalityValues } from './home.page.js';
import { formatMoney, formatNumber, INTL_TAGS, t, type Locale, type MessageKey } from './i18n.js';
import { href, page } from './layout.js';
import { moneyMap } from './portal.maps.js';
import type { TotalsOut } from '../stats/totals.schemas.js';
import type { TotalsFilters } from '../stats/totals.service.js';
import {
  countPublished,
  focusPlaces,
  partnerOptions,
  programmeOptions,
  type OrgOption,
  type PlaceOption,
  type ProgrammeOption,
} from './portal.queries.js';
import {
  nameIn,
  portalCurrency,
  portalFigures,
  SelectionQuery,
  selectionIds,
  totalsFiltersOf,
} from './portal.service.js';
import { activityCard } from './view.js';

/** The explorer's address: the selection's filters, a settlement, the currency, the list's page. */
export const ExplorerQuery = SelectionQuery.extend({
  settlement: z.string().min(1).optional(),
  currency: z.enum(['EUR', 'USD', 'RSD']).optional(),
  cursor: z.string().optional(),
});
export type ExplorerQuery = z.output<typeof ExplorerQuery>;

/**
 * Reads the explorer's address leniently: a filter that does not parse (a mistyped year) is
 * dropped rather than failing the page, and named in a note.
 */
export function parseExplorerQuery(raw: Record<string, string | string[]>): {
  q: ExplorerQuery;
  dropped: string[];
} {
  const first = ExplorerQuery.safeParse(raw);
  if (first.success) return { q: first.data, dropped: [] };
  const bad = new Set(first.error.issues.map((i) => String(i.path[0])));
  const kept = Object.fromEntries(Object.entries(raw).filter(([k]) => !bad.has(k)));
  return { q: ExplorerQuery.parse(kept), dropped: [...bad] };
}

/** The selection a view stands for: a settlement narrows its municipality. */
export function selectionOf(q: ExplorerQuery): SelectionQuery {
  const { settlement, cursor: _cursor, currency: _currency, ...rest } = q;
  return settlement ? { ...rest, municipality: [settlement] } : rest;
}

/** The selection as query parameters the API's lists and downloads take. */
export function selectionParams(s: SelectionQuery | TotalsFilters): URLSearchParams {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries<unknown>(s)) {
    if (v === undefined || v === '') continue;
    if (Array.isArray(v)) {
      if (v.length) p.set(k, v.join(','));
    } else if (typeof v === 'string' || typeof v === 'number') p.set(k, String(v));
  }
  return p;
}

/** The explorer's own address for a query (what the form would submit). */
function viewParams(q: ExplorerQuery): URLSearchParams {
  const { cursor: _cursor, ...rest } = q;
  return selectionParams(rest);
}

export interface ExplorerModel {
  q: ExplorerQuery;
  dropped: string[];
  items: ActivityOut[];
  nextCursor: string | null;
  activities: number;
  filters: TotalsFilters;
  byYear: TotalsOut;
  bySector: TotalsOut;
  map: string;
  places: PlaceOption[];
  partners: OrgOption[];
  programmes: ProgrammeOption[];
}

export async function loadExplorer(
  db: Database,
  locale: Locale,
  raw: Record<string, string | string[]>,
): Promise<ExplorerModel> {
  const { q, dropped } = parseExplorerQuery(raw);
  const selection = selectionOf(q);
  const ids = await selectionIds(db, selection);
  const { settlement, cursor: _cursor, currency: _currency, ...rest } = q;
  const filters = totalsFiltersOf({ ...rest, settlement: settlement ? [settlement] : undefined });
  const totals = (groupBy: 'year' | 'sector' | 'municipality') =>
    portalFigures(db, { lang: locale, currency: portalCurrency(q.currency), groupBy, filters });
  const byYear = await totals('year');
  const bySector = await totals('sector');
  const byMunicipality = await totals('municipality');
  const [list, activities, places, partners, programmes] = await Promise.all([
    searchActivities(db, null, { ...selection, limit: 50, cursor: q.cursor }),
    countPublished(db, ids),
    focusPlaces(db),
    partnerOptions(db),
    programmeOptions(db),
  ]);
  const values = municipalityValues(byMunicipality);
  const map = await moneyMap(db, locale, {
    title: t(locale, 'chart.by_municipality'),
    values,
    currency: byMunicipality.currency,
    activityIds: ids,
    testId: 'explorer-map',
  });
  return {
    q,
    dropped,
    items: list.items,
    nextCursor: list.next_cursor,
    activities,
    filters,
    byYear,
    bySector,
    map,
    places,
    partners,
    programmes,
  };
}

function select(
  name: string,
  label: string,
  options: { value: string; label: string; group?: string }[],
  chosen: readonly string[],
  anyLabel: string,
): string {
  const opt = (o: { value: string; label: string }) =>
    `<option value="${escapeHtml(o.value)}"${chosen.includes(o.value) ? ' selected' : ''}>${escapeHtml(o.label)}</option>`;
  const groups = new Map<string, { value: string; label: string }[]>();
  for (const o of options) {
    const g = o.group ?? '';
    groups.set(g, [...(groups.get(g) ?? []), o]);
  }
  const body = [...groups]
    .map(([g, os]) =>
      g
        ? `<optgroup label="${escapeHtml(g)}">${os.map(opt).join('')}</optgroup>`
        : os.map(opt).join(''),
    )
    .join('');
  return `<div><label for="f-${name}">${escapeHtml(label)}</label><select id="f-${name}" name="${name}"><option value="">${escapeHtml(anyLabel)}</option>${body}</select></div>`;
}

function byName(locale: Locale) {
  const collator = new Intl.Collator(INTL_TAGS[locale]);
  return (a: { label: string }, b: { label: string }) => collator.compare(a.label, b.label);
}

function filterForm(locale: Locale, m: ExplorerModel): string {
  const q = m.q;
  const any = t(locale, 'explorer.any');
  const sort = byName(locale);
  const munis = m.places.filter((p) => p.kind === 'municipality');
  const muniName = new Map(munis.map((p) => [p.id, nameIn(locale, p.names)]));
  const muniOptions = munis
    .map((p) => ({ value: p.code, label: nameIn(locale, p.names) }))
    .sort(sort);
  const settlementOptions = m.places
    .filter((p) => p.kind === 'settlement')
    .map((p) => ({
      value: p.id,
      label: nameIn(locale, p.names),
      group: muniName.get(p.parent_id ?? '') ?? '',
    }))
    .sort((a, b) => sort({ label: a.group + a.label }, { label: b.group + b.label }));
  const sectors = officeSectors()
    .items.map((s) => ({ value: s.code, label: nameIn(locale, s.name) }))
    .sort(sort);
  const partners = m.partners
    .map((o) => ({ value: o.id, label: nameIn(locale, o.names, o.acronym) }))
    .sort(sort);
  const roles = ROLES.map((r) => ({ value: r, label: t(locale, `role.${r}` as MessageKey) }));
  const programmes = m.programmes.map((p) => ({ value: p.id, label: nameIn(locale, p.title) }));
  const statuses = ['1', '2', '3', '4', '5', '6'].map((s) => ({
    value: s,
    label: t(locale, `status.${s}` as MessageKey),
  }));
  const year = (name: 'year_from' | 'year_to') =>
    `<div><label for="f-${name}">${t(locale, `explorer.${name}`)}</label><input id="f-${name}" name="${name}" type="number" inputmode="numeric" min="1990" max="2100" value="${q[name] ?? ''}"></div>`;
  return `<form class="filters" method="get" action="${href(locale, '/projects')}" aria-label="${t(locale, 'explorer.filters')}">
<div><label for="f-q">${t(locale, 'explorer.q')}</label><input id="f-q" name="q" type="search" value="${escapeHtml(q.q ?? '')}"></div>
${select('municipality', t(locale, 'explorer.municipality'), muniOptions, q.settlement ? [] : (q.municipality ?? []), any)}
${select('settlement', t(locale, 'explorer.settlement'), settlementOptions, q.settlement ? [q.settlement] : [], any)}
${select('sector', t(locale, 'explorer.sector'), sectors, q.sector ?? [], any)}
${select('organisation', t(locale, 'explorer.partner'), partners, q.organisation ?? [], any)}
${select('role', t(locale, 'explorer.role'), roles, q.role ?? [], any)}
${select('programme', t(locale, 'explorer.programme'), programmes, q.programme ?? [], any)}
${select('status', t(locale, 'explorer.status'), statuses, q.status ?? [], any)}
${year('year_from')}${year('year_to')}${q.currency ? `<input type="hidden" name="currency" value="${q.currency}">` : ''}
<div class="actions"><button type="submit">${t(locale, 'explorer.apply')}</button><a href="${href(locale, '/projects')}">${t(locale, 'explorer.reset')}</a></div>
</form>`;
}

/** The part of the page the filters change: figures, downloads, charts, map and list. */
export function explorerResults(locale: Locale, m: ExplorerModel): string {
  const sel = selectionParams(selectionOf(m.q)).toString();
  const totalsSel = selectionParams(m.filters).toString();
  const count = m.activities;
  const next = m.nextCursor
    ? (() => {
        const p = viewParams(m.q);
        p.set('cursor', m.nextCursor);
        return `<p><a href="${href(locale, `/projects?${p.toString()}`)}" rel="next">${t(locale, 'explorer.next')}</a></p>`;
      })()
    : '';
  return `<p data-testid="explorer-count" data-count="${count}" data-total="${m.byYear.total}" data-currency="${m.byYear.currency}"><strong>${escapeHtml(t(locale, 'explorer.count', { count: formatNumber(locale, count) }))}</strong> · ${t(locale, 'measure.budget')}: ${escapeHtml(formatMoney(locale, m.byYear.total, m.byYear.currency))}${m.items.length < count ? ` · ${escapeHtml(t(locale, 'explorer.count_more', { count: m.items.length }))}` : ''}</p>
<p class="downloads no-print">${t(locale, 'explorer.download')}: ${activityDownloads(locale, sel)}</p>
<p class="downloads no-print">${t(locale, 'data.totals')}: ${totalsDownloads(locale, totalsSel ? `currency=${m.byYear.currency}&${totalsSel}` : `currency=${m.byYear.currency}`)}</p>
${conversionNote(locale, m.byYear)}
<div class="grid2">
${yearChart(locale, { title: t(locale, 'chart.by_year'), head: t(locale, 'home.years'), rows: chartRows(locale, m.byYear), testId: 'explorer-chart-year' })}
${barChart(locale, { title: t(locale, 'chart.by_sector'), head: t(locale, 'explorer.sector'), rows: chartRows(locale, m.bySector), testId: 'explorer-chart-sector' })}
</div>
${m.map}
<h2>${t(locale, 'explorer.list')}</h2>
${m.items.length ? `<ul class="cards" data-testid="explorer-list">${m.items.map((a) => activityCard(a, locale)).join('\n')}</ul>` : `<p data-testid="explorer-list">${t(locale, 'search.none')}</p>`}
${next}`;
}

export function explorerPage(locale: Locale, m: ExplorerModel): string {
  const note = m.dropped.length
    ? `<p class="note" role="status">${escapeHtml(m.dropped.join(', '))}: ?</p>`
    : '';
  const body = `<h1>${t(locale, 'explorer.title')}</h1>
<p class="lead">${t(locale, 'explorer.share')}</p>
${filterForm(locale, m)}
${note}
<section id="results" aria-live="polite">
${explorerResults(locale, m)}
</section>`;
  return page({
    locale,
    path: '/projects',
    query: viewParams(m.q).toString(),
    title: t(locale, 'explorer.title'),
    body,
    nav: 'explorer',
    scripts: ['explorer.js'],
  });
}
