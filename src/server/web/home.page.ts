import type { ActivityOut } from '../activities/activities.schemas.js';
import { escapeHtml } from '../http/html.js';
import { pickNarrative } from '../text/index.js';
import { formatMoney, LOCALE_NAMES, LOCALES, t, type Locale } from './i18n.js';

/** Preference order when a text is missing in the reader's language. */
const FALLBACK: Record<Locale, string[]> = {
  sq: ['sq', 'en', 'sr-Latn'],
  'sr-Latn': ['sr-Latn', 'sr-Cyrl', 'en', 'sq'],
  'sr-Cyrl': ['sr-Cyrl', 'sr-Latn', 'en', 'sq'],
  en: ['en', 'sr-Latn', 'sq'],
};

function text(locale: Locale, n: Record<string, string>): string {
  const picked = pickNarrative(n, FALLBACK[locale]);
  if (!picked) return '';
  const shown = escapeHtml(picked.text);
  // A text shown in another language says which, so nobody mistakes it for a translation.
  return picked.lang === locale
    ? shown
    : `<span lang="${escapeHtml(picked.lang)}">${shown}</span> <small>(${escapeHtml(picked.lang)})</small>`;
}

function years(a: ActivityOut, locale: Locale): string {
  const start = (a.actual_start ?? a.planned_start)?.slice(0, 4);
  const end = (a.actual_end ?? a.planned_end)?.slice(0, 4);
  const unknown = t(locale, 'home.unknown');
  return `${start ?? unknown}–${end ?? unknown}`;
}

function orgs(a: ActivityOut, locale: Locale, role: string): string {
  const list = a.participants
    .filter((p) => p.role === role)
    .map((p) => p.organisation.acronym ?? text(locale, p.organisation.names));
  return list.length
    ? list.map((x) => (x.includes('<') ? x : escapeHtml(x))).join(', ')
    : `<em>${t(locale, 'home.unknown')}</em>`;
}

function budget(a: ActivityOut, locale: Locale): string {
  const original = a.budgets.filter((b) => b.type === '1');
  const shown = original.length ? original : a.budgets;
  if (!shown.length) return `<em>${t(locale, 'home.unknown')}</em>`;
  return shown.map((b) => escapeHtml(formatMoney(locale, b.value, b.currency))).join(' + ');
}

function partnership(a: ActivityOut, locale: Locale): string {
  return a.partnership.summary.map((k) => t(locale, `partnership.${k}`)).join(' + ');
}

export function homePage(locale: Locale, programmes: ActivityOut[]): string {
  const switcher = LOCALES.map((l) =>
    l === locale
      ? `<strong lang="${l}">${LOCALE_NAMES[l]}</strong>`
      : `<a href="/${l}/" lang="${l}" hreflang="${l}">${LOCALE_NAMES[l]}</a>`,
  ).join(' · ');
  const alternates = LOCALES.map(
    (l) => `<link rel="alternate" hreflang="${l}" href="/${l}/">`,
  ).join('');
  const rows = programmes
    .map(
      (a) => `<article>
  <h3>${text(locale, a.title)}${a.illustrative ? ` <small class="tag">${t(locale, 'home.illustrative')}</small>` : ''}</h3>
  <dl>
    <dt>${t(locale, 'home.years')}</dt><dd>${years(a, locale)}</dd>
    <dt>${t(locale, 'home.funders')}</dt><dd>${orgs(a, locale, 'funding')}</dd>
    <dt>${t(locale, 'home.implementers')}</dt><dd>${orgs(a, locale, 'implementing')}</dd>
    <dt>${t(locale, 'home.budget')}</dt><dd>${budget(a, locale)}</dd>
    <dt>${t(locale, 'home.partnership')}</dt><dd>${partnership(a, locale) || `<em>${t(locale, 'home.unknown')}</em>`}</dd>
  </dl>
</article>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Koordinata — ${escapeHtml(t(locale, 'home.programmes'))}</title>${alternates}
<style>
body{font:16px/1.5 system-ui,sans-serif;margin:0;color:#1b1b1b;background:#fafafa}
header,main,footer{max-width:62rem;margin:0 auto;padding:1rem}
header{border-bottom:3px solid #0b4f8a}nav{font-size:.95rem}a{color:#0b4f8a}
article{background:#fff;border:1px solid #ddd;border-radius:.5rem;padding:.75rem 1rem;margin:.75rem 0}
h3{margin:.2rem 0 .5rem}dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;margin:0}dt{font-weight:600}dd{margin:0}
.tag{background:#fff3c4;border-radius:.3rem;padding:0 .3rem;font-weight:400}
</style></head>
<body>
<header>
  <nav aria-label="${t(locale, 'nav.language')}">${switcher}</nav>
  <h1>Koordinata</h1>
  <p>${t(locale, 'app.tagline')}</p>
  <p><small>${t(locale, 'org.cb.full')}</small></p>
</header>
<main>
  <h2>${t(locale, 'home.programmes')}</h2>
  ${rows || `<p>${t(locale, 'home.no_programmes')}</p>`}
</main>
<footer><a href="/api/v1/docs">${t(locale, 'home.api')}</a> · <a href="/api/v1/openapi.json">OpenAPI</a></footer>
</body></html>`;
}
