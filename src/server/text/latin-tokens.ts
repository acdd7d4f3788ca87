/**
 * Finds the parts of a Serbian Latin text that stay in Latin in Cyrillic
 * output (GLOSSARY §4.8): URLs, e-mail addresses, ICU placeholders, codes and
 * identifiers with digits, a fixed list of ISO codes and file formats, and
 * Roman numerals. Everything else, including organisation acronyms (UNDP →
 * УНДП), is ordinary text.
 */
import { parseIcuArgument, type Piece } from './icu-message.js';

export type { Piece } from './icu-message.js';

// A URL runs to the next space or delimiter; trailing punctuation may come
// along, which is harmless because punctuation is never transliterated.
const URL_OR_EMAIL_OR_BRACE = new RegExp(
  [
    String.raw`(?:https?|ftp):\/\/[^\s<>"{}]+`,
    String.raw`\bwww\.[^\s<>"{}]+`,
    String.raw`[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+`,
    // Bare domains as Serbian texts cite them ("kt.gov.rs"); lower case only, so
    // a sentence missing a space after its full stop is not taken for one.
    String.raw`\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:rs|com|org|net|eu|int|gov|info|al|io|edu)(?![\p{L}\p{N}])(?:\/[^\s<>"{}]*)?`,
    String.raw`\{`,
  ].join('|'),
  'gu',
);

/** ISO 4217 codes of currencies that occur in aid to Serbia; matched in upper case only. */
const CURRENCY_CODES: ReadonlySet<string> = new Set([
  'EUR',
  'RSD',
  'USD',
  'CHF',
  'GBP',
  'SEK',
  'NOK',
  'DKK',
  'JPY',
  'CAD',
  'AUD',
  'MKD',
  'BAM',
  'HUF',
  'CZK',
  'PLN',
  'XDR',
]);

/** Technical words written in Latin in Serbian Cyrillic; matched in any case ("pdf", "PDF"). */
const TECHNICAL_WORDS: ReadonlySet<string> = new Set([
  'xml',
  'csv',
  'xlsx',
  'xls',
  'pdf',
  'json',
  'iati',
  'url',
  'html',
  'http',
  'https',
  'docx',
]);

// Serbian writes Roman numerals in Latin letters inside Cyrillic text
// ("XXI век", "Букаревац II"). Restricted to I V X L C and two or more letters:
// single letters are initials or the conjunction "I", and M/D would catch
// capitalised words like "MI" or "DIV". "LI" is the particle li ("DA LI");
// "VI" (you) in an all-capitals heading is knowingly taken for six.
const ROMAN_NUMERAL = /^(?=[IVXLC]{2,}$)C{0,3}(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})$/;
const NOT_ROMAN_NUMERALS: ReadonlySet<string> = new Set(['LI']);

// "90-ih", "10-ak", "2024-te": a numeral with a Serbian ending is text, not a code.
const NUMERAL_WITH_ENDING = /^\p{N}+[-.]?\p{Ll}+$/u;
const EDGE_PUNCTUATION = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu;
const HAS_LETTER = /\p{L}/u;
const HAS_DIGIT = /\p{N}/u;
const WORDS_AND_SPACES = /\s+|\S+/gu;
const LETTER_RUNS = /\p{L}[\p{L}\p{M}]*/gu;

/** Identifiers mixing letters and digits: RS-24, XM-DAC-41114-PROJECT-00058294, COVID-19, A4. */
function isCode(chunk: string): boolean {
  const core = chunk.replace(EDGE_PUNCTUATION, '');
  return HAS_LETTER.test(core) && HAS_DIGIT.test(core) && !NUMERAL_WITH_ENDING.test(core);
}

export function isLatinKeepWord(word: string): boolean {
  return (
    CURRENCY_CODES.has(word) ||
    TECHNICAL_WORDS.has(word.toLowerCase()) ||
    (ROMAN_NUMERAL.test(word) && !NOT_ROMAN_NUMERALS.has(word))
  );
}

function chunkPieces(chunk: string): Piece[] {
  if (isCode(chunk)) return [{ text: chunk, keep: true }];
  const pieces: Piece[] = [];
  let at = 0;
  for (const match of chunk.matchAll(LETTER_RUNS)) {
    if (!isLatinKeepWord(match[0])) continue;
    pieces.push(
      { text: chunk.slice(at, match.index), keep: false },
      { text: match[0], keep: true },
    );
    at = match.index + match[0].length;
  }
  pieces.push({ text: chunk.slice(at), keep: false });
  return pieces;
}

function plainPieces(text: string): Piece[] {
  return [...text.matchAll(WORDS_AND_SPACES)].flatMap((match) => chunkPieces(match[0]));
}

/** Joins neighbours of the same kind and drops empty pieces. */
function merge(pieces: Piece[]): Piece[] {
  const merged: Piece[] = [];
  for (const piece of pieces) {
    if (piece.text === '') continue;
    const last = merged.at(-1);
    if (last && last.keep === piece.keep)
      merged[merged.length - 1] = { text: last.text + piece.text, keep: piece.keep };
    else merged.push(piece);
  }
  return merged;
}

/**
 * Splits `text` into pieces that stay in Latin (`keep`) and ordinary text.
 * Joining the pieces' text gives back `text` exactly.
 */
export function splitLatinTokens(text: string): Piece[] {
  const pieces: Piece[] = [];
  let at = 0;
  const scanner = new RegExp(URL_OR_EMAIL_OR_BRACE.source, URL_OR_EMAIL_OR_BRACE.flags);
  for (let match = scanner.exec(text); match; match = scanner.exec(text)) {
    const span = match[0] === '{' ? parseIcuArgument(text, match.index, splitLatinTokens) : null;
    if (match[0] === '{' && !span) continue;
    pieces.push(...plainPieces(text.slice(at, match.index)));
    if (span) pieces.push(...span.pieces);
    else pieces.push({ text: match[0], keep: true });
    at = span ? span.end : match.index + match[0].length;
    scanner.lastIndex = at;
  }
  pieces.push(...plainPieces(text.slice(at)));
  return merge(pieces);
}
