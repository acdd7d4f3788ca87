/**
 * Arbitraries for the scalar values of the IATI model: texts, narratives, dates, amounts,
 * percentages. Every value is one the writer writes unchanged and a reader reads back unchanged:
 * texts are non-empty and trimmed, with single spaces, but full of characters that need escaping
 * or more than one UTF-16 unit.
 */
import fc from 'fast-check';
import type { Narratives } from '../iati.model.js';

function graphemes(s: string): string[] {
  return Array.from(new Intl.Segmenter().segment(s), (g) => g.segment);
}

const LETTERS = [
  'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789',
  'ëçËÇšžčćđŠŽČĆĐ', // Albanian and Serbian Latin
  'абвгдђежзијклљмнњопрстћуфхцчџшАБВГДЂЕЖЗИЈКЛЉМНЊОПРСТЋУФХЦЧЏШ', // Serbian Cyrillic
  '<>&"\'.,;:!?()-/%€', // markup and punctuation
  '🌍👩‍🌾中', // outside the BMP, a ZWJ sequence, CJK
].flatMap(graphemes);

export const word = fc
  .array(fc.constantFrom(...LETTERS), { minLength: 1, maxLength: 10 })
  .map((cs) => cs.join(''));

/** A non-empty, trimmed text of a few words. */
export const text = fc.array(word, { minLength: 1, maxLength: 6 }).map((ws) => ws.join(' '));

/** The languages Koordinata writes in, as BCP 47 tags. */
export const language = fc.constantFrom('en', 'sq', 'sr-Latn', 'sr-Cyrl', 'fr');

export function narrativesOf(minKeys: number, maxKeys = 3): fc.Arbitrary<Narratives> {
  return fc.dictionary(language, text, { minKeys, maxKeys, noNullPrototype: true });
}

/** Optional narratives: often none. */
export const someNarratives = fc.oneof(fc.constant({}), narrativesOf(1));

const DAY = 86_400_000;
const FIRST = Date.UTC(2000, 0, 1);
const LAST = Date.UTC(2035, 11, 31);

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export const isoDate = fc
  .integer({ min: FIRST / DAY, max: LAST / DAY })
  .map((d) => isoDay(d * DAY));

/** A period of at most a year (IATI's limit for budgets), end after start. */
export const period = fc
  .tuple(fc.integer({ min: FIRST / DAY, max: LAST / DAY }), fc.integer({ min: 1, max: 364 }))
  .map(([start, length]) => ({ start: isoDay(start * DAY), end: isoDay((start + length) * DAY) }));

export const isoDateTime = fc
  .integer({ min: FIRST / 1000, max: LAST / 1000 })
  .map((s) => new Date(s * 1000).toISOString().replace('.000Z', 'Z'));

/** A decimal amount as a publisher writes it: "1500000.00", "20", occasionally negative. */
export const amount = fc
  .tuple(
    fc.integer({ min: 0, max: 99_999_999 }),
    fc.option(fc.integer({ min: 0, max: 99 }), { nil: null }),
    fc.boolean(),
    fc.integer({ min: 0, max: 9 }),
  )
  .map(([whole, cents, withCents, sign]) => {
    const minus = sign === 0 && whole > 0 ? '-' : '';
    const fraction = cents !== null && withCents ? `.${String(cents).padStart(2, '0')}` : '';
    return `${minus}${whole}${fraction}`;
  });

/** `count` percentages with one decimal ("33.3") that add up to exactly 100. */
export function percentagesOf(count: number): fc.Arbitrary<string[]> {
  return fc
    .array(fc.integer({ min: 1, max: 100 }), { minLength: count, maxLength: count })
    .map((weights) => {
      const total = weights.reduce((a, b) => a + b, 0);
      const tenths = weights.map((w) => Math.floor((w * 1000) / total));
      const rest = 1000 - tenths.reduce((a, b) => a + b, 0);
      if (tenths.length > 0) tenths[tenths.length - 1] = (tenths.at(-1) ?? 0) + rest;
      return tenths.map((t) => (t / 10).toFixed(1));
    });
}

export const percentage = fc.integer({ min: 0, max: 1000 }).map((t) => (t / 10).toFixed(1));

/** Coordinates with up to six decimals, never -0 (which reads back as 0). */
export const point = fc
  .tuple(
    fc.integer({ min: -90_000_000, max: 90_000_000 }),
    fc.integer({ min: -180_000_000, max: 180_000_000 }),
  )
  .map(([lat, lon]) => ({
    srsName: 'http://www.opengis.net/def/crs/EPSG/0/4326',
    lat: lat / 1e6,
    lon: lon / 1e6,
  }));

export const url = fc.webUrl({ withQueryParameters: true, withFragments: true });

export function nullable<T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | null> {
  return fc.option(arb, { nil: null });
}

/** An organisation identifier such as XM-DAC-41114 or RS-MB-12345678. */
export const orgIdentifier = fc
  .tuple(
    fc.constantFrom('XM-DAC', 'RS-MB', 'RS-PIB', 'XI-IATI'),
    fc.integer({ min: 1000, max: 99_999_999 }),
  )
  .map(([prefix, n]) => `${prefix}-${n}`);
