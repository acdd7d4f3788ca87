/**
 * Search folding: one spelling for every way a name can be typed, so that
 * "presevo", "Preševo", "PREŠEVO", "Прешево" and "ПРЕШЕВО" all become
 * "presevo", and Albanian "Preshevë" becomes "presheve".
 *
 * Matching in SQL: each searchable row stores searchDocument(...) in a
 * `search_text` column, and a query matches with
 *
 *   search_text LIKE '%' || $1 || '%'        -- $1 = escapeLike(foldQuery(q))
 *
 * (backslash is PostgreSQL's default LIKE escape). A folded query holds only
 * letters, digits and single spaces, so escaping is a safeguard rather than a
 * need; an empty folded query should mean "no filter". Because parts of the
 * document are joined with " | " and a folded query never contains "|", a
 * query cannot match across two texts.
 */
import { cyrillicToLatin } from './transliterate.js';

type DjFolding = 'dj' | 'd';

// Letters that NFKD does not split into a base letter plus marks.
const STROKED_AND_LIGATURE_LETTERS: Readonly<Record<string, string>> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  ð: 'd',
  þ: 'th',
  ħ: 'h',
  ı: 'i',
  ŧ: 't',
  ŋ: 'n',
};
const STROKED_OR_LIGATURE = new RegExp(
  `[${Object.keys(STROKED_AND_LIGATURE_LETTERS).join('')}]`,
  'gu',
);
const COMBINING_MARKS = /\p{M}+/gu;
const NOT_LETTER_OR_DIGIT = /[^\p{L}\p{N}]+/gu;
const HAS_DJ = /[đĐђЂ]/u;
const DOCUMENT_SEPARATOR = ' | ';

function fold(text: string, dj: DjFolding): string {
  return (
    cyrillicToLatin(text)
      // NFKD also unpacks compatibility forms: ǆ → dž, ﬁ → fi, full-width letters.
      .normalize('NFKD')
      .replace(COMBINING_MARKS, '')
      // toLowerCase, not toLocaleLowerCase: the server's locale must not matter.
      .toLowerCase()
      .replaceAll('đ', dj)
      .replace(STROKED_OR_LIGATURE, (ch) => STROKED_AND_LIGATURE_LETTERS[ch] ?? ch)
      .replace(NOT_LETTER_OR_DIGIT, ' ')
      .trim()
  );
}

/**
 * Folds text for search: Cyrillic to Latin, no diacritics, lower case, đ as
 * "dj" (the usual ASCII spelling: Medveđa → medvedja), runs of anything that
 * is not a letter or digit as one space.
 */
export function foldForSearch(text: string): string {
  return fold(text, 'dj');
}

/** The folding applied to what a user types; identical to foldForSearch. */
export function foldQuery(query: string): string {
  return foldForSearch(query);
}

/**
 * The value of a `search_text` column: the folded texts joined by " | ",
 * without empty or repeated parts. A text with đ also gets a variant with
 * đ folded to "d", because people type Medveđa both as "medvedja" and
 * as "medveda".
 */
export function searchDocument(texts: ReadonlyArray<string | null | undefined>): string {
  const parts = new Set<string>();
  for (const text of texts) {
    if (text === null || text === undefined) continue;
    parts.add(fold(text, 'dj'));
    if (HAS_DJ.test(text)) parts.add(fold(text, 'd'));
  }
  parts.delete('');
  return [...parts].join(DOCUMENT_SEPARATOR);
}

/** Escapes LIKE wildcards (`%`, `_`) and the escape character (`\`). */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, '\\$&');
}
