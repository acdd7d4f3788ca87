import { latinToCyrillic } from '../text/index.js';

/**
 * The kinds of problem the data-quality list reports, how serious each is, where in the back
 * office it is fixed, and its message in sq, sr-Latn and en (sr-Cyrl derived). {placeholders}
 * are filled per issue; numbers are formatted for each locale.
 */
export const QUALITY_KINDS = [
  'missing_dates',
  'missing_sector',
  'missing_place',
  'sector_percentages',
  'location_percentages',
  'duplicate_publishers',
  'money_without_currency',
  'money_value_date',
  'budget_period_over_year',
  'end_before_start',
  'published_without_description',
] as const;
export type QualityKind = (typeof QUALITY_KINDS)[number];
export type Severity = 'error' | 'warning' | 'info';

interface KindInfo {
  section: string;
  messages: { en: string; sq: string; 'sr-Latn': string };
}

export const KIND_INFO: Record<QualityKind, KindInfo> = {
  missing_dates: {
    section: 'dates',
    messages: {
      en: 'No {which} date (planned or actual).',
      sq: 'Nuk ka datë {which} (të planifikuar ose faktike).',
      'sr-Latn': 'Nema datuma {which} (planiranog ili stvarnog).',
    },
  },
  missing_sector: {
    section: 'sectors',
    messages: {
      en: 'No sector.',
      sq: 'Nuk ka sektor.',
      'sr-Latn': 'Nema sektora.',
    },
  },
  missing_place: {
    section: 'locations',
    messages: {
      en: 'No place: add the municipality or settlement where the work is done.',
      sq: 'Nuk ka vend: shtoni komunën ose vendbanimin ku zbatohet puna.',
      'sr-Latn': 'Nema mesta: dodajte opštinu ili naselje gde se posao sprovodi.',
    },
  },
  sector_percentages: {
    section: 'sectors',
    messages: {
      en: 'Sector percentages of vocabulary {vocabulary} add up to {sum}, not 100.',
      sq: 'Shuma e përqindjeve të sektorëve në fjalorin {vocabulary} është {sum}, jo 100.',
      'sr-Latn': 'Zbir procenata sektora u rečniku {vocabulary} je {sum}, a ne 100.',
    },
  },
  location_percentages: {
    section: 'locations',
    messages: {
      en: 'Location percentages add up to {sum}, not 100.',
      sq: 'Shuma e përqindjeve të vendndodhjeve është {sum}, jo 100.',
      'sr-Latn': 'Zbir procenata lokacija je {sum}, a ne 100.',
    },
  },
  duplicate_publishers: {
    section: 'links',
    messages: {
      en: 'Also reported by {publisher} as “{other}” ({reason}): check that the two records are linked so that money is counted once.',
      sq: 'Raportohet edhe nga {publisher} si “{other}” ({reason}): kontrolloni që të dy regjistrimet janë të lidhura që paratë të numërohen një herë.',
      'sr-Latn':
        'Izveštava i {publisher} kao „{other}“ ({reason}): proverite da su dva zapisa povezana kako bi se novac računao jednom.',
    },
  },
  money_without_currency: {
    section: 'finance',
    messages: {
      en: 'A {row} of {value} has no valid currency (“{currency}”).',
      sq: 'Një {row} prej {value} nuk ka monedhë të vlefshme (“{currency}”).',
      'sr-Latn': 'Stavka ({row}) od {value} nema ispravnu valutu („{currency}“).',
    },
  },
  money_value_date: {
    section: 'finance',
    messages: {
      en: 'A {row} of {value} {currency} has a value date in the future ({date}): it cannot be converted.',
      sq: 'Një {row} prej {value} {currency} ka datë vlere në të ardhmen ({date}): nuk mund të konvertohet.',
      'sr-Latn':
        'Stavka ({row}) od {value} {currency} ima datum vrednosti u budućnosti ({date}): ne može se preračunati.',
    },
  },
  budget_period_over_year: {
    section: 'finance',
    messages: {
      en: 'A budget period runs from {start} to {end}: IATI allows at most one year.',
      sq: 'Një periudhë buxhetore shkon nga {start} deri më {end}: IATI lejon më së shumti një vit.',
      'sr-Latn': 'Budžetski period traje od {start} do {end}: IATI dozvoljava najviše godinu dana.',
    },
  },
  end_before_start: {
    section: 'dates',
    messages: {
      en: 'The end date {end} is before the start date {start}.',
      sq: 'Data e përfundimit {end} është para datës së fillimit {start}.',
      'sr-Latn': 'Datum završetka {end} je pre datuma početka {start}.',
    },
  },
  published_without_description: {
    section: 'description',
    messages: {
      en: 'Published without a description.',
      sq: 'Publikuar pa përshkrim.',
      'sr-Latn': 'Objavljeno bez opisa.',
    },
  },
};

const LOCALE_FORMAT: Record<string, string> = {
  en: 'en-GB',
  sq: 'sq',
  'sr-Latn': 'sr-Latn',
  'sr-Cyrl': 'sr-Cyrl',
};

/** A word of a message in each language (sr-Cyrl is derived from sr-Latn). */
export interface LocalText {
  en: string;
  sq: string;
  'sr-Latn': string;
}
export type MessageParam = string | number | LocalText;
type Lang = 'en' | 'sq' | 'sr-Latn' | 'sr-Cyrl';

export const WORDS = {
  start: { en: 'start', sq: 'fillimi', 'sr-Latn': 'početka' },
  end: { en: 'end', sq: 'përfundimi', 'sr-Latn': 'završetka' },
  start_end: {
    en: 'start or end',
    sq: 'fillimi ose përfundimi',
    'sr-Latn': 'početka ni završetka',
  },
  transaction: { en: 'transaction', sq: 'transaksion', 'sr-Latn': 'transakcija' },
  budget: { en: 'budget', sq: 'buxhet', 'sr-Latn': 'budžet' },
  planned_disbursement: {
    en: 'planned disbursement',
    sq: 'disbursim i planifikuar',
    'sr-Latn': 'planirana isplata',
  },
  same_identifier: {
    en: 'same IATI identifier',
    sq: 'i njëjti identifikues IATI',
    'sr-Latn': 'isti IATI identifikator',
  },
  related_activity: {
    en: 'related activity',
    sq: 'aktivitet i lidhur',
    'sr-Latn': 'povezana aktivnost',
  },
  provider_activity: {
    en: 'provider activity',
    sq: 'aktivitet i ofruesit',
    'sr-Latn': 'aktivnost davaoca',
  },
  receiver_activity: {
    en: 'receiver activity',
    sq: 'aktivitet i marrësit',
    'sr-Latn': 'aktivnost primaoca',
  },
  manual: { en: 'linked by hand', sq: 'lidhur me dorë', 'sr-Latn': 'ručno povezano' },
  same_title_and_dates: {
    en: 'same title and dates, not linked',
    sq: 'i njëjti titull dhe data, të palidhura',
    'sr-Latn': 'isti naziv i datumi, nisu povezani',
  },
} satisfies Record<string, LocalText>;

function fill(template: string, params: Record<string, MessageParam>, lang: Lang): string {
  const nf = new Intl.NumberFormat(LOCALE_FORMAT[lang] ?? 'en-GB', { maximumFractionDigits: 4 });
  return template.replace(/\{(\w+)\}/g, (_m, key: string) => {
    const v = params[key];
    if (v === undefined) return '';
    if (typeof v === 'number') return nf.format(v);
    if (typeof v === 'string') return v;
    return lang === 'sr-Cyrl' ? latinToCyrillic(v['sr-Latn']) : v[lang];
  });
}

/** The message of one issue in the four locales of the interface. */
export function qualityMessage(
  kind: QualityKind,
  params: Record<string, MessageParam>,
): Record<Lang, string> {
  const m = KIND_INFO[kind].messages;
  return {
    en: fill(m.en, params, 'en'),
    sq: fill(m.sq, params, 'sq'),
    'sr-Latn': fill(m['sr-Latn'], params, 'sr-Latn'),
    'sr-Cyrl': fill(latinToCyrillic(m['sr-Latn']), params, 'sr-Cyrl'),
  };
}

export function fixUrl(kind: QualityKind, activityId: string): string {
  return `/office/activities/${activityId}#${KIND_INFO[kind].section}`;
}
