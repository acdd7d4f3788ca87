import { escapeHtml } from '../http/html.js';
import { LOCALE_NAMES, LOCALE_SEGMENTS, LOCALES, t, type Locale } from './i18n.js';
import { assetUrl } from './assets.js';

/**
 * The frame of every portal page: language in the URL with hreflang alternates and a switcher
 * that keeps the reader on the same page, a skip link, the menu, and the sources to credit.
 * The style sheet is inline (one request for the whole page on a slow phone).
 */

const CSS = `
*{box-sizing:border-box}
body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;margin:0;color:#1b1b1b;background:#fafafa}
a{color:#0b4f8a}a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,summary:focus-visible{outline:3px solid #c45a00;outline-offset:2px}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:#fff;padding:.5rem;z-index:9}
header.site,main,footer.site{max-width:66rem;margin:0 auto;padding:.75rem 1rem}
header.site{border-bottom:3px solid #0b4f8a;display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;align-items:baseline;justify-content:space-between}
header.site .brand{font-weight:700;font-size:1.3rem;text-decoration:none;color:#0b4f8a}
nav ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.25rem 1rem}
nav [aria-current]{font-weight:700;color:#1b1b1b}
.langs{font-size:.9rem}
h1{font-size:1.6rem;line-height:1.25;margin:.6rem 0}h2{font-size:1.25rem;margin:1.4rem 0 .5rem}
.lead{color:#444;margin-top:0}
.figures{display:grid;grid-template-columns:repeat(auto-fit,minmax(12rem,1fr));gap:.75rem;margin:.5rem 0}
.figure{background:#fff;border:1px solid #d8dde3;border-radius:.5rem;padding:.6rem .9rem}
.figure dt{font-size:.9rem;color:#444}.figure dd{margin:0;font-size:1.45rem;font-weight:700}
.grid2{display:grid;grid-template-columns:repeat(auto-fit,minmax(20rem,1fr));gap:1rem}
figure{margin:0;background:#fff;border:1px solid #d8dde3;border-radius:.5rem;padding:.6rem}
figcaption{font-weight:600;margin-bottom:.3rem}figure.map figcaption{font-weight:400;margin-top:.3rem}
svg{width:100%;height:auto;display:block}figure.map svg{max-width:34rem;margin:0 auto}
svg text{font-size:12px;fill:#1b1b1b}svg .v,svg .tick{fill:#444;font-size:11px}
svg.bars rect,svg.cols rect{fill:#2f6fae}svg line{stroke:#888}svg line.grid{stroke:#e4e7ea}
.timeline rect{fill:#2f6fae}.timeline rect.open{fill:#8fb5da}
.map path{stroke:#fff;stroke-width:1.2}.map path.area{stroke:#c9ced3}.map path.focus{stroke:#334;stroke-width:1.5}
.map a:focus-visible path{stroke:#c45a00;stroke-width:3}
.map .pt{fill:#c45a00;fill-opacity:.75;stroke:#fff;stroke-width:1}
.map .area-label{font-weight:700;paint-order:stroke;stroke:#fff;stroke-width:3px}
details.chart-table{margin-top:.3rem;font-size:.9rem}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.2rem .4rem;border-bottom:1px solid #e4e7ea;vertical-align:top}
td.num{text-align:right;white-space:nowrap}
.cards{list-style:none;padding:0;margin:0}.cards li{background:#fff;border:1px solid #d8dde3;border-radius:.5rem;padding:.5rem .8rem;margin:.5rem 0}
.cards .meta{font-size:.9rem;color:#444}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;margin:0}dl.facts dt{font-weight:600}dl.facts dd{margin:0}
.note{background:#fff7d6;border-left:4px solid #b98900;padding:.3rem .6rem;font-size:.92rem}
.tag{background:#fff3c4;border-radius:.3rem;padding:0 .3rem;font-weight:400;font-size:.85rem}
form.filters{display:grid;grid-template-columns:repeat(auto-fit,minmax(11rem,1fr));gap:.5rem .75rem;background:#fff;border:1px solid #d8dde3;border-radius:.5rem;padding:.75rem}
form.filters label,form.search label{display:block;font-size:.9rem;font-weight:600}
input,select,button{font:inherit;padding:.3rem .4rem;border:1px solid #767676;border-radius:.3rem;max-width:100%;width:100%;background:#fff;color:#1b1b1b}
button{background:#0b4f8a;color:#fff;border-color:#0b4f8a;cursor:pointer;width:auto}
.actions{display:flex;gap:1rem;align-items:end;flex-wrap:wrap}
.downloads a{margin-right:.8rem}
form.search{display:flex;gap:.5rem;align-items:end;flex-wrap:wrap}form.search div{flex:1 1 16rem;position:relative}
#suggest{position:absolute;left:0;right:0;top:100%;background:#fff;border:1px solid #767676;list-style:none;margin:0;padding:0;z-index:5}
#suggest li{padding:.3rem .5rem}#suggest li[aria-selected=true]{background:#dbe9f6}
footer.site{font-size:.88rem;color:#333;border-top:1px solid #d8dde3;margin-top:2rem}
[aria-busy=true]{opacity:.6}
@media print{@page{margin:1.5cm}
header.site nav,.langs,form,.no-print,.skip,footer.site .links,details.chart-table summary{display:none}
body{background:#fff;font-size:11pt;color:#000}header.site,main,footer.site{max-width:none;padding:0}header.site{border-bottom-width:2px}
a{color:#000;text-decoration:none}main a[href^="http"]::after{content:" (" attr(href) ")";font-size:9pt;word-break:break-all}
h1,h2{break-after:avoid}figure,.cards li,tr,dl.facts{break-inside:avoid}figure,.cards li{border-color:#999}
figure.map svg{max-width:15cm}.map path.area{stroke:#777}.map .pt{fill-opacity:1}
table{font-size:10pt}th,td{border-bottom:1px solid #999}.grid2{display:block}.grid2 figure{margin-bottom:.5cm}
.note{border-left-color:#000}details.chart-table{display:block}}
`;

export interface PageOptions {
  locale: Locale;
  /** The path after the language, starting with '/': '/', '/projects', '/project/…'. */
  path: string;
  /** The query string to keep when switching language, without '?'. */
  query?: string;
  title: string;
  body: string;
  nav?: 'home' | 'explorer' | 'search' | 'data';
  /** Scripts of this page only (module names under /assets). */
  scripts?: string[];
  description?: string;
}

/** A portal address in a language: `/sr/projects` for Serbian Latin, `/sq/projects` … */
export function href(locale: Locale, path: string): string {
  return `/${LOCALE_SEGMENTS[locale]}${path}`;
}

export function page(o: PageOptions): string {
  const q = o.query ? `?${o.query}` : '';
  const alternates = LOCALES.map(
    (l) => `<link rel="alternate" hreflang="${l}" href="${escapeHtml(href(l, o.path) + q)}">`,
  ).join('');
  const switcher = LOCALES.map((l) =>
    l === o.locale
      ? `<li><strong lang="${l}" aria-current="true">${LOCALE_NAMES[l]}</strong></li>`
      : `<li><a href="${escapeHtml(href(l, o.path) + q)}" lang="${l}" hreflang="${l}">${LOCALE_NAMES[l]}</a></li>`,
  ).join('');
  const item = (key: 'home' | 'explorer' | 'search' | 'data', path: string) =>
    `<li><a href="${href(o.locale, path)}"${o.nav === key ? ' aria-current="page"' : ''}>${t(o.locale, `nav.${key}`)}</a></li>`;
  const scripts = (o.scripts ?? [])
    .map((s) => `<script type="module" src="${assetUrl(s)}"></script>`)
    .join('');
  return `<!doctype html>
<html lang="${o.locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(o.title)} — Koordinata</title>
<meta name="description" content="${escapeHtml(o.description ?? t(o.locale, 'app.tagline'))}">
${alternates}${o.path === '/' ? '<link rel="alternate" hreflang="x-default" href="/">' : ''}
<style>${CSS}</style>${scripts}</head>
<body>
<a class="skip" href="#main">${t(o.locale, 'nav.skip')}</a>
<header class="site">
  <a class="brand" href="${href(o.locale, '/')}">Koordinata</a>
  <nav aria-label="${t(o.locale, 'nav.main')}"><ul>${item('home', '/')}${item('explorer', '/projects')}${item('search', '/search')}${item('data', '/data')}</ul></nav>
  <nav class="langs" aria-label="${t(o.locale, 'nav.language')}"><ul>${switcher}</ul></nav>
</header>
<main id="main">
${o.body}
</main>
<footer class="site">
  <p>${t(o.locale, 'org.cb.full')}</p>
  <p class="links"><a href="${href(o.locale, '/data')}">${t(o.locale, 'nav.data')}</a> · <a href="/api/v1/docs">${t(o.locale, 'home.api')}</a> · <a href="/api/v1/openapi.json">OpenAPI</a></p>
  <p><small>${escapeHtml(t(o.locale, 'map.attribution'))}</small></p>
</footer>
</body></html>`;
}
