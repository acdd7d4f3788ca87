/**
 * Multilingual texts ("narratives", as IATI calls them) keyed by BCP 47 tag.
 *
 * Serbian is stored under 'sr-Latn' and/or 'sr-Cyrl'. One script can always
 * be derived from the other, so stored data keeps only what was entered or
 * imported, and the missing script is derived when a text is shown.
 */
import { cyrillicToLatin, latinToCyrillic, scriptLetterCounts } from './transliterate.js';

/** Texts by BCP 47 language tag: 'sq', 'sr-Latn', 'sr-Cyrl', 'en', 'fr', … */
export type Narratives = Record<string, string>;

const SR_LATN = 'sr-Latn';
const SR_CYRL = 'sr-Cyrl';

/** BCP 47 §2.1.1 case for the subtag at `index` (0 is the language). */
function caseSubtag(subtag: string, index: number, afterSingleton: boolean): string {
  const lower = subtag.toLowerCase();
  if (index === 0 || afterSingleton) return lower;
  if (/^[a-z]{4}$/.test(lower)) return lower.charAt(0).toUpperCase() + lower.slice(1);
  if (/^[a-z]{2}$/.test(lower)) return lower.toUpperCase();
  return lower;
}

/**
 * Canonical case of a language tag: 'EN' → 'en', 'sr-latn' → 'sr-Latn',
 * 'en_gb' → 'en-GB'. The tag is not validated. Serbian tags lose their region
 * ('sr-Latn-RS' → 'sr-Latn'), because the platform keeps one Latin and one
 * Cyrillic Serbian text; a plain 'sr' stays 'sr' (its script is unknown).
 */
export function normaliseLanguageTag(tag: string): string {
  const subtags = tag
    .trim()
    .split(/[-_]/)
    .filter((subtag) => subtag !== '');
  let afterSingleton = false;
  const cased = subtags.map((subtag, index) => {
    const result = caseSubtag(subtag, index, afterSingleton);
    if (index > 0 && subtag.length === 1) afterSingleton = true;
    return result;
  });
  if (cased[0] === 'sr') {
    const script = cased.find((subtag) => subtag === 'Latn' || subtag === 'Cyrl');
    return script ? `sr-${script}` : 'sr';
  }
  return cased.join('-');
}

/** The script of a Serbian text whose tag does not say; Latin when there is no telling. */
function serbianTag(text: string): string {
  const { latin, cyrillic } = scriptLetterCounts(text);
  return cyrillic > latin ? SR_CYRL : SR_LATN;
}

/**
 * Cleans narratives from a form or an import: trims values, drops empty ones,
 * canonicalises tags and files a plain 'sr' (as IATI files have it) under
 * 'sr-Latn' or 'sr-Cyrl' by its script (by majority of letters when mixed).
 * When two keys end up the same, an explicit tag wins over a plain 'sr', and
 * otherwise the first one wins.
 */
export function normaliseNarratives(input: Readonly<Record<string, string>>): Narratives {
  const explicit: Narratives = {};
  const fromPlainSr: Narratives = {};
  for (const [rawTag, rawText] of Object.entries(input)) {
    const text = rawText.trim();
    const tag = normaliseLanguageTag(rawTag);
    if (text === '' || tag === '') continue;
    if (tag === 'sr') fromPlainSr[serbianTag(text)] ??= text;
    else explicit[tag] ??= text;
  }
  return { ...fromPlainSr, ...explicit };
}

/** The text under `tag`, unless missing or blank. */
function present(n: Readonly<Narratives>, tag: string): string | undefined {
  const text = n[tag];
  return text !== undefined && text.trim() !== '' ? text : undefined;
}

/**
 * The same names and titles are shown on every page; deriving them once per process keeps
 * transliteration off each request's path. Bounded: the oldest half goes when it is full.
 */
const CACHE_LIMIT = 20_000;
const derivedCache = new Map<string, string>();

function cached(key: string, derive: () => string): string {
  const hit = derivedCache.get(key);
  if (hit !== undefined) return hit;
  const value = derive();
  if (derivedCache.size >= CACHE_LIMIT) {
    let drop = CACHE_LIMIT / 2;
    for (const k of derivedCache.keys()) {
      derivedCache.delete(k);
      if (--drop === 0) break;
    }
  }
  derivedCache.set(key, value);
  return value;
}

/** The Serbian text to derive and its tag, when exactly one script is present. */
function derivableSerbian(n: Readonly<Narratives>): { lang: string; text: string } | null {
  const latin = present(n, SR_LATN);
  const cyrillic = present(n, SR_CYRL);
  if (latin !== undefined && cyrillic === undefined)
    return { lang: SR_CYRL, text: cached(`c:${latin}`, () => latinToCyrillic(latin)) };
  if (cyrillic !== undefined && latin === undefined)
    return { lang: SR_LATN, text: cached(`l:${cyrillic}`, () => cyrillicToLatin(cyrillic)) };
  return null;
}

/**
 * Adds the missing Serbian script for display. `derived` names the added
 * tags, so a form can show them as generated and never save them.
 */
export function withDerivedScripts(n: Readonly<Narratives>): {
  text: Narratives;
  derived: string[];
} {
  const extra = derivableSerbian(n);
  if (!extra) return { text: { ...n }, derived: [] };
  return { text: { ...n, [extra.lang]: extra.text }, derived: [extra.lang] };
}

/** The stored text for `tag`, or one derived from the other Serbian script. */
function textFor(n: Readonly<Narratives>, tag: string): string | undefined {
  const stored = present(n, tag);
  if (stored !== undefined) return stored;
  if (tag !== SR_LATN && tag !== SR_CYRL) return undefined;
  const derived = derivableSerbian(n);
  return derived?.lang === tag ? derived.text : undefined;
}

/** Tags to try for one preference: itself, then shorter forms (en-GB → en), as BCP 47 lookup does. */
function candidates(preference: string): string[] {
  const tag = normaliseLanguageTag(preference);
  if (tag === 'sr') return [SR_LATN, SR_CYRL, 'sr'];
  const subtags = tag.split('-');
  return subtags.map((_, index) => subtags.slice(0, subtags.length - index).join('-'));
}

/**
 * The text to show: the first preferred language that has a text (sr-Latn
 * and sr-Cyrl stand in for each other by transliteration; 'en-GB' also
 * accepts 'en'), otherwise the first non-empty text in `n`. Callers put their
 * site-wide fallback order at the end of `preferred`.
 */
export function pickNarrative(
  n: Readonly<Narratives>,
  preferred: readonly string[],
): { lang: string; text: string } | null {
  for (const preference of preferred) {
    for (const lang of candidates(preference)) {
      const text = textFor(n, lang);
      if (text !== undefined) return { lang, text };
    }
  }
  const lang = Object.keys(n).find((tag) => present(n, tag) !== undefined);
  return lang === undefined ? null : { lang, text: n[lang] ?? '' };
}
