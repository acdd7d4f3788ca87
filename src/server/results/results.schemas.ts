import { z } from 'zod';
import { IsoDate, Narratives, RequiredNarratives, Uuid, Version } from '../shared/schemas.js';

export const Decimal = z
  .string()
  .trim()
  .regex(/^-?\d{1,15}(\.\d{1,6})?$/, 'must be a decimal number as a string, e.g. "12.5"');

const LocationRefs = z
  .array(z.string().trim().min(1).max(200))
  .max(50)
  .default([])
  .describe("IATI location refs of the activity's locations");
const PlaceId = Uuid.nullable()
  .default(null)
  .describe('A gazetteer place (municipality or settlement) the value is for');

export const PeriodValue = z
  .object({
    value: Decimal.nullable().default(null),
    comment: Narratives.default({}),
    location_refs: LocationRefs,
    place_id: PlaceId,
    dimensions: z
      .array(z.object({ name: z.string().trim().min(1), value: z.string().trim().min(1) }))
      .max(20)
      .default([])
      .describe('A breakdown (sex=female …); such values are never added into totals'),
  })
  .strict();

export const Baseline = z
  .object({
    year: z
      .string()
      .regex(/^\d{4}$/, 'must be a year as YYYY')
      .nullable()
      .default(null),
    iso_date: IsoDate.nullable().default(null),
    value: Decimal.nullable().default(null),
    comment: Narratives.default({}),
    location_refs: LocationRefs,
    place_id: PlaceId,
  })
  .strict();

export const Period = z
  .object({
    period_start: IsoDate,
    period_end: IsoDate,
    targets: z.array(PeriodValue).max(200).default([]),
    actuals: z.array(PeriodValue).max(200).default([]),
  })
  .strict()
  .refine((p) => p.period_end >= p.period_start, {
    message: 'period_end must be on or after period_start',
    path: ['period_end'],
  });

export const UnitKey = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,59}$/, 'must be lower-case letters, digits and hyphens');

export const Indicator = z
  .object({
    measure: z
      .string()
      .regex(
        /^[1-5]$/,
        'must be an IndicatorMeasure code: 1 unit, 2 percentage, 3 nominal, 4 ordinal, 5 qualitative',
      ),
    ascending: z.boolean().nullable().default(null),
    aggregation_status: z.boolean().nullable().default(null),
    title: RequiredNarratives,
    description: Narratives.default({}),
    unit: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .nullable()
      .default(null)
      .describe('Unit of measure as written: "km of road", "people trained", "škole"'),
    unit_key: UnitKey.nullable()
      .default(null)
      .describe('Normalised unit; derived from unit when not given. Indicators roll up by it'),
    references: z
      .array(
        z.object({
          vocabulary: z.string().min(1),
          code: z.string().min(1),
          indicator_uri: z.url().nullable().default(null),
        }),
      )
      .max(20)
      .default([]),
    baselines: z.array(Baseline).max(200).default([]),
    periods: z.array(Period).max(200).default([]),
  })
  .strict();

export const ResultInput = z
  .object({
    type: z
      .enum(['1', '2', '3', '9'])
      .describe('ResultType: 1 output, 2 outcome, 3 impact, 9 other'),
    aggregation_status: z.boolean().nullable().default(null),
    title: RequiredNarratives,
    description: Narratives.default({}),
    indicators: z.array(Indicator).max(100).default([]),
  })
  .strict();
export type ResultInput = z.output<typeof ResultInput>;

export const ResultUpdate = ResultInput.extend({ version: Version }).strict();
export type ResultUpdate = z.output<typeof ResultUpdate>;

const PeriodValueOut = z.object({
  value: z.string().nullable(),
  comment: Narratives,
  location_refs: z.array(z.string()),
  place_id: Uuid.nullable(),
  dimensions: z.array(z.object({ name: z.string(), value: z.string() })),
});

export const ResultOut = z.object({
  id: Uuid,
  activity_id: Uuid,
  type: z.string(),
  aggregation_status: z.boolean().nullable(),
  title: Narratives,
  description: Narratives,
  indicators: z.array(
    z.object({
      id: Uuid,
      measure: z.string(),
      ascending: z.boolean().nullable(),
      aggregation_status: z.boolean().nullable(),
      title: Narratives,
      description: Narratives,
      unit: z.string().nullable(),
      unit_key: z.string().nullable(),
      references: z.array(
        z.object({
          vocabulary: z.string(),
          code: z.string(),
          indicator_uri: z.string().nullable(),
        }),
      ),
      baselines: z.array(
        z.object({
          year: z.string().nullable(),
          iso_date: z.string().nullable(),
          value: z.string().nullable(),
          comment: Narratives,
          location_refs: z.array(z.string()),
          place_id: Uuid.nullable(),
        }),
      ),
      periods: z.array(
        z.object({
          period_start: z.string(),
          period_end: z.string(),
          targets: z.array(PeriodValueOut),
          actuals: z.array(PeriodValueOut),
        }),
      ),
    }),
  ),
  version: z.number().int(),
  updated_at: z.string(),
});
export type ResultOut = z.infer<typeof ResultOut>;
