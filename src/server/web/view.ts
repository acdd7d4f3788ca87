import type { ActivityOut } from '../activities/activities.schemas.js';
import { escapeHtml } from '../http/html.js';
import { pickNarrative } from '../text/index.js';
import { formatMoney, LOCALE_NAMES, t, type Locale, type MessageKey } from './i18n.js';
import { href } from './layout.js';

/** Preference order when a text is missing in the reader's language. */
export const FALLBACK: Record<Locale, string[]> = {
  sq: ['sq', 'en', 'sr-Latn'],
  'sr-Latn': ['sr-Latn', 'sr-Cyrl', 'en', 'sq'],
  'sr-Cyrl': ['sr-Cyrl', 'sr-Latn', 'en', 'sq'],
  en: ['en', 'sr-Latn', 'sq'],
};

function langName(tag: string): string {
  return (LOCALE_NAMES as Record<string, string>)[tag] ?? tag;
}

/**
 * A text in the reader's language. A text shown in another language says which, so nobody
 * mistakes it for a translation; `noted` adds a sentence naming the missing language.
 */
export function text(locale: Locale, n: Record<string, string>, noted = false): string {
  const picked = pickNarrative(n, FALLBACK[locale]);
  if (!picked) return '';
  const shown = escapeHtml(picked.text);
  if (picked.lang === locale) return shown;
  const wrapped = `<span lang="${escapeHtml(picked.lang)}">${shown}</span>`;
  if (!noted) return `${wrapped} <small>(${escapeHtml(picked.lang)})</small>`;
  return `<p class="note" data-testid="missing-language">${escapeHtml(
    t(locale, 'activity.missing', { lang: LOCALE_NAMES[locale], other: langName(picked.lang) }),
  )}</p>${wrapped}`;
}

/** Plain text (for titles, attributes and chart labels). */
export function plain(locale: Locale, n: Record<string, string>): string {
  return pickNarrative(n, FALLBACK[locale])?.text ?? '';
}

export function years(a: ActivityOut, locale: Locale): string {
  const start = (a.actual_start ?? a.planned_start)?.slice(0, 4);
  const end = (a.actual_end ?? a.planned_end)?.slice(0, 4);
  const unknown = t(locale, 'home.unknown');
  return `${start ?? unknown}–${end ?? unknown}`;
}

export function statusLabel(locale: Locale, status: string | null): string {
  if (!status || !/^[1-6]$/.test(status)) return t(locale, 'home.unknown');
  return t(locale, `status.${status}` as MessageKey);
}

export function orgName(
  locale: Locale,
  o: { names: Record<string, string>; acronym: string | null },
) {
  const name = plain(locale, o.names);
  return o.acronym && name.length > 40 ? o.acronym : name || o.acronym || '';
}

export function orgs(a: ActivityOut, locale: Locale, role: string): string {
  const list = a.participants
    .filter((p) => p.role === role)
    .map(
      (p) =>
        `<a href="${href(locale, `/partner/${p.organisation.id}`)}">${escapeHtml(orgName(locale, p.organisation))}</a>`,
    );
  return list.length ? list.join(', ') : `<em>${t(locale, 'home.unknown')}</em>`;
}

export function budget(a: ActivityOut, locale: Locale): string {
  const revised = a.budgets.filter((b) => b.type === '2');
  const shown = revised.length ? revised : a.budgets;
  if (!shown.length) return `<em>${t(locale, 'home.unknown')}</em>`;
  return shown.map((b) => escapeHtml(formatMoney(locale, b.value, b.currency))).join(' + ');
}

export function partnership(a: ActivityOut, locale: Locale): string {
  return a.partnership.summary.map((k) => t(locale, `partnership.${k}`)).join(' + ');
}

/** A programme's address is its programme page; any other activity's, its project page. */
export function activityPath(a: { id: string; level: string }): string {
  return a.level === 'programme' ? `/programme/${a.id}` : `/project/${a.id}`;
}

/** One activity as a card in a list. */
export function activityCard(a: ActivityOut, locale: Locale): string {
  return `<li data-activity="${a.id}"><a href="${href(locale, activityPath(a))}"><strong>${text(locale, a.title)}</strong></a>${a.illustrative ? ` <small class="tag">${t(locale, 'home.illustrative')}</small>` : ''}
<div class="meta">${t(locale, `activity.level.${a.level}`)} · ${years(a, locale)} · ${escapeHtml(statusLabel(locale, a.status))} · ${t(locale, 'home.funders')}: ${orgs(a, locale, 'funding')} · ${t(locale, 'home.implementers')}: ${orgs(a, locale, 'implementing')} · ${t(locale, 'home.budget')}: ${budget(a, locale)}</div></li>`;
}
