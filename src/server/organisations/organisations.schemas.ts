import { z } from 'zod';
import {
  Limit,
  listParam,
  Narratives,
  PublicationStatus,
  RequiredNarratives,
  Uuid,
  Version,
} from '../shared/schemas.js';

export const ORGANISATION_KINDS = [
  'national_government',
  'coordination_body',
  'municipality',
  'multilateral',
  'eu',
  'osce',
  'bilateral_donor',
  'ngo',
  'private',
  'other',
] as const;
export const OrganisationKind = z.enum(ORGANISATION_KINDS);
export type OrganisationKind = z.infer<typeof OrganisationKind>;

/** Kinds that count as "international partner" in a project's partnership summary. */
export const INTERNATIONAL_KINDS: readonly OrganisationKind[] = [
  'multilateral',
  'eu',
  'osce',
  'bilateral_donor',
];

export const IatiOrgRef = z
  .string()
  .trim()
  .min(2)
  .max(200)
  .regex(/^[^\s/&|?]+$/, 'must be an IATI organisation identifier without spaces, / & | or ?');

export const Contact = z.object({
  name: z.string().trim().max(200).optional(),
  role: z.string().trim().max(200).optional(),
  organisation_unit: z.string().trim().max(200).optional(),
  email: z.email().optional(),
  phone: z.string().trim().max(50).optional(),
  website: z.url().optional(),
});

const fields = {
  names: RequiredNarratives,
  acronym: z.string().trim().min(1).max(40).nullable(),
  iati_ref: IatiOrgRef.nullable(),
  iati_type: z
    .string()
    .trim()
    .regex(/^\d{2}$/, 'must be a two-digit IATI OrganisationType code')
    .nullable(),
  country: z
    .string()
    .trim()
    .regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code')
    .nullable(),
  kind: OrganisationKind,
  parent_id: Uuid.nullable(),
  place_id: Uuid.nullable().describe('For a municipality: its place in the gazetteer'),
  website: z.url().nullable(),
  contacts: z.array(Contact).max(50),
  publication_status: PublicationStatus,
  illustrative: z.boolean(),
};

export const OrganisationCreate = z
  .object({
    ...fields,
    acronym: fields.acronym.default(null),
    iati_ref: fields.iati_ref.default(null),
    iati_type: fields.iati_type.default(null),
    country: fields.country.default(null),
    parent_id: fields.parent_id.default(null),
    place_id: fields.place_id.default(null),
    website: fields.website.default(null),
    contacts: fields.contacts.default([]),
    publication_status: fields.publication_status.default('draft'),
    illustrative: fields.illustrative.default(false),
  })
  .strict();
export type OrganisationCreate = z.output<typeof OrganisationCreate>;

export const OrganisationUpdate = z
  .object({ ...fields, version: Version })
  .partial()
  .required({ version: true })
  .strict();
export type OrganisationUpdate = z.output<typeof OrganisationUpdate>;

export const OrganisationListQuery = z.object({
  q: z
    .string()
    .max(200)
    .optional()
    .describe('Text search, indifferent to case, diacritics and script'),
  kind: listParam(OrganisationKind).optional(),
  parent: Uuid.optional(),
  publication_status: listParam(PublicationStatus).optional(),
  limit: Limit,
  cursor: z.string().optional(),
});
export type OrganisationListQuery = z.output<typeof OrganisationListQuery>;

export const OrganisationOut = z.object({
  id: Uuid,
  names: Narratives,
  names_derived: z
    .array(z.string())
    .describe('Language tags whose text is derived (the other Serbian script)'),
  acronym: z.string().nullable(),
  iati_ref: z.string().nullable(),
  iati_type: z.string().nullable(),
  country: z.string().nullable(),
  kind: OrganisationKind,
  parent_id: Uuid.nullable(),
  place_id: Uuid.nullable(),
  website: z.string().nullable(),
  contacts: z.array(Contact),
  publication_status: PublicationStatus,
  illustrative: z.boolean(),
  version: z.number().int(),
  created_at: z.string(),
  updated_at: z.string(),
});
export type OrganisationOut = z.infer<typeof OrganisationOut>;
