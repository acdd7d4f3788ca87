/**
 * Serbian Latin ↔ Cyrillic transliteration (GLOSSARY §4.8).
 *
 * sr-Cyrl texts are generated from sr-Latn, never written by hand, so the
 * Latin → Cyrillic direction must be exact: letter by letter, with the n+j and
 * d+ž exceptions of digraph-exceptions.ts, and with codes, URLs, e-mail
 * addresses and placeholders left in Latin (latin-tokens.ts).
 */
import {
  CYRILLIC_DIGRAPH_CAPITALS,
  CYRILLIC_TO_LATIN,
  LATIN_DIGRAPH_TO_CYRILLIC,
  LATIN_TO_CYRILLIC,
} from './alphabet.js';
import { separatedPairOffsets } from './digraph-exceptions.js';
import { splitLatinTokens } from './latin-tokens.js';

export type Script = 'Latn' | 'Cyrl' | 'mixed' | 'none';

const LETTER_RUNS = /\p{L}[\p{L}\p{M}]*/gu;
const LATIN_LETTER = /\p{Script=Latin}/gu;
const CYRILLIC_LETTER = /\p{Script=Cyrillic}/gu;
const LETTER = /\p{L}/u;

const NON_SERBIAN_LATIN_LETTER = new RegExp(
  `(?![${[...LATIN_TO_CYRILLIC.keys()].join('')}])\\p{Script=Latin}`,
  'u',
);

/**
 * A word with a Latin letter that Serbian does not have (q, w, x, y, ë, ç, é,
 * ü …) is Albanian or foreign: "Zhujë", "Tuxhec", "Wolfgang". Half-converted
 * spellings like "Зхујë" are wrong in any language, and the glossary says not
 * to transliterate Albanian, so such words stay whole in Latin.
 */
function isForeignWord(word: string): boolean {
  return NON_SERBIAN_LATIN_LETTER.test(word);
}

function wordToCyrillic(word: string): string {
  if (isForeignWord(word)) return word;
  const separated = separatedPairOffsets(word);
  let out = '';
  for (let i = 0; i < word.length; i++) {
    const digraph = separated.has(i)
      ? undefined
      : LATIN_DIGRAPH_TO_CYRILLIC.get(word.slice(i, i + 2));
    if (digraph !== undefined) {
      out += digraph;
      i++;
    } else {
      const ch = word.charAt(i);
      out += LATIN_TO_CYRILLIC.get(ch) ?? ch;
    }
  }
  return out;
}

function textToCyrillic(text: string): string {
  // NFC so that "č" typed as c + combining caron is one letter.
  return text.normalize('NFC').replace(LETTER_RUNS, wordToCyrillic);
}

/**
 * Serbian Latin → Serbian Cyrillic. Words containing letters with no Serbian
 * counterpart (q, w, x, y, ë, ç, é …) and everything that is not a letter are
 * copied. The result is NFC.
 */
export function latinToCyrillic(text: string): string {
  return splitLatinTokens(text)
    .map((piece) => (piece.keep ? piece.text : textToCyrillic(piece.text)))
    .join('');
}

function isUpperCaseLetter(ch: string): boolean {
  return LETTER.test(ch) && ch === ch.toUpperCase() && ch !== ch.toLowerCase();
}

/**
 * Љ, Њ, Џ become "LJ", "NJ", "DŽ" inside upper-case words (ЉУБАВ → LJUBAV,
 * ПЉ → PLJ) and "Lj", "Nj", "Dž" otherwise (Љубав → Ljubav, Љ → Lj).
 */
function digraphCapital(text: string, at: number, titleCase: string): string {
  const next = text.charAt(at + 1);
  const upper = LETTER.test(next)
    ? isUpperCaseLetter(next)
    : isUpperCaseLetter(text.charAt(at - 1));
  return upper ? titleCase.toUpperCase() : titleCase;
}

/**
 * Serbian Cyrillic → Serbian Latin, the reverse of latinToCyrillic. Latin
 * text and letters of other Cyrillic alphabets (я, ы, ѓ …) are copied.
 */
export function cyrillicToLatin(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text.charAt(i);
    const latin = CYRILLIC_TO_LATIN.get(ch);
    if (latin === undefined) out += ch;
    else if (CYRILLIC_DIGRAPH_CAPITALS.has(ch)) out += digraphCapital(text, i, latin);
    else out += latin;
  }
  return out;
}

function countMatches(text: string, pattern: RegExp): number {
  return text.match(pattern)?.length ?? 0;
}

/** Latin and Cyrillic letter counts, not counting the tokens that stay Latin in any script. */
export function scriptLetterCounts(text: string): { latin: number; cyrillic: number } {
  const prose = splitLatinTokens(text)
    .filter((piece) => !piece.keep)
    .map((piece) => piece.text)
    .join(' ');
  return {
    latin: countMatches(prose, LATIN_LETTER),
    cyrillic: countMatches(prose, CYRILLIC_LETTER),
  };
}

/**
 * The script a text is written in. Tokens that stay Latin inside Cyrillic
 * (EUR, PDF, URLs, {placeholders}, codes) do not count, so "Износ у EUR" is
 * 'Cyrl'; 'none' means no letters outside such tokens.
 */
export function detectScript(text: string): Script {
  const { latin, cyrillic } = scriptLetterCounts(text);
  if (latin > 0 && cyrillic > 0) return 'mixed';
  if (latin > 0) return 'Latn';
  return cyrillic > 0 ? 'Cyrl' : 'none';
}
