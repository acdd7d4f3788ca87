import { z } from 'zod';
import {
  IsoDate,
  Limit,
  listParam,
  Narratives,
  Percentage,
  PublicationStatus,
  RequiredNarratives,
  Uuid,
  Version,
} from '../shared/schemas.js';

/**
 * Partnership roles: the four IATI OrganisationRole codes, and two this office needs beyond IATI —
 * co-financing by the Government, the Coordination Body or a municipality, and the beneficiary
 * municipality.
 */
export const ROLES = [
  'funding',
  'accountable',
  'extending',
  'implementing',
  'co_financing',
  'beneficiary',
] as const;
export const ParticipantRole = z.enum(ROLES);
export type ParticipantRole = z.infer<typeof ParticipantRole>;

/** IATI OrganisationRole codes for the four IATI roles. */
export const IATI_ROLE_CODES: Partial<Record<ParticipantRole, string>> = {
  funding: '1',
  accountable: '2',
  extending: '3',
  implementing: '4',
};

export const Participant = z
  .object({
    organisation_id: Uuid,
    role: ParticipantRole,
    iati_activity_ref: z.string().trim().min(1).max(200).nullable().default(null),
  })
  .strict();

export const Location = z
  .object({
    place_id: Uuid.nullable().default(null),
    lat: z.number().min(-90).max(90).nullable().default(null),
    lon: z.number().min(-180).max(180).nullable().default(null),
    name: Narratives.default({}),
    percentage: Percentage.nullable().default(null),
  })
  .strict()
  .refine((l) => l.place_id !== null || (l.lat !== null && l.lon !== null), {
    message: 'a location needs a place_id or both lat and lon',
  })
  .refine((l) => (l.lat === null) === (l.lon === null), {
    message: 'give both lat and lon, or neither',
  });

export const Sector = z
  .object({
    vocabulary: z.string().trim().min(1).max(10).default('1'),
    code: z.string().trim().min(1).max(50),
    percentage: Percentage.nullable().default(null),
  })
  .strict();

export const PolicyMarker = z
  .object({
    vocabulary: z.string().trim().min(1).max(10).default('1'),
    code: z.string().trim().min(1).max(50),
    significance: z
      .string()
      .trim()
      .regex(/^\d$/, 'must be a PolicySignificance code (0–4)')
      .nullable()
      .default(null),
  })
  .strict();

export const Tag = z
  .object({
    vocabulary: z.string().trim().min(1).max(10),
    code: z.string().trim().min(1).max(50),
  })
  .strict();

export const AidTypeRef = z.object({
  vocabulary: z.string().trim().min(1).max(10).default('1'),
  code: z.string().trim().min(1).max(20),
});

export const Budget = z
  .object({
    type: z.enum(['1', '2']).default('1').describe('IATI BudgetType: 1 original, 2 revised'),
    status: z
      .enum(['1', '2'])
      .default('1')
      .describe('IATI BudgetStatus: 1 indicative, 2 committed'),
    period_start: IsoDate,
    period_end: IsoDate,
    value: z
      .string()
      .regex(
        /^\d{1,18}(\.\d{1,2})?$/,
        'must be a non-negative decimal amount as a string, e.g. "1500000.00"',
      ),
    currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 currency code'),
    value_date: IsoDate,
    note: z.string().max(2000).nullable().default(null),
  })
  .strict()
  .refine((b) => b.period_end >= b.period_start, {
    message: 'period_end is before period_start',
    path: ['period_end'],
  });

export const DocumentLink = z
  .object({
    url: z.url(),
    title: Narratives.default({}),
    category: z.string().trim().max(10).nullable().default(null),
    format: z.string().trim().max(100).nullable().default(null),
    language: z.string().trim().max(10).nullable().default(null),
    document_date: IsoDate.nullable().default(null),
    note: z.string().max(2000).nullable().default(null),
  })
  .strict();

const fields = {
  iati_identifier: z
    .string()
    .trim()
    .min(3)
    .max(250)
    .regex(/^[^\s/&|?]+$/, 'must be an IATI identifier without spaces, / & | or ?')
    .nullable(),
  parent_id: Uuid.nullable(),
  hierarchy: z.number().int().min(1).max(5).describe('1 programme, 2 project, 3 sub-project'),
  title: RequiredNarratives,
  description: Narratives,
  status: z.string().trim().regex(/^\d$/, 'must be an IATI ActivityStatus code').nullable(),
  planned_start: IsoDate.nullable(),
  actual_start: IsoDate.nullable(),
  planned_end: IsoDate.nullable(),
  actual_end: IsoDate.nullable(),
  scope: z.string().trim().max(5).nullable(),
  default_currency: z
    .string()
    .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 currency code')
    .nullable(),
  reporting_org_id: Uuid.nullable(),
  collaboration_type: z.string().trim().max(5).nullable(),
  default_flow_type: z.string().trim().max(5).nullable(),
  default_finance_type: z.string().trim().max(5).nullable(),
  default_aid_types: z.array(AidTypeRef).max(20),
  default_tied_status: z.string().trim().max(5).nullable(),
  humanitarian: z.boolean().nullable(),
  illustrative: z.boolean().describe('Marks an example record that is not a real project'),
  publication_status: PublicationStatus,
  participants: z.array(Participant).max(200),
  locations: z.array(Location).max(500),
  sectors: z.array(Sector).max(200),
  policy_markers: z.array(PolicyMarker).max(50),
  tags: z.array(Tag).max(100),
  budgets: z.array(Budget).max(500),
  document_links: z.array(DocumentLink).max(500),
};

export const ActivityCreate = z
  .object({
    ...fields,
    iati_identifier: fields.iati_identifier.default(null),
    parent_id: fields.parent_id.default(null),
    hierarchy: fields.hierarchy.optional(),
    description: fields.description.default({}),
    status: fields.status.default(null),
    planned_start: fields.planned_start.default(null),
    actual_start: fields.actual_start.default(null),
    planned_end: fields.planned_end.default(null),
    actual_end: fields.actual_end.default(null),
    scope: fields.scope.default(null),
    default_currency: fields.default_currency.default(null),
    reporting_org_id: fields.reporting_org_id.default(null),
    collaboration_type: fields.collaboration_type.default(null),
    default_flow_type: fields.default_flow_type.default(null),
    default_finance_type: fields.default_finance_type.default(null),
    default_aid_types: fields.default_aid_types.default([]),
    default_tied_status: fields.default_tied_status.default(null),
    humanitarian: fields.humanitarian.default(null),
    illustrative: fields.illustrative.default(false),
    publication_status: fields.publication_status.default('draft'),
    participants: fields.participants.default([]),
    locations: fields.locations.default([]),
    sectors: fields.sectors.default([]),
    policy_markers: fields.policy_markers.default([]),
    tags: fields.tags.default([]),
    budgets: fields.budgets.default([]),
    document_links: fields.document_links.default([]),
  })
  .strict();
export type ActivityCreate = z.output<typeof ActivityCreate>;
export type ActivityCreateInput = z.input<typeof ActivityCreate>;

/** A partial update; lists sent replace the stored list whole. */
export const ActivityUpdate = z
  .object({ ...fields, version: Version })
  .partial()
  .required({ version: true })
  .strict();
export type ActivityUpdate = z.output<typeof ActivityUpdate>;

export const ActivityListQuery = z.object({
  q: z
    .string()
    .max(200)
    .optional()
    .describe('Text search, indifferent to case, diacritics and script'),
  municipality: listParam(z.string().min(1))
    .optional()
    .describe('RGZ municipality code(s) or place id(s); settlements included'),
  sector: listParam(z.string().min(1))
    .optional()
    .describe('Sector code(s) in any vocabulary; a DAC 3-digit code matches its 5-digit codes'),
  organisation: listParam(z.string().min(1))
    .optional()
    .describe('Organisation id(s) or IATI organisation identifier(s) taking part'),
  role: listParam(ParticipantRole)
    .optional()
    .describe(
      'With organisation: only in these roles; alone: activities that have a participant in these roles',
    ),
  programme: listParam(z.string().min(1))
    .optional()
    .describe('Activity id(s) or IATI identifier(s): the activities beneath them, at any depth'),
  status: listParam(z.string().regex(/^\d$/)).optional().describe('IATI ActivityStatus code(s)'),
  hierarchy: listParam(z.coerce.number().int().min(1).max(5)).optional(),
  year_from: z.coerce
    .number()
    .int()
    .min(1900)
    .max(2200)
    .optional()
    .describe('Activities running in or after this year'),
  year_to: z.coerce
    .number()
    .int()
    .min(1900)
    .max(2200)
    .optional()
    .describe('Activities running in or before this year'),
  publication_status: listParam(PublicationStatus)
    .optional()
    .describe('Signed-in callers only; anonymous callers see published records'),
  limit: Limit,
  cursor: z.string().optional(),
});
export type ActivityListQuery = z.output<typeof ActivityListQuery>;

const OrgRef = z.object({
  id: Uuid,
  names: Narratives,
  acronym: z.string().nullable(),
  kind: z.string(),
  iati_ref: z.string().nullable(),
});

export const ActivityOut = z.object({
  id: Uuid,
  iati_identifier: z.string().nullable(),
  parent_id: Uuid.nullable(),
  hierarchy: z.number().int(),
  level: z.enum(['programme', 'project', 'sub_project', 'component']),
  title: Narratives,
  title_derived: z.array(z.string()),
  description: Narratives,
  description_derived: z.array(z.string()),
  status: z.string().nullable(),
  planned_start: z.string().nullable(),
  actual_start: z.string().nullable(),
  planned_end: z.string().nullable(),
  actual_end: z.string().nullable(),
  scope: z.string().nullable(),
  default_currency: z.string().nullable(),
  reporting_org_id: Uuid.nullable(),
  collaboration_type: z.string().nullable(),
  default_flow_type: z.string().nullable(),
  default_finance_type: z.string().nullable(),
  default_aid_types: z.array(AidTypeRef),
  default_tied_status: z.string().nullable(),
  humanitarian: z.boolean().nullable(),
  illustrative: z.boolean(),
  publication_status: PublicationStatus,
  participants: z.array(
    z.object({
      organisation: OrgRef,
      role: ParticipantRole,
      iati_role_code: z.string().nullable(),
      iati_activity_ref: z.string().nullable(),
    }),
  ),
  partnership: z
    .object({
      government: z.boolean(),
      municipality: z.boolean(),
      international: z.boolean(),
      summary: z.array(z.enum(['government', 'municipality', 'international'])),
    })
    .describe('Who takes part, at a glance: "Government + municipality + international partner"'),
  locations: z.array(
    z.object({
      place: z
        .object({ id: Uuid, kind: z.string(), code: z.string(), names: Narratives })
        .nullable(),
      municipality_id: Uuid.nullable(),
      lat: z.number().nullable(),
      lon: z.number().nullable(),
      name: Narratives,
      percentage: z.string().nullable(),
    }),
  ),
  sectors: z.array(
    z.object({ vocabulary: z.string(), code: z.string(), percentage: z.string().nullable() }),
  ),
  policy_markers: z.array(
    z.object({ vocabulary: z.string(), code: z.string(), significance: z.string().nullable() }),
  ),
  tags: z.array(z.object({ vocabulary: z.string(), code: z.string() })),
  budgets: z.array(
    z.object({
      type: z.string(),
      status: z.string(),
      period_start: z.string(),
      period_end: z.string(),
      value: z.string(),
      currency: z.string(),
      value_date: z.string(),
      note: z.string().nullable(),
    }),
  ),
  document_links: z.array(
    z.object({
      url: z.string(),
      title: Narratives,
      category: z.string().nullable(),
      format: z.string().nullable(),
      language: z.string().nullable(),
      document_date: z.string().nullable(),
      note: z.string().nullable(),
    }),
  ),
  children_count: z.number().int(),
  version: z.number().int(),
  created_at: z.string(),
  updated_at: z.string(),
});
export type ActivityOut = z.infer<typeof ActivityOut>;
