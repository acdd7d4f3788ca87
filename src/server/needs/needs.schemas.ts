import { z } from 'zod';
import {
  IsoDate,
  Limit,
  listParam,
  Narratives,
  PublicationStatus,
  RequiredNarratives,
  Uuid,
  Version,
} from '../shared/schemas.js';

export const NEED_STATUSES = [
  'raised',
  'under_review',
  'planned',
  'in_progress',
  'met',
  'rejected',
] as const;
export const NeedStatus = z.enum(NEED_STATUSES);
export type NeedStatus = z.infer<typeof NeedStatus>;

/** Still to be answered: neither met nor rejected. */
export const OPEN_NEED_STATUSES: readonly NeedStatus[] = [
  'raised',
  'under_review',
  'planned',
  'in_progress',
];

export const PRIORITY_LEVELS = { high: 1, medium: 3, low: 5 } as const;

/** 1 (most urgent) to 5, or high (1), medium (3), low (5). */
export const Priority = z.union([
  z.number().int().min(1, 'must be 1 to 5').max(5, 'must be 1 to 5'),
  z.enum(['high', 'medium', 'low']).transform((l) => PRIORITY_LEVELS[l]),
]);

export const Money = z
  .string()
  .trim()
  .regex(/^\d{1,18}(\.\d{1,2})?$/, 'must be a decimal amount such as 125000 or 125000.50');

export const Currency = z
  .string()
  .trim()
  .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as EUR or RSD');

export const SectorRef = z.strictObject({
  vocabulary: z
    .enum(['1', '2', '99'])
    .describe('99: the office sectors; 1: DAC 5-digit purpose codes; 2: DAC 3-digit categories'),
  code: z.string().trim().min(1).max(20),
});

export const NeedActivityLink = z.strictObject({
  activity_id: Uuid,
  note: z.string().trim().max(2000).nullable().default(null),
});

const fields = {
  municipality_id: Uuid.describe('A municipality of the gazetteer'),
  settlement_id: Uuid.nullable().describe('A settlement of that municipality'),
  sector: SectorRef,
  title: RequiredNarratives,
  description: Narratives,
  priority: Priority,
  estimated_cost: Money.nullable(),
  currency: Currency.nullable(),
  status: NeedStatus,
  raised_on: IsoDate,
  source_meeting_id: Uuid.nullable().describe('The meeting where the need was raised'),
  activities: z
    .array(NeedActivityLink)
    .max(200)
    .describe('Activities that answer the need (replaces the list)'),
  publication_status: PublicationStatus,
};

export const NeedCreate = z.strictObject({
  ...fields,
  settlement_id: fields.settlement_id.default(null),
  description: fields.description.default({}),
  priority: fields.priority.default(3),
  estimated_cost: fields.estimated_cost.default(null),
  currency: fields.currency.default(null),
  status: fields.status.default('raised'),
  source_meeting_id: fields.source_meeting_id.default(null),
  activities: fields.activities.default([]),
  publication_status: fields.publication_status.default('draft'),
});
export type NeedCreate = z.output<typeof NeedCreate>;

export const NeedUpdate = z
  .object({ ...fields, version: Version })
  .partial()
  .required({ version: true })
  .strict();
export type NeedUpdate = z.output<typeof NeedUpdate>;

const boolParam = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

export const NeedListQuery = z.object({
  q: z.string().max(200).optional(),
  municipality: Uuid.optional(),
  settlement: Uuid.optional(),
  sector: z.string().max(20).optional().describe('Sector code (any vocabulary)'),
  status: listParam(NeedStatus).optional(),
  open: boolParam.optional().describe('true: neither met nor rejected'),
  without_activity: boolParam
    .optional()
    .describe('true: needs that no activity answers yet (no project)'),
  priority: listParam(z.coerce.number().int().min(1).max(5)).optional(),
  activity: Uuid.optional().describe('Needs answered by this activity'),
  limit: Limit,
  cursor: z.string().optional(),
});
export type NeedListQuery = z.output<typeof NeedListQuery>;

export const NeedOut = z.object({
  id: Uuid,
  municipality_id: Uuid,
  municipality_name: Narratives,
  settlement_id: Uuid.nullable(),
  settlement_name: Narratives.nullable(),
  sector: z.object({ vocabulary: z.string(), code: z.string(), name: Narratives.nullable() }),
  title: Narratives,
  title_derived: z.array(z.string()),
  description: Narratives,
  priority: z.number().int(),
  priority_level: z.enum(['high', 'medium', 'low']),
  estimated_cost: z.string().nullable().describe('Decimal as a string'),
  currency: z.string().nullable(),
  status: NeedStatus,
  raised_on: z.string(),
  source_meeting_id: Uuid.nullable(),
  activities: z.array(
    z.object({
      activity_id: Uuid,
      title: Narratives,
      status: z.string().nullable(),
      note: z.string().nullable(),
    }),
  ),
  publication_status: PublicationStatus,
  version: z.number().int(),
  created_at: z.string(),
  updated_at: z.string(),
});
export type NeedOut = z.infer<typeof NeedOut>;

export const NeedSummaryOut = z.object({
  items: z.array(
    z.object({
      municipality_id: Uuid,
      code: z.string(),
      name: Narratives,
      total: z.number().int(),
      open: z.number().int(),
      met: z.number().int(),
      rejected: z.number().int(),
      open_without_activity: z.number().int(),
    }),
  ),
});
