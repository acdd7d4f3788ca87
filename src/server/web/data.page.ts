import { activityDownloads, totalsDownloads } from './downloads.js';
import { t, type Locale } from './i18n.js';
import { href, page } from './layout.js';

/** Open data: every download, the API, the licence and the sources to credit. */
export function dataPage(locale: Locale): string {
  const body = `<h1>${t(locale, 'data.title')}</h1>
<p class="lead">${t(locale, 'data.intro')}</p>
<h2>${t(locale, 'data.downloads')}</h2>
<ul>
<li>${t(locale, 'data.all_activities')}: ${activityDownloads(locale, '')} · <a href="/api/v1/iati/organisations.xml">IATI organisations XML</a></li>
<li>${t(locale, 'data.totals')}: ${totalsDownloads(locale, '')}</li>
<li><a href="${href(locale, '/projects')}">${t(locale, 'nav.explorer')}</a>: ${t(locale, 'explorer.download')}</li>
<li><a href="${href(locale, '/report')}" data-testid="reports-link">${t(locale, 'report.link')}</a></li>
</ul>
<h2>${t(locale, 'data.api')}</h2>
<p>${t(locale, 'data.api_text')} <a href="/api/v1/docs">/api/v1/docs</a> · <a href="/api/v1/openapi.json">/api/v1/openapi.json</a></p>
<h2>${t(locale, 'data.licence')}</h2>
<p>${t(locale, 'data.licence_text')} <a href="https://opendatacommons.org/licenses/odbl/1-0/" rel="noopener">ODbL 1.0</a></p>
<h2>${t(locale, 'data.sources')}</h2>
<ul>
<li>${t(locale, 'data.src.rgz')} <a href="https://geosrbija.rs/usluge/otvoreni-podaci-nigp/" rel="noopener">geosrbija.rs</a></li>
<li>${t(locale, 'data.src.osm')} <a href="https://www.openstreetmap.org/copyright" rel="noopener">openstreetmap.org/copyright</a></li>
<li>${t(locale, 'data.src.ne')}</li>
<li>${t(locale, 'data.src.iati')}</li>
<li>${t(locale, 'report.font')}</li>
</ul>`;
  return page({ locale, path: '/data', title: t(locale, 'data.title'), body, nav: 'data' });
}

/** A page that is not there (an unknown or unpublished record), in the reader's language. */
export function notFoundPage(locale: Locale, path: string): string {
  const body = `<h1>404</h1><p>${t(locale, 'search.none')}</p><p><a href="${href(locale, '/search')}">${t(locale, 'nav.search')}</a> · <a href="${href(locale, '/')}">${t(locale, 'nav.home')}</a></p>`;
  return page({ locale, path: path.replace(/^\/[^/]+/, '') || '/', title: '404', body });
}
