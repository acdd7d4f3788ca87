import { z } from 'zod';
import { IsoDate, Narratives, RequiredNarratives, Uuid, Version } from '../shared/schemas.js';
import { OWNER_TYPES } from './documents.owners.js';

const Category = z
  .string()
  .trim()
  .regex(/^[AB]\d{2}$/, 'must be an IATI DocumentCategory code such as A01 or B03');
const Language = z
  .string()
  .trim()
  .regex(/^[a-z]{2,3}$/, 'must be an ISO 639-1 language code such as sq, sr or en');

const fields = {
  title: RequiredNarratives.describe('Title by language tag: { "sq": "…", "sr-Latn": "…" }'),
  category: Category.nullable(),
  languages: z.array(Language).max(20),
  document_date: IsoDate.nullable(),
};

/** The metadata sent beside the file in a multipart upload (title defaults to the file name). */
export const DocumentCreate = z
  .object({
    title: fields.title.optional(),
    category: fields.category.default(null),
    languages: fields.languages.default([]),
    document_date: fields.document_date.default(null),
  })
  .strict();
export type DocumentCreate = z.output<typeof DocumentCreate>;

export const DocumentUpdate = z
  .object({ ...fields, file_name: z.string().trim().min(1).max(255), version: Version })
  .partial()
  .required({ version: true })
  .strict();
export type DocumentUpdate = z.output<typeof DocumentUpdate>;

/** The multipart form, as documented in the OpenAPI document. */
export const DocumentUploadForm = z.object({
  file: z.string().describe('The file (binary)'),
  title: z
    .string()
    .optional()
    .describe('JSON object of titles by language, or send title.sq, title.en … fields'),
  category: Category.optional(),
  languages: z.string().optional().describe('Comma-separated ISO 639-1 codes, or repeat the field'),
  document_date: IsoDate.optional(),
});

export const DocumentOut = z.object({
  id: Uuid,
  owner_type: z.enum(OWNER_TYPES),
  owner_id: Uuid,
  title: Narratives,
  title_derived: z.array(z.string()),
  category: z.string().nullable(),
  languages: z.array(z.string()),
  document_date: z.string().nullable(),
  file_name: z.string(),
  content_type: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  content_url: z.string(),
  version: z.number().int(),
  created_by: Uuid.nullable(),
  created_at: z.string(),
  updated_at: z.string(),
});
export type DocumentOut = z.infer<typeof DocumentOut>;
