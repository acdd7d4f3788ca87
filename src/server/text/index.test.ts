import { describe, expect, it } from 'vitest';
import * as text from './index.js';

describe('text module entry point', () => {
  it('exports the public API and nothing else', () => {
    expect(Object.keys(text).sort()).toEqual([
      'cyrillicToLatin',
      'detectScript',
      'escapeLike',
      'foldForSearch',
      'foldQuery',
      'latinToCyrillic',
      'normaliseLanguageTag',
      'normaliseNarratives',
      'pickNarrative',
      'searchDocument',
      'withDerivedScripts',
    ]);
  });

  it('works end to end: store Latin, show Cyrillic, find it by any spelling', () => {
    const stored = text.normaliseNarratives({
      sr: ' Vodovod u Medveđi ',
      EN: 'Water supply in Medveđa',
    });
    const shown = text.pickNarrative(stored, ['sr-Cyrl', 'en']);
    expect(shown).toEqual({ lang: 'sr-Cyrl', text: 'Водовод у Медвеђи' });
    const document = text.searchDocument(Object.values(text.withDerivedScripts(stored).text));
    expect(document.includes(text.foldQuery('медвеђ'))).toBe(true);
    expect(document.includes(text.foldQuery('medvedi'))).toBe(true);
  });
});
