import { describe, expect, it } from 'vitest';
import {
  normaliseLanguageTag,
  normaliseNarratives,
  pickNarrative,
  withDerivedScripts,
  type Narratives,
} from './narratives.js';

describe('normaliseLanguageTag', () => {
  it.each([
    ['en', 'en'],
    ['EN', 'en'],
    [' fr ', 'fr'],
    ['sq', 'sq'],
    ['sr-latn', 'sr-Latn'],
    ['SR-CYRL', 'sr-Cyrl'],
    ['sr_Latn', 'sr-Latn'],
    ['sr-Latn-RS', 'sr-Latn'],
    ['sr-cyrl-rs', 'sr-Cyrl'],
    ['sr', 'sr'],
    ['sr-RS', 'sr'],
    ['en_gb', 'en-GB'],
    ['en-gb', 'en-GB'],
    ['zh-hant-tw', 'zh-Hant-TW'],
    ['es-419', 'es-419'],
    ['de-CH-1996', 'de-CH-1996'],
    ['en-x-Private', 'en-x-private'],
    ['en-u-ca-gb', 'en-u-ca-gb'],
    ['', ''],
  ])('%s → %s', (tag, normalised) => {
    expect(normaliseLanguageTag(tag)).toBe(normalised);
  });
});

describe('normaliseNarratives', () => {
  it('trims values, drops empty ones and normalises tags', () => {
    expect(
      normaliseNarratives({
        EN: '  Water supply ',
        sq: '\tFurnizimi me ujë\n',
        fr: '   ',
        de: '',
        'sr-latn': 'Vodosnabdevanje',
      }),
    ).toEqual({ en: 'Water supply', sq: 'Furnizimi me ujë', 'sr-Latn': 'Vodosnabdevanje' });
  });

  it('files a plain "sr" under the script it is written in', () => {
    expect(normaliseNarratives({ sr: 'Vodosnabdevanje u Preševu' })).toEqual({
      'sr-Latn': 'Vodosnabdevanje u Preševu',
    });
    expect(normaliseNarratives({ sr: 'Водоснабдевање у Прешеву' })).toEqual({
      'sr-Cyrl': 'Водоснабдевање у Прешеву',
    });
    expect(normaliseNarratives({ SR: 'Износ у EUR за 2024.' })).toEqual({
      'sr-Cyrl': 'Износ у EUR за 2024.',
    });
    expect(normaliseNarratives({ 'sr-RS': 'Пројекат UNDP' })).toEqual({
      'sr-Cyrl': 'Пројекат UNDP',
    });
  });

  it('decides a mixed plain "sr" by majority and an undecidable one as Latin', () => {
    expect(normaliseNarratives({ sr: 'Пројекат водоснабдевања (Preševo)' })).toEqual({
      'sr-Cyrl': 'Пројекат водоснабдевања (Preševo)',
    });
    expect(normaliseNarratives({ sr: 'Projekat vodosnabdevanja (Прешево)' })).toEqual({
      'sr-Latn': 'Projekat vodosnabdevanja (Прешево)',
    });
    expect(normaliseNarratives({ sr: '2024–2026' })).toEqual({ 'sr-Latn': '2024–2026' });
  });

  it('prefers an explicit tag over a plain "sr", in either order', () => {
    expect(normaliseNarratives({ sr: 'iz IATI', 'sr-Latn': 'uneto' })).toEqual({
      'sr-Latn': 'uneto',
    });
    expect(normaliseNarratives({ 'sr-Latn': 'uneto', sr: 'iz IATI' })).toEqual({
      'sr-Latn': 'uneto',
    });
    expect(normaliseNarratives({ sr: 'Ћирилица', 'sr-Latn': 'Latinica' })).toEqual({
      'sr-Cyrl': 'Ћирилица',
      'sr-Latn': 'Latinica',
    });
  });

  it('keeps the first of two keys that normalise to the same tag', () => {
    expect(normaliseNarratives({ EN: 'first', en: 'second' })).toEqual({ en: 'first' });
    expect(normaliseNarratives({ EN: ' ', en: 'second' })).toEqual({ en: 'second' });
  });

  it('drops entries without a tag and never derives the other script', () => {
    expect(normaliseNarratives({ '': 'no language', ' ': 'none', 'sr-Latn': 'Preševo' })).toEqual({
      'sr-Latn': 'Preševo',
    });
  });

  it('does not change its input', () => {
    const input = { EN: ' x ' };
    normaliseNarratives(input);
    expect(input).toEqual({ EN: ' x ' });
  });

  it('returns an empty object for empty input', () => {
    expect(normaliseNarratives({})).toEqual({});
  });
});

describe('withDerivedScripts', () => {
  it('derives Cyrillic from Latin', () => {
    const stored: Narratives = {
      en: 'Injection',
      'sr-Latn': 'Injekcija za {count} ljudi u Medveđi (EUR)',
    };
    expect(withDerivedScripts(stored)).toEqual({
      text: { ...stored, 'sr-Cyrl': 'Инјекција за {count} људи у Медвеђи (EUR)' },
      derived: ['sr-Cyrl'],
    });
  });

  it('derives Latin from Cyrillic', () => {
    expect(withDerivedScripts({ 'sr-Cyrl': 'ЉУБАВ и Његош' })).toEqual({
      text: { 'sr-Cyrl': 'ЉУБАВ и Његош', 'sr-Latn': 'LJUBAV i Njegoš' },
      derived: ['sr-Latn'],
    });
  });

  it('derives nothing when both scripts or no Serbian are present', () => {
    const both: Narratives = { 'sr-Latn': 'Preševo', 'sr-Cyrl': 'Прешево' };
    expect(withDerivedScripts(both)).toEqual({ text: both, derived: [] });
    expect(withDerivedScripts({ sq: 'Preshevë' })).toEqual({
      text: { sq: 'Preshevë' },
      derived: [],
    });
    expect(withDerivedScripts({})).toEqual({ text: {}, derived: [] });
  });

  it('replaces a blank stored script by the derived one', () => {
    expect(withDerivedScripts({ 'sr-Latn': 'Bujanovac', 'sr-Cyrl': ' ' })).toEqual({
      text: { 'sr-Latn': 'Bujanovac', 'sr-Cyrl': 'Бујановац' },
      derived: ['sr-Cyrl'],
    });
  });

  it('returns a new object and leaves the stored one alone', () => {
    const stored: Narratives = { 'sr-Latn': 'Preševo' };
    const { text } = withDerivedScripts(stored);
    expect(text).not.toBe(stored);
    expect(stored).toEqual({ 'sr-Latn': 'Preševo' });
  });
});

describe('pickNarrative', () => {
  const all: Narratives = {
    sq: 'Preshevë',
    'sr-Latn': 'Preševo',
    'sr-Cyrl': 'Прешево',
    en: 'Preševo (en)',
  };

  it('takes the first preferred language that is present', () => {
    expect(pickNarrative(all, ['sq', 'en'])).toEqual({ lang: 'sq', text: 'Preshevë' });
    expect(pickNarrative(all, ['fr', 'en', 'sq'])).toEqual({ lang: 'en', text: 'Preševo (en)' });
    expect(pickNarrative(all, ['sr-Cyrl'])).toEqual({ lang: 'sr-Cyrl', text: 'Прешево' });
  });

  it('derives the other Serbian script before falling back to a later preference', () => {
    const latinOnly: Narratives = { en: 'Water', 'sr-Latn': 'Vodosnabdevanje u Medveđi' };
    expect(pickNarrative(latinOnly, ['sr-Cyrl', 'en'])).toEqual({
      lang: 'sr-Cyrl',
      text: 'Водоснабдевање у Медвеђи',
    });
    expect(pickNarrative({ 'sr-Cyrl': 'Поджупан' }, ['sr-Latn'])).toEqual({
      lang: 'sr-Latn',
      text: 'Podžupan',
    });
  });

  it('accepts preferences in any case and with a region', () => {
    expect(pickNarrative(all, ['SR-CYRL'])).toEqual({ lang: 'sr-Cyrl', text: 'Прешево' });
    expect(pickNarrative(all, ['sr-Latn-RS'])).toEqual({ lang: 'sr-Latn', text: 'Preševo' });
    expect(pickNarrative(all, ['en-GB'])).toEqual({ lang: 'en', text: 'Preševo (en)' });
    expect(pickNarrative(all, ['sq-AL'])).toEqual({ lang: 'sq', text: 'Preshevë' });
  });

  it('reads a plain "sr" preference as Latin first, then Cyrillic', () => {
    expect(pickNarrative(all, ['sr'])).toEqual({ lang: 'sr-Latn', text: 'Preševo' });
    expect(pickNarrative({ 'sr-Cyrl': 'Прешево', en: 'x' }, ['sr'])).toEqual({
      lang: 'sr-Latn',
      text: 'Preševo',
    });
  });

  it('falls back to the first non-empty text when no preference is present', () => {
    expect(pickNarrative({ fr: ' ', de: 'Wasser', it: 'Acqua' }, ['sq', 'sr-Latn'])).toEqual({
      lang: 'de',
      text: 'Wasser',
    });
    expect(pickNarrative({ en: 'Water' }, [])).toEqual({ lang: 'en', text: 'Water' });
  });

  it('skips blank texts', () => {
    expect(pickNarrative({ sq: '  ', en: 'Water' }, ['sq', 'en'])).toEqual({
      lang: 'en',
      text: 'Water',
    });
  });

  it('returns null when there is no text at all', () => {
    expect(pickNarrative({}, ['en'])).toBeNull();
    expect(pickNarrative({ en: '', sq: '  ' }, ['en'])).toBeNull();
  });
});
