import { z } from 'zod';

export const Uuid = z.uuid('must be a UUID');

/** BCP 47 tags as used here: sq, en, sr-Latn, sr-Cyrl, fr, pt-BR … */
export const LangTag = z
  .string()
  .regex(
    /^[a-zA-Z]{2,3}(-[A-Za-z]{4})?(-[A-Za-z]{2}|-\d{3})?$/,
    'must be a language tag such as sq, en, sr-Latn or sr-Cyrl',
  );

/** Texts in several languages: { "sq": "…", "sr-Latn": "…", "en": "…" }. */
export const Narratives = z.record(LangTag, z.string().max(20_000));
export const RequiredNarratives = Narratives.refine(
  (n) => Object.values(n).some((t) => t.trim() !== ''),
  'needs a text in at least one language',
);

export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD')
  .refine(
    (s) => !Number.isNaN(Date.parse(s)) && new Date(s).toISOString().startsWith(s),
    'is not a real date',
  );

export const Percentage = z.number().min(0, 'must be at least 0').max(100, 'must be at most 100');

export const PUBLICATION_STATUSES = ['draft', 'submitted', 'approved', 'published'] as const;
export const PublicationStatus = z.enum(PUBLICATION_STATUSES);
export type PublicationStatus = z.infer<typeof PublicationStatus>;

export const Version = z.number().int().min(1);

/** Comma-separated or repeated query values. */
export function listParam<T extends z.ZodType>(item: T) {
  return z.preprocess(
    (v: unknown): unknown[] =>
      (Array.isArray(v) ? (v as unknown[]) : [v])
        .flatMap((s) => (typeof s === 'string' ? s.split(',') : [s]))
        .map((s) => (typeof s === 'string' ? s.trim() : s))
        .filter((s) => s !== ''),
    z.array(item),
  );
}

export const Limit = z.coerce.number().int().min(1).max(500).default(50);

export interface Page<T> {
  items: T[];
  next_cursor: string | null;
}

export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), next_cursor: z.string().nullable() });
}
