export const PUBLICATION_STATUSES = ['draft', 'submitted', 'approved', 'published'] as const;
export type PublicationStatus = (typeof PUBLICATION_STATUSES)[number];
export const PARTICIPANT_ROLES = [
  'funding',
  'accountable',
  'extending',
  'implementing',
  'co_financing',
  'beneficiary',
] as const;
export const ACTIVITY_STATUSES = ['1', '2', '3', '4', '5', '6'] as const;
export const CURRENCIES = ['EUR', 'RSD', 'USD', 'CHF', 'GBP', 'SEK', 'NOK', 'DKK', 'JPY'] as const;
export const EDIT_LANGS = ['sq', 'sr-Latn', 'en'] as const;
