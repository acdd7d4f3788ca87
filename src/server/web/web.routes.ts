import { Hono } from 'hono';
import type { Database } from '../db/db.js';
import { NotFoundError } from '../errors.js';
import type { AppContext, AppEnv } from '../http/context.js';
import { activityPage, loadActivity } from './activity.page.js';
import { assetAt } from './assets.js';
import { dataPage, notFoundPage } from './data.page.js';
import { explorerPage, explorerResults, loadExplorer } from './explorer.page.js';
import { homePage, loadHome } from './home.page.js';
import { localeOfSegment, negotiateLocale, type Locale } from './i18n.js';
import { href } from './layout.js';
import { PageCache } from './page-cache.js';
import { portalCurrency } from './portal.service.js';
import { loadMunicipality, loadPartner, municipalityPage, partnerPage } from './places.page.js';
import { loadProgramme, programmePage } from './programme.page.js';
import { loadReports, reportsPage } from './report.page.js';
import { reportPdf } from './report.pdf.js';
import { loadReport, ReportYear } from './report.service.js';
import { loadSearch, searchPage } from './search.page.js';

/** Seconds a rendered public page is reused (PORTAL_CACHE_SECONDS; 0 turns it off). */
const ttlSeconds = Number(process.env.PORTAL_CACHE_SECONDS ?? '5');
const TTL_MS = Number.isFinite(ttlSeconds) && ttlSeconds >= 0 ? ttlSeconds * 1000 : 5000;
const caches = new WeakMap<Database, PageCache>();

function cacheOf(db: Database): PageCache {
  let c = caches.get(db);
  if (!c) {
    c = new PageCache(TTL_MS);
    caches.set(db, c);
  }
  return c;
}

/**
 * Every page shows what anonymous callers may see, whoever asks, so one rendering serves all
 * readers of an address for a few seconds.
 */
async function cached(c: AppContext, render: () => Promise<string>) {
  try {
    const body = TTL_MS > 0 ? await cacheOf(c.var.db).get(c.req.url, render) : await render();
    c.header('Cache-Control', 'public, max-age=0, must-revalidate');
    return c.html(body);
  } catch (e) {
    if (!(e instanceof NotFoundError)) throw e;
    const locale = localeOf(c);
    return c.html(notFoundPage(locale, c.req.path), 404);
  }
}

function localeOf(c: AppContext): Locale {
  return localeOfSegment(c.req.param('lang') ?? '') ?? 'en';
}

/** The query string as the parsers take it, empty form fields left out. */
function queryOf(c: AppContext): Record<string, string | string[]> {
  const raw: Record<string, string | string[]> = {};
  for (const [k, vs] of Object.entries(c.req.queries())) {
    const kept = vs.filter((v) => v.trim() !== '');
    if (kept.length && k !== 'fragment') raw[k] = kept.length === 1 ? (kept[0] ?? '') : kept;
  }
  return raw;
}

const L = '/:lang{(?:sq|sr|sr-Cyrl|en)}';
const UUID = '[0-9a-fA-F-]{36}';

/** Public pages; the language is in the URL (/sq/, /sr/ for Serbian Latin, /sr-Cyrl/, /en/). */
export const webRoutes = new Hono<AppEnv>()
  // The handler's own time, for readers' tools and the load test (docs/benchmarks-portal.md).
  .use('*', async (c, next) => {
    const started = performance.now();
    await next();
    c.res.headers.append('Server-Timing', `app;dur=${(performance.now() - started).toFixed(2)}`);
  })
  .get('/', (c) => c.redirect(href(negotiateLocale(c.req.header('accept-language')), '/'), 302))
  // /sr/ is the address of Serbian in Latin script; the longer tag keeps working, permanently moved.
  .get('/sr-Latn', (c) => c.redirect('/sr/', 301))
  .get('/sr-Latn/*', (c) => {
    const url = new URL(c.req.url);
    return c.redirect(`/sr${url.pathname.slice('/sr-Latn'.length)}${url.search}`, 301);
  })
  .get('/assets/:file', (c) => {
    const asset = assetAt(c.req.path);
    if (!asset) return c.notFound();
    c.header('Content-Type', asset.type);
    c.header('Cache-Control', 'public, max-age=31536000, immutable');
    c.header('ETag', asset.etag);
    return c.body(asset.body);
  })
  .get(L, (c) => {
    const locale = localeOf(c);
    const currency = portalCurrency(c.req.query('currency'));
    return cached(c, async () => homePage(locale, await loadHome(c.var.db, locale, currency)));
  })
  .get(`${L}/projects`, (c) => {
    const locale = localeOf(c);
    const fragment = c.req.query('fragment') !== undefined;
    return cached(c, async () => {
      const m = await loadExplorer(c.var.db, locale, queryOf(c));
      return fragment ? explorerResults(locale, m) : explorerPage(locale, m);
    });
  })
  .get(`${L}/project/:id{${UUID}}`, (c) => {
    const locale = localeOf(c);
    return cached(c, async () =>
      activityPage(locale, await loadActivity(c.var.db, locale, c.req.param('id'))),
    );
  })
  .get(`${L}/programme/:id{${UUID}}`, (c) => {
    const locale = localeOf(c);
    return cached(c, async () =>
      programmePage(
        locale,
        await loadProgramme(
          c.var.db,
          locale,
          c.req.param('id'),
          portalCurrency(c.req.query('currency')),
        ),
      ),
    );
  })
  .get(`${L}/partner/:id{${UUID}}`, (c) => {
    const locale = localeOf(c);
    return cached(c, async () =>
      partnerPage(
        locale,
        await loadPartner(
          c.var.db,
          locale,
          c.req.param('id'),
          portalCurrency(c.req.query('currency')),
        ),
      ),
    );
  })
  .get(`${L}/municipality/:code{[0-9]{5}}`, (c) => {
    const locale = localeOf(c);
    return cached(c, async () =>
      municipalityPage(
        locale,
        await loadMunicipality(
          c.var.db,
          locale,
          c.req.param('code'),
          portalCurrency(c.req.query('currency')),
        ),
      ),
    );
  })
  .get(`${L}/search`, (c) => {
    const locale = localeOf(c);
    return cached(c, async () =>
      searchPage(locale, await loadSearch(c.var.db, c.req.query('q') ?? '')),
    );
  })
  .get(`${L}/report`, (c) => {
    const locale = localeOf(c);
    const currency = portalCurrency(c.req.query('currency'));
    return cached(c, async () =>
      reportsPage(locale, await loadReports(c.var.db, locale, currency)),
    );
  })
  .get(`${L}/report/:file{[0-9]{4}\\.pdf}`, async (c) => {
    const locale = localeOf(c);
    const year = ReportYear.safeParse(c.req.param('file').slice(0, 4));
    if (!year.success) return c.html(notFoundPage(locale, c.req.path), 404);
    const currency = portalCurrency(c.req.query('currency'));
    const pdf = await reportPdf(await loadReport(c.var.db, locale, year.data, currency));
    c.header('Content-Type', 'application/pdf');
    c.header('Content-Disposition', `inline; filename="koordinata-${year.data}-${locale}.pdf"`);
    c.header('Cache-Control', 'public, max-age=0, must-revalidate');
    return c.body(new Uint8Array(pdf));
  })
  .get(`${L}/data`, (c) => cached(c, () => Promise.resolve(dataPage(localeOf(c)))));
