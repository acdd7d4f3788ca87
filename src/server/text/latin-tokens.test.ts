import { describe, expect, it } from 'vitest';
import { isLatinKeepWord, splitLatinTokens, type Piece } from './latin-tokens.js';

function kept(text: string): string[] {
  return splitLatinTokens(text)
    .filter((piece) => piece.keep)
    .map((piece) => piece.text);
}

describe('splitLatinTokens', () => {
  it('gives back the input when the pieces are joined', () => {
    const texts = [
      '',
      'obična rečenica',
      'Iznos 100 EUR, vidi https://kt.gov.rs/a?b=c#d i info@kt.gov.rs.',
      '{n, plural, one {# projekat u {place}} other {# projekata}} {x',
      '} { {{a}} {b, select, x {y} other {z}} RS-24 XXI',
      '\t\n  🙂 ',
    ];
    for (const text of texts) {
      expect(
        splitLatinTokens(text)
          .map((piece: Piece) => piece.text)
          .join(''),
      ).toBe(text);
    }
  });

  it('never returns empty pieces or two neighbours of the same kind', () => {
    const pieces = splitLatinTokens('a EUR RSD b {x}{y} c');
    expect(pieces.every((piece) => piece.text !== '')).toBe(true);
    pieces.slice(1).forEach((piece, index) => {
      expect(piece.keep).not.toBe(pieces[index]?.keep);
    });
  });

  it('finds URLs, e-mail addresses and bare domains', () => {
    expect(kept('a http://x.org/p b https://kt.gov.rs c ftp://f.net/x d www.undp.org e')).toEqual([
      'http://x.org/p',
      'https://kt.gov.rs',
      'ftp://f.net/x',
      'www.undp.org',
    ]);
    expect(kept('piši: ime.prezime+tag@mei.gov.rs')).toEqual(['ime.prezime+tag@mei.gov.rs']);
    expect(kept('izvor: europa.rs/sta-radimo, undp.org i kt.gov.rs.')).toEqual([
      'europa.rs/sta-radimo,',
      'undp.org',
      'kt.gov.rs',
    ]);
  });

  it('does not take sentences without a space after the full stop for domains', () => {
    expect(kept('Kraj.Rs je tu. Opština.Org')).toEqual([]);
  });

  it('keeps whole ICU arguments without sub-messages', () => {
    expect(kept('{name} {0} {d, date, long} {n, number, ::currency/EUR}')).toEqual([
      '{name}',
      '{0}',
      '{d, date, long}',
      '{n, number, ::currency/EUR}',
    ]);
  });

  it('keeps only the syntax of plural and select arguments', () => {
    expect(kept('{n, plural, =0 {nema} one {# projekat} other {# projekata}}')).toEqual([
      '{n, plural, =0 {',
      '} one {',
      '} other {',
      '}}',
    ]);
  });

  it('keeps chunks that mix letters and digits, except numerals with an ending', () => {
    expect(kept('RS-24 (XM-DAC-41114-PROJECT-00058294) A4 3D covid-19, 90-ih 10-ak 2024.')).toEqual(
      ['RS-24', '(XM-DAC-41114-PROJECT-00058294)', 'A4', '3D', 'covid-19,'],
    );
  });
});

describe('isLatinKeepWord', () => {
  it.each([
    'EUR',
    'RSD',
    'USD',
    'CHF',
    'SEK',
    'NOK',
    'GBP',
    'XML',
    'CSV',
    'XLSX',
    'PDF',
    'JSON',
    'IATI',
    'URL',
  ])('keeps %s', (word) => {
    expect(isLatinKeepWord(word)).toBe(true);
  });

  it('keeps file formats in any case but currency codes only in capitals', () => {
    expect(isLatinKeepWord('pdf')).toBe(true);
    expect(isLatinKeepWord('Json')).toBe(true);
    expect(isLatinKeepWord('eur')).toBe(false);
    expect(isLatinKeepWord('sek')).toBe(false);
  });

  it.each(['II', 'III', 'IV', 'VI', 'IX', 'XII', 'XIV', 'XIX', 'XX', 'XXI', 'XL', 'XC', 'CXX'])(
    'keeps the Roman numeral %s',
    (word) => {
      expect(isLatinKeepWord(word)).toBe(true);
    },
  );

  it.each([
    'I',
    'V',
    'X',
    'L',
    'C',
    'LI',
    'MI',
    'IIII',
    'VV',
    'IL',
    'Ii',
    'UNDP',
    'OEBS',
    'EU',
    'PBILD',
    'MIR',
    'RS',
  ])('transliterates %s', (word) => {
    expect(isLatinKeepWord(word)).toBe(false);
  });
});
