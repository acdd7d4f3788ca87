/**
 * Serbian alphabet tables shared by both transliteration directions.
 *
 * The two scripts of Serbian map one to one (30 letters each); only three Latin
 * letters are written with two characters (lj, nj, dž), which is why those are
 * kept apart from the single letters.
 */

// Serbian alphabetical order (azbuka), letter for letter; digraph letters are below.
const LATIN_SINGLES = 'abvgdđežzijklmnoprstćufhcčš';
const CYRILLIC_SINGLES = 'абвгдђежзијклмнопрстћуфхцчш';

const SINGLE_LETTERS: ReadonlyArray<readonly [latin: string, cyrillic: string]> = Array.from(
  { length: LATIN_SINGLES.length },
  (_, index) => [LATIN_SINGLES.charAt(index), CYRILLIC_SINGLES.charAt(index)] as const,
);

const DIGRAPH_LETTERS: ReadonlyArray<readonly [latin: string, cyrillic: string]> = [
  ['lj', 'љ'],
  ['nj', 'њ'],
  ['dž', 'џ'],
];

function withUpperCase(
  pairs: ReadonlyArray<readonly [string, string]>,
): Array<readonly [string, string]> {
  return pairs.flatMap(([latin, cyrillic]) => [
    [latin, cyrillic] as const,
    [latin.toUpperCase(), cyrillic.toUpperCase()] as const,
  ]);
}

/** Single Latin letter → Cyrillic letter, both cases. */
export const LATIN_TO_CYRILLIC: ReadonlyMap<string, string> = new Map([
  ...withUpperCase(SINGLE_LETTERS),
  // Unicode has legacy one-character digraphs (U+01C4–U+01CC) for Serbo-Croatian;
  // text pasted from old documents may contain them.
  ['ǆ', 'џ'],
  ['ǅ', 'Џ'],
  ['Ǆ', 'Џ'],
  ['ǉ', 'љ'],
  ['ǈ', 'Љ'],
  ['Ǉ', 'Љ'],
  ['ǌ', 'њ'],
  ['ǋ', 'Њ'],
  ['Ǌ', 'Њ'],
]);

/**
 * Two-character Latin spelling → Cyrillic letter, for every case combination.
 * The case of the first character decides the case of the Cyrillic letter
 * ("Lj" and "LJ" are both Љ).
 */
export const LATIN_DIGRAPH_TO_CYRILLIC: ReadonlyMap<string, string> = new Map(
  DIGRAPH_LETTERS.flatMap(([latin, cyrillic]) => {
    const first = latin.charAt(0);
    const second = latin.slice(1);
    const upper = cyrillic.toUpperCase();
    return [
      [first + second, cyrillic],
      [first + second.toUpperCase(), cyrillic],
      [first.toUpperCase() + second, upper],
      [first.toUpperCase() + second.toUpperCase(), upper],
    ] as const;
  }),
);

/** Cyrillic letter → Latin spelling; the digraph letters give the lower or title-case form. */
export const CYRILLIC_TO_LATIN: ReadonlyMap<string, string> = new Map(
  [...SINGLE_LETTERS, ...DIGRAPH_LETTERS].flatMap(([latin, cyrillic]) => [
    [cyrillic, latin] as const,
    [cyrillic.toUpperCase(), latin.charAt(0).toUpperCase() + latin.slice(1)] as const,
  ]),
);

/** The Cyrillic capitals whose Latin spelling has two letters (Љ, Њ, Џ). */
export const CYRILLIC_DIGRAPH_CAPITALS: ReadonlySet<string> = new Set(
  DIGRAPH_LETTERS.map(([, cyrillic]) => cyrillic.toUpperCase()),
);
