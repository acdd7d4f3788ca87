import type { ActivityOut } from '../activities/activities.schemas.js';
import { getActivity } from '../activities/activities.service.js';
import type { Database } from '../db/db.js';
import { escapeHtml } from '../http/html.js';
import { officeSectors } from '../codelists/codelists.vocabularies.js';
import { formatDate, formatMoney, LOCALE_NAMES, t, type Locale, type MessageKey } from './i18n.js';
import { href, page } from './layout.js';
import { areas } from './portal.maps.js';
import { mapSvg, type MapArea, type MapPoint } from './map.js';
import {
  activityResults,
  activityTransactionSums,
  childActivities,
  placePoints,
  type ResultRow,
  type TransactionSumRow,
} from './portal.queries.js';
import { nameIn } from './portal.service.js';
import { activityPath, budget, orgName, plain, statusLabel, text, years } from './view.js';

export interface ActivityModel {
  a: ActivityOut;
  parent: { id: string; level: string; title: Record<string, string> } | null;
  children: { id: string; title: Record<string, string> }[];
  results: ResultRow[];
  money: TransactionSumRow[];
  map: string;
}

export async function loadActivity(
  db: Database,
  locale: Locale,
  id: string,
): Promise<ActivityModel> {
  const a = await getActivity(db, null, id);
  const parent = a.parent_id
    ? await getActivity(db, null, a.parent_id).then(
        (p) => ({ id: p.id, level: p.level, title: p.title }),
        () => null,
      )
    : null;
  const placeIds = a.locations.map((l) => l.place?.id).filter((x): x is string => !!x);
  const [children, results, money, points, areaRows] = await Promise.all([
    childActivities(db, a.id),
    activityResults(db, a.id),
    activityTransactionSums(db, a.id),
    placePoints(db, placeIds),
    areas(db),
  ]);
  const here = new Set(points.map((p) => p.municipality_id).filter(Boolean));
  const list: MapArea[] = areaRows.flatMap((r) =>
    r.geometry
      ? [
          {
            id: r.id,
            code: r.code,
            name: nameIn(locale, r.names),
            focus: r.focus,
            geometry: r.geometry,
            value: here.has(r.id) ? 1 : null,
            caption: nameIn(locale, r.names),
            href: href(locale, `/municipality/${r.code}`),
          },
        ]
      : [],
  );
  const pts: MapPoint[] = points
    .filter((p) => p.kind === 'settlement' || p.kind === 'municipality')
    .map((p) => ({
      id: p.id,
      name: nameIn(locale, p.names),
      lat: p.lat,
      lon: p.lon,
      count: 1,
      caption: nameIn(locale, p.names),
    }));
  // Points given as coordinates only (no gazetteer place) are shown too.
  a.locations.forEach((l, i) => {
    if (!l.place && l.lat !== null && l.lon !== null)
      pts.push({
        id: `pt${i}`,
        name: nameIn(locale, l.name),
        lat: l.lat,
        lon: l.lon,
        count: 1,
        caption: nameIn(locale, l.name) || `${l.lat}, ${l.lon}`,
      });
  });
  const map = mapSvg(locale, {
    title: t(locale, 'activity.places'),
    areas: list,
    points: pts,
    testId: 'activity-map',
    legend: false,
  });
  return { a, parent, children, results, money, map };
}

function languagesNote(locale: Locale, n: Record<string, string>): string {
  const langs = Object.keys(n).filter((k) => n[k]?.trim());
  if (!langs.length) return '';
  const names = langs.map((l) => (LOCALE_NAMES as Record<string, string>)[l] ?? l);
  return `<p><small>${escapeHtml(t(locale, 'activity.missing_title', { langs: names.join(', ') }))}</small></p>`;
}

function resultsTable(locale: Locale, rows: ResultRow[]): string {
  if (!rows.length) return `<p>${t(locale, 'activity.no_results')}</p>`;
  const val = (xs: { value?: string | null }[] | null) =>
    escapeHtml(
      (xs ?? [])
        .map((x) => x.value ?? '')
        .filter(Boolean)
        .join(', '),
    );
  return `<table><thead><tr><th scope="col">${t(locale, 'activity.results')}</th><th scope="col">${t(locale, 'activity.dates')}</th><th scope="col">${t(locale, 'activity.target')}</th><th scope="col">${t(locale, 'activity.actual')}</th></tr></thead><tbody>${rows
    .map(
      (r) =>
        `<tr><td>${escapeHtml(plain(locale, r.result_title))}<br><small>${escapeHtml(plain(locale, r.indicator_title))}</small></td><td>${r.period_start ? escapeHtml(`${formatDate(locale, r.period_start)} – ${r.period_end ? formatDate(locale, r.period_end) : ''}`) : ''}</td><td class="num">${val(r.targets)}</td><td class="num">${val(r.actuals)}</td></tr>`,
    )
    .join('')}</tbody></table>`;
}

function sectorName(locale: Locale, s: { vocabulary: string; code: string }): string {
  if (s.vocabulary === '99') {
    const o = officeSectors().items.find((x) => x.code === s.code);
    if (o) return nameIn(locale, o.name);
  }
  return `DAC ${s.code}`;
}

export function activityPage(locale: Locale, m: ActivityModel): string {
  const a = m.a;
  const title = plain(locale, a.title);
  const partners = a.participants.length
    ? `<table><tbody>${a.participants
        .map(
          (p) =>
            `<tr><th scope="row">${t(locale, `role.${p.role}` as MessageKey)}</th><td><a href="${href(locale, `/partner/${p.organisation.id}`)}">${escapeHtml(orgName(locale, p.organisation))}</a></td></tr>`,
        )
        .join('')}</tbody></table>`
    : `<p><em>${t(locale, 'home.unknown')}</em></p>`;
  const money = m.money
    .map(
      (r) =>
        `<dt>${t(locale, r.type === '2' ? 'measure.commitment' : 'measure.disbursement')}</dt><dd>${escapeHtml(formatMoney(locale, r.value, r.currency))}</dd>`,
    )
    .join('');
  const docs = a.document_links.length
    ? `<ul>${a.document_links
        .map(
          (d) =>
            `<li><a href="${escapeHtml(d.url)}" rel="noopener">${escapeHtml(plain(locale, d.title) || d.url)}</a>${d.note ? `<br><small>${escapeHtml(d.note)}</small>` : ''}</li>`,
        )
        .join('')}</ul>`
    : `<p>${t(locale, 'common.none')}</p>`;
  const places = a.locations.length
    ? `<p>${a.locations
        .map((l) =>
          l.place
            ? `<a href="${l.place.kind === 'municipality' ? href(locale, `/municipality/${l.place.code}`) : href(locale, `/projects?settlement=${l.place.id}`)}">${escapeHtml(nameIn(locale, l.place.names))}</a>`
            : escapeHtml(nameIn(locale, l.name)),
        )
        .join(', ')}</p>`
    : `<p>${t(locale, 'activity.no_places')}</p>`;
  const body = `<p class="no-print"><a href="${href(locale, '/projects')}">${t(locale, 'nav.explorer')}</a>${m.parent ? ` › <a href="${href(locale, activityPath(m.parent))}">${escapeHtml(plain(locale, m.parent.title))}</a>` : ''}</p>
<h1>${text(locale, a.title)}</h1>
<p class="lead">${t(locale, `activity.level.${a.level}`)}${a.level === 'programme' ? ` · <a href="${href(locale, activityPath(a))}" data-testid="programme-page">${t(locale, 'programme.projects')}</a>` : ''}${a.illustrative ? ` <small class="tag">${t(locale, 'home.illustrative')}</small>` : ''}</p>
${languagesNote(locale, a.title)}
<dl class="facts">
<dt>${t(locale, 'activity.status')}</dt><dd>${escapeHtml(statusLabel(locale, a.status))}</dd>
<dt>${t(locale, 'home.years')}</dt><dd>${years(a, locale)}</dd>
${a.iati_identifier ? `<dt>${t(locale, 'activity.identifier')}</dt><dd>${escapeHtml(a.iati_identifier)}</dd>` : ''}
<dt>${t(locale, 'activity.sectors')}</dt><dd>${a.sectors.length ? escapeHtml([...new Set(a.sectors.map((s) => sectorName(locale, s)))].join(', ')) : t(locale, 'common.none')}</dd>
${m.parent ? `<dt>${t(locale, 'activity.above')}</dt><dd><a href="${href(locale, activityPath(m.parent))}" data-testid="activity-above">${escapeHtml(plain(locale, m.parent.title))}</a></dd>` : ''}
</dl>
<h2>${t(locale, 'activity.description')}</h2>
<div data-testid="description">${Object.keys(a.description).length ? text(locale, a.description, true) : `<p>${t(locale, 'common.none')}</p>`}</div>
<h2>${t(locale, 'activity.partners')}</h2>
${partners}
<h2>${t(locale, 'activity.money')}</h2>
<dl class="facts"><dt>${t(locale, 'home.budget')}</dt><dd data-testid="activity-budget">${budget(a, locale)}</dd>${money}</dl>
<p><small>${t(locale, 'activity.rate_note')}</small></p>
<h2>${t(locale, 'activity.places')}</h2>
${places}
${m.map}
<h2>${t(locale, 'activity.results')}</h2>
${resultsTable(locale, m.results)}
<h2>${t(locale, 'activity.documents')}</h2>
${docs}
${m.children.length ? `<h2>${t(locale, 'activity.below')}</h2><ul data-testid="activity-below">${m.children.map((c) => `<li><a href="${href(locale, `/project/${c.id}`)}">${escapeHtml(plain(locale, c.title))}</a></li>`).join('')}</ul>` : ''}
<p class="no-print"><a href="/api/v1/activities/${a.id}">JSON</a> · <a href="/api/v1/iati/activities.xml?programme=${a.id}">IATI XML</a></p>`;
  return page({
    locale,
    path: `/project/${a.id}`,
    title,
    body,
    nav: 'explorer',
    description: plain(locale, a.description).slice(0, 200) || undefined,
  });
}
