import { z } from 'zod';
import { Narratives } from '../shared/schemas.js';
import { OFFICE_SECTOR_CODELIST } from './codelists.sources.js';

/** Codelist names as IATI spells them: "Sector", "UNSDG-Goals", "AidType-category", "OfficeSector". */
export const CodelistName = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z][A-Za-z0-9-]*$/, 'must be a codelist name such as Sector or UNSDG-Goals');

export const ItemStatus = z.enum(['active', 'withdrawn']);
export type ItemStatus = z.infer<typeof ItemStatus>;

// ---- data/iati-codelists/json/*.json (derived from IATI's XML; see its PROVENANCE.md) ----

/** The derived files write a missing text as null and sometimes hold blank strings: both mean "none". */
const SourceTexts = z.record(z.string(), z.string()).nullable().optional();

export const IatiCodelistFile = z.object({
  metadata: z.looseObject({
    name: CodelistName,
    embedded: z.boolean(),
    // IATI's "complete" attribute is optional; "1"/"0" where given.
    complete: z.enum(['0', '1']).nullable(),
    source_file: z.string(),
  }),
  items: z.array(
    z.object({
      code: z.string().min(1),
      name: SourceTexts,
      description: SourceTexts,
      category: z.string().optional(),
      status: ItemStatus.optional(),
      activation_date: z.string().optional(),
      withdrawal_date: z.string().optional(),
    }),
  ),
});
export type IatiCodelistFile = z.infer<typeof IatiCodelistFile>;

// ---- data/office-sectors.json ----

const Dac3 = z.string().regex(/^\d{3}$/, 'must be a 3-digit DAC sector category');
const Dac5 = z.string().regex(/^\d{5}$/, 'must be a 5-digit DAC purpose code');

export const OfficeSector = z.strictObject({
  code: z.string().regex(/^[a-z][a-z_]*$/),
  name: Narratives,
  source: z.string().optional(),
  dac3: z.array(Dac3),
  dac5: z.array(Dac5),
});
export type OfficeSector = z.infer<typeof OfficeSector>;

export const OfficeSectorFile = z.strictObject({
  codelist: z.literal(OFFICE_SECTOR_CODELIST),
  vocabulary: z.literal('99'),
  description: Narratives.optional(),
  items: z.array(OfficeSector).min(1),
});
export type OfficeSectorFile = z.infer<typeof OfficeSectorFile>;

// ---- HTTP ----

export const CodelistParams = z.object({
  name: CodelistName.describe('Codelist name, e.g. Sector'),
});

export const LABEL_LANGUAGES = ['sq', 'sr-Latn', 'sr-Cyrl', 'en', 'fr'] as const;

export const CodelistQuery = z.object({
  lang: z
    .enum(LABEL_LANGUAGES)
    .optional()
    .describe('Adds a label per item in this language, falling back to English'),
  status: ItemStatus.optional().describe('Only items with this status'),
});
export type CodelistQuery = z.output<typeof CodelistQuery>;

export const CodelistSummaryOut = z.object({
  name: z.string(),
  version: z.string().describe('Source and commit, or a content hash for the office list'),
  embedded: z.boolean().describe('IATI embedded list (versioned with the Standard)'),
  complete: z.boolean().describe('Codes outside the list are not allowed'),
  source: z.string(),
  loaded_at: z.string(),
  item_count: z.number().int(),
  active_count: z.number().int(),
});
export type CodelistSummaryOut = z.infer<typeof CodelistSummaryOut>;

export const CodelistItemOut = z.object({
  code: z.string(),
  name: Narratives,
  description: Narratives,
  derived: z
    .array(z.string())
    .describe('Language tags of name/description derived by transliteration'),
  category: z.string().nullable(),
  status: ItemStatus,
  extra: z.record(z.string(), z.unknown()),
  label: z
    .string()
    .optional()
    .describe('The name in ?lang=, else English, else any; the code if none'),
});
export type CodelistItemOut = z.infer<typeof CodelistItemOut>;

export const CodelistOut = CodelistSummaryOut.extend({
  languages: z
    .array(z.string())
    .describe('Languages of the names and descriptions, derived ones included'),
  items: z.array(CodelistItemOut),
});
export type CodelistOut = z.infer<typeof CodelistOut>;
