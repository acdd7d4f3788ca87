import type { Database } from '../db/db.js';
import { escapeHtml } from '../http/html.js';
import { t, type Locale } from './i18n.js';
import { href, page } from './layout.js';
import { nameIn } from './portal.service.js';
import { placeHref, searchEverything, type SearchHits } from './portal.search.js';
import { activityCard } from './view.js';

export interface SearchModel {
  q: string;
  hits: SearchHits | null;
}

export async function loadSearch(db: Database, q: string): Promise<SearchModel> {
  const query = q.trim().slice(0, 200);
  return { q: query, hits: query ? await searchEverything(db, query, 50) : null };
}

export function searchForm(locale: Locale, q: string): string {
  return `<form class="search" role="search" method="get" action="${href(locale, '/search')}">
<div><label for="q">${t(locale, 'search.label')}</label>
<input id="q" name="q" type="search" value="${escapeHtml(q)}" autocomplete="off" data-suggest role="combobox" aria-autocomplete="list" aria-expanded="false" aria-controls="suggest" aria-describedby="q-hint">
<ul id="suggest" role="listbox" aria-label="${t(locale, 'search.label')}" hidden></ul></div>
<button type="submit">${t(locale, 'search.button')}</button>
<p id="q-hint" style="flex-basis:100%;margin:0"><small>${t(locale, 'search.hint')}</small></p>
</form>`;
}

export function searchPage(locale: Locale, m: SearchModel): string {
  const h = m.hits;
  const results = h
    ? `<h2 id="results-h">${escapeHtml(t(locale, 'search.results', { q: m.q }))}</h2>
${h.activities.length + h.organisations.length + h.places.length === 0 ? `<p>${t(locale, 'search.none')}</p>` : ''}
${h.activities.length ? `<h3>${t(locale, 'search.activities')}</h3><ul class="cards" data-testid="search-activities">${h.activities.map((a) => activityCard(a, locale)).join('\n')}</ul>` : ''}
${h.organisations.length ? `<h3>${t(locale, 'search.organisations')}</h3><ul data-testid="search-organisations">${h.organisations.map((o) => `<li><a href="${href(locale, `/partner/${o.id}`)}">${escapeHtml(nameIn(locale, o.names))}</a>${o.acronym ? ` (${escapeHtml(o.acronym)})` : ''}</li>`).join('')}</ul>` : ''}
${h.places.length ? `<h3>${t(locale, 'search.places')}</h3><ul data-testid="search-places">${h.places.map((p) => `<li><a href="${placeHref(locale, p)}">${escapeHtml(nameIn(locale, p.names))}</a></li>`).join('')}</ul>` : ''}`
    : '';
  const body = `<h1>${t(locale, 'search.title')}</h1>
${searchForm(locale, m.q)}
${results}`;
  return page({
    locale,
    path: '/search',
    query: m.q ? `q=${encodeURIComponent(m.q)}` : '',
    title: m.q ? `${t(locale, 'search.title')}: ${m.q}` : t(locale, 'search.title'),
    body,
    nav: 'search',
    scripts: ['search.js'],
  });
}
