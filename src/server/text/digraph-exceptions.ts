/**
 * Words where Latin "nj" or "dž" are two Serbian letters, not one.
 *
 * Latin spelling cannot tell "nj" = њ from "n" + "j" (or "dž" = џ from "d" + "ž");
 * Serbian orthography settles it word by word, and the Cyrillic spelling shows
 * the difference. The cases are words where a prefix or a foreign root ends in
 * "n"/"d" and the next part begins with "j"/"ž" (GLOSSARY §4.8).
 *
 * Entries are matched case-insensitively at the start of a word, so one stem
 * covers every inflection ("injekcija", "injekcijom", "INJEKCIJE"). They are
 * not matched inside words, because short stems would hit ordinary words
 * ("svinjica" contains "injic" but is свињица).
 *
 * A stem is listed only when every word starting with it splits the pair:
 * "odžal" (odžaliti → оджалити) is safe, a bare "odž" is not (odžak → оџак).
 */

/** n + j: prefixes in-, kon-, van- before a root in j-, and the acronym Tanjug. */
export const SEPARATE_NJ_STEMS: readonly string[] = [
  'injek', // injekcija → инјекција, injektor → инјектор
  'injic', // injicirati → инјицирати
  'injunk', // injunkcija → инјункција
  'konjug', // konjugacija → конјугација
  'konjunk', // konjunktura → конјунктура, konjunkcija, konjunktiv
  'konjekt', // konjektura → конјектура
  'vanjez', // vanjezički → ванјезички
  'tanjug', // Tanjug (Telegrafska agencija nove Jugoslavije) → Танјуг
];

/** d + ž: prefixes nad-, pod-, od-, pred- before a root in ž-. */
export const SEPARATE_DZ_STEMS: readonly string[] = [
  'nadživ', // nadživeti, nadživljavati → надживети
  'nadžnj', // nadžnjeti → наджњети
  'podžanr', // podžanr → поджанр
  'podželud', // podželudačna (žlezda) → поджелудачна
  'podžup', // podžupan, podžupanija → поджупан
  'odžal', // odžaliti, odžalovati → оджалити
  'odživ', // odživeti → одживети
  'predžet', // predžetveni → преджетвени
];

interface SplitRule {
  readonly stem: string;
  readonly at: number;
}

function rulesFor(stems: readonly string[], pair: string): SplitRule[] {
  return stems.map((stem) => ({ stem, at: stem.indexOf(pair) }));
}

const RULES: readonly SplitRule[] = [
  ...rulesFor(SEPARATE_NJ_STEMS, 'nj'),
  ...rulesFor(SEPARATE_DZ_STEMS, 'dž'),
];

/**
 * Offsets in `word` where an "nj" or "dž" pair must be read as two letters.
 * `word` must be NFC-normalised, so that "ž" is one code unit.
 */
export function separatedPairOffsets(word: string): ReadonlySet<number> {
  const lower = word.toLowerCase();
  const offsets = new Set<number>();
  for (const rule of RULES) {
    if (lower.startsWith(rule.stem)) offsets.add(rule.at);
  }
  return offsets;
}
