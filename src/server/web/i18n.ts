import { latinToCyrillic } from '../text/index.js';

export const LOCALES = ['sq', 'sr-Latn', 'sr-Cyrl', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/** Each language in its own name and script (glossary §4.6). */
export const LOCALE_NAMES: Record<Locale, string> = {
  sq: 'Shqip',
  'sr-Latn': 'Srpski (latinica)',
  'sr-Cyrl': 'Српски (ћирилица)',
  en: 'English',
};

/** Tags for Intl: English as written in the UK, Serbian with its script. */
export const INTL_TAGS: Record<Locale, string> = {
  sq: 'sq',
  'sr-Latn': 'sr-Latn',
  'sr-Cyrl': 'sr-Cyrl',
  en: 'en-GB',
};

const latin = {
  en: {
    'app.tagline': 'Partners, programmes and projects in Preševo, Bujanovac and Medveđa since 2001',
    'org.cb.full':
      'Coordination Body of the Government of the Republic of Serbia for the Municipalities of Preševo, Bujanovac and Medveđa',
    'home.programmes': 'Programmes',
    'home.no_programmes': 'No programmes have been published yet.',
    'home.years': 'Years',
    'home.funders': 'Funding',
    'home.implementers': 'Implementing',
    'home.budget': 'Budget',
    'home.partnership': 'Partnership',
    'partnership.government': 'Government',
    'partnership.municipality': 'municipality',
    'partnership.international': 'international partner',
    'home.illustrative': 'illustrative example',
    'home.unknown': 'unknown',
    'home.api': 'Open data API',
    'home.municipalities': 'Municipalities',
    'home.settlements': '{count} settlements',
    'nav.language': 'Language',
  },
  sq: {
    'app.tagline':
      'Partnerët, programet dhe projektet në Preshevë, Bujanoc dhe Medvegjë që nga viti 2001',
    'org.cb.full':
      'Trupi Koordinues i Qeverisë së Republikës së Serbisë për komunat Preshevë, Bujanoc dhe Medvegjë',
    'home.programmes': 'Programet',
    'home.no_programmes': 'Ende nuk është publikuar asnjë program.',
    'home.years': 'Vitet',
    'home.funders': 'Financimi',
    'home.implementers': 'Zbatimi',
    'home.budget': 'Buxheti',
    'home.partnership': 'Partneriteti',
    'partnership.government': 'Qeveria',
    'partnership.municipality': 'komuna',
    'partnership.international': 'partner ndërkombëtar',
    'home.illustrative': 'shembull ilustrues',
    'home.unknown': 'e panjohur',
    'home.api': 'API i të dhënave të hapura',
    'home.municipalities': 'Komunat',
    'home.settlements': '{count} vendbanime',
    'nav.language': 'Gjuha',
  },
  'sr-Latn': {
    'app.tagline': 'Partneri, programi i projekti u Preševu, Bujanovcu i Medveđi od 2001. godine',
    'org.cb.full':
      'Koordinaciono telo Vlade Republike Srbije za opštine Preševo, Bujanovac i Medveđa',
    'home.programmes': 'Programi',
    'home.no_programmes': 'Još nijedan program nije objavljen.',
    'home.years': 'Godine',
    'home.funders': 'Finansiranje',
    'home.implementers': 'Sprovođenje',
    'home.budget': 'Budžet',
    'home.partnership': 'Partnerstvo',
    'partnership.government': 'Vlada',
    'partnership.municipality': 'opština',
    'partnership.international': 'međunarodni partner',
    'home.illustrative': 'ilustrativni primer',
    'home.unknown': 'nepoznato',
    'home.api': 'API otvorenih podataka',
    'home.municipalities': 'Opštine',
    'home.settlements': '{count} naselja',
    'nav.language': 'Jezik',
  },
} as const;

export type MessageKey = keyof (typeof latin)['en'];

/** Serbian Cyrillic is never translated separately: it is derived from the Latin catalogue. */
const catalogues: Record<Locale, Record<MessageKey, string>> = {
  en: latin.en,
  sq: latin.sq,
  'sr-Latn': latin['sr-Latn'],
  'sr-Cyrl': Object.fromEntries(
    Object.entries(latin['sr-Latn']).map(([k, v]) => [k, latinToCyrillic(v)]),
  ) as Record<MessageKey, string>,
};

export function t(
  locale: Locale,
  key: MessageKey,
  vars: Record<string, string | number> = {},
): string {
  return catalogues[locale][key].replace(/\{(\w+)\}/g, (_m, name: string) =>
    String(vars[name] ?? `{${name}}`),
  );
}

export function isLocale(s: string): s is Locale {
  return (LOCALES as readonly string[]).includes(s);
}

/** Picks the reader's language from Accept-Language; Serbian without a script means Latin. */
export function negotiateLocale(header: string | undefined): Locale {
  const wanted = (header ?? '')
    .split(',')
    .map((part) => {
      const [tag = '', q = 'q=1'] = part.trim().split(';');
      return { tag: tag.toLowerCase(), q: Number(q.replace('q=', '')) || 0 };
    })
    .sort((a, b) => b.q - a.q);
  for (const { tag } of wanted) {
    if (tag.startsWith('sq')) return 'sq';
    if (tag === 'sr-cyrl' || tag.startsWith('sr-cyrl')) return 'sr-Cyrl';
    if (tag.startsWith('sr') || tag.startsWith('bs') || tag.startsWith('hr')) return 'sr-Latn';
    if (tag.startsWith('en')) return 'en';
  }
  return 'sr-Latn';
}

/** Formats money on the server: headless browsers lack Albanian number data (see STACK.md). */
export function formatMoney(locale: Locale, value: string, currency: string): string {
  const n = Number(value);
  return new Intl.NumberFormat(INTL_TAGS[locale], {
    style: 'currency',
    currency,
    maximumFractionDigits: 0,
  }).format(n);
}
