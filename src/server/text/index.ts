export { cyrillicToLatin, detectScript, latinToCyrillic, type Script } from './transliterate.js';
export {
  normaliseLanguageTag,
  normaliseNarratives,
  pickNarrative,
  withDerivedScripts,
  type Narratives,
} from './narratives.js';
export { escapeLike, foldForSearch, foldQuery, searchDocument } from './fold.js';
