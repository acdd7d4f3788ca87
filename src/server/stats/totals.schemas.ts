import { z } from 'zod';
import { ParticipantRole } from '../activities/activities.schemas.js';
import { LangTag, listParam } from '../shared/schemas.js';

export const GROUP_KEYS = [
  'year',
  'sector',
  'municipality',
  'settlement',
  'organisation',
  'role',
  'programme',
  'transaction_type',
] as const;
export const GroupKey = z.enum(GROUP_KEYS);
export type GroupKey = z.infer<typeof GroupKey>;

export const MEASURES = [
  'budget',
  'commitment',
  'disbursement',
  'expenditure',
  'incoming_funds',
] as const;
export const Measure = z.enum(MEASURES);
export type Measure = z.infer<typeof Measure>;

/** The key rows carry where an activity names no place, sector, organisation or role. */
export const UNSPECIFIED = 'unspecified';

const Year = z.coerce.number().int().min(1900).max(2200);

export const TotalsQuery = z.object({
  group_by: listParam(GroupKey)
    .default([])
    .refine((keys) => new Set(keys).size === keys.length, 'lists a key twice')
    .describe(`Zero or more of ${GROUP_KEYS.join(', ')}, comma-separated`),
  measure: Measure.describe(`One of ${MEASURES.join(', ')}`),
  currency: z
    .string()
    .regex(/^[A-Za-z]{3}$/, 'must be an ISO 4217 code such as EUR, USD or RSD')
    .transform((c) => c.toUpperCase())
    .default('EUR')
    .describe('EUR (default), USD, RSD, or any currency with exchange rates'),
  sector_vocabulary: z
    .enum(['1', '99'])
    .default('99')
    .describe("Sector keys: '99' the office's sectors (default), '1' DAC 5-digit purpose codes"),
  lang: LangTag.default('en').describe('Language of the labels'),
  q: z.string().max(200).optional().describe('Activities matching this text'),
  municipality: listParam(z.string().min(1))
    .optional()
    .describe('RGZ municipality code(s) or place id(s): the money attributed to them'),
  settlement: listParam(z.string().min(1))
    .optional()
    .describe('RGZ settlement code(s) or place id(s)'),
  sector: listParam(z.string().min(1))
    .optional()
    .describe("Sector code(s): DAC 5-digit, DAC 3-digit (its 5-digit codes), or the office's"),
  organisation: listParam(z.string().min(1))
    .optional()
    .describe('Organisation id(s) or IATI identifier(s): the money attributed to them'),
  role: listParam(ParticipantRole).optional().describe('Only money attributed in these roles'),
  programme: listParam(z.string().min(1))
    .optional()
    .describe('Activity id(s) or IATI identifier(s): the money of them and everything beneath'),
  status: listParam(z.string().regex(/^\d$/)).optional().describe('IATI ActivityStatus code(s)'),
  year_from: Year.optional().describe('Money dated in or after this year'),
  year_to: Year.optional().describe('Money dated in or before this year'),
});
export type TotalsQuery = z.output<typeof TotalsQuery>;
export type TotalsQueryInput = z.input<typeof TotalsQuery>;

export const TotalsRow = z
  .object({ value: z.string().describe('Decimal string, two places') })
  .catchall(z.union([z.string(), z.number()]));

export const TotalsOut = z.object({
  currency: z.string(),
  measure: Measure,
  group_by: z.array(GroupKey),
  sector_vocabulary: z.enum(['1', '99']),
  rows: z.array(TotalsRow),
  total: z.string(),
  without_rate: z.object({
    count: z.number().int().describe('Split parts left out for want of an exchange rate'),
  }),
  conversion: z.object({ method: z.string(), source: z.array(z.string()) }),
  labels: z.record(z.string(), z.record(z.string(), z.string())),
});
export type TotalsOut = z.infer<typeof TotalsOut>;
