import { foldForSearch } from '../text/index.js';

/**
 * Units written many ways, folded to one key so that "km", "kilometres of road" and "km puta"
 * add up, and "people trained", "osoba" and "persona" too. Anything not listed becomes a slug of
 * its own text, so the same wording still rolls up with itself.
 */
const SYNONYMS: [key: string, words: string[]][] = [
  [
    'km',
    [
      'km',
      'kilometre',
      'kilometres',
      'kilometer',
      'kilometers',
      'kilometar',
      'kilometara',
      'kilometra',
    ],
  ],
  ['m', ['m', 'metre', 'metres', 'meter', 'meters', 'metar', 'metara']],
  [
    'm2',
    [
      'm2',
      'sqm',
      'square metre',
      'square metres',
      'square meters',
      'kvadratnih metara',
      'metra katrore',
    ],
  ],
  ['ha', ['ha', 'hectare', 'hectares', 'hektar', 'hektara']],
  [
    'people',
    [
      'people',
      'person',
      'persons',
      'individuals',
      'beneficiaries',
      'participants',
      'trainees',
      'osoba',
      'osobe',
      'lica',
      'ljudi',
      'korisnika',
      'ucesnika',
      'persona',
      'personave',
      'njerez',
      'njerezve',
      'perfitues',
    ],
  ],
  [
    'households',
    ['households', 'household', 'domacinstva', 'domacinstava', 'familje', 'amvisni', 'amvisnive'],
  ],
  ['schools', ['schools', 'school', 'skola', 'skole', 'shkolla', 'shkolle', 'shkollave']],
  ['jobs', ['jobs', 'job', 'radna mesta', 'radnih mesta', 'vende pune', 'vendet e punes']],
  [
    'businesses',
    [
      'businesses',
      'business',
      'enterprises',
      'smes',
      'firms',
      'preduzeca',
      'preduzetnika',
      'biznese',
      'ndermarrje',
    ],
  ],
  ['buildings', ['buildings', 'building', 'objekata', 'objekti', 'ndertesa']],
  [
    'events',
    [
      'events',
      'event',
      'trainings',
      'workshops',
      'dogadjaja',
      'obuka',
      'radionica',
      'trajnime',
      'punetori',
    ],
  ],
];

const LOOKUP = new Map<string, string>();
for (const [key, words] of SYNONYMS) for (const w of words) LOOKUP.set(foldForSearch(w), key);

/** Words that qualify a unit without changing what is counted ("km of road", "people trained"). */
const QUALIFIERS =
  /\b(of|od|per|te|e|i|the|road|roads|puta|rruge|trained|obucenih|obucene|trajnuar|rebuilt|built|new|novih|renovated|reconstructed|rekonstruisanih)\b/g;

export function unitKey(unit: string): string | null {
  const folded = foldForSearch(unit)
    .replace(/[^a-z0-9² ]+/g, ' ')
    .replace('²', '2')
    .trim();
  if (!folded) return null;
  const whole = LOOKUP.get(folded);
  if (whole) return whole;
  const core = folded.replace(QUALIFIERS, ' ').replace(/\s+/g, ' ').trim();
  const found =
    LOOKUP.get(core) ??
    core
      .split(' ')
      .map((w) => LOOKUP.get(w))
      .find(Boolean);
  if (found) return found;
  return (
    folded
      .replace(/\s+/g, '-')
      .replace(/[^a-z0-9-]/g, '')
      .slice(0, 60)
      .replace(/^-+|-+$/g, '') || null
  );
}
