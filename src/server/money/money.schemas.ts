import { z } from 'zod';
import { Budget } from '../activities/activities.schemas.js';
import { Amount, CurrencyCode } from '../currency/currency.schemas.js';
import { IsoDate, Narratives, Uuid, Version } from '../shared/schemas.js';

const Code = (what: string) => z.string().trim().min(1).max(10).describe(`IATI ${what} code`);

/**
 * A provider or receiver: an organisation of the registry, or only a name as the partner wrote
 * it, and optionally the IATI identifier of that organisation's own activity.
 */
export const Party = z
  .object({
    organisation_id: Uuid.nullable().default(null),
    narrative: Narratives.default({}),
    activity_id: z
      .string()
      .trim()
      .min(1)
      .max(250)
      .nullable()
      .default(null)
      .describe('IATI identifier of the provider’s or receiver’s activity'),
  })
  .strict()
  .refine(
    (p) => p.organisation_id !== null || Object.values(p.narrative).some((t) => t.trim() !== ''),
    { message: 'give an organisation_id or the organisation’s name in narrative' },
  );
export type Party = z.output<typeof Party>;

const CodeRef = z.object({
  vocabulary: z.string().trim().min(1).max(10).default('1'),
  code: z.string().trim().min(1).max(50),
});

const version = Version.optional().describe(
  'The activity version read; when given and stale, the write is refused with 409',
);

export const TransactionIn = z
  .object({
    type: Code('TransactionType').describe(
      'IATI TransactionType: 1 incoming funds, 2 outgoing commitment, 3 disbursement, 4 expenditure …',
    ),
    date: IsoDate,
    value: Amount,
    currency: CurrencyCode.nullable()
      .default(null)
      .describe('Defaults to the activity’s default currency'),
    value_date: IsoDate.nullable().default(null).describe('Defaults to the transaction date'),
    ref: z.string().trim().max(200).nullable().default(null),
    humanitarian: z.boolean().nullable().default(null),
    description: Narratives.default({}),
    provider: Party.nullable().default(null),
    receiver: Party.nullable().default(null),
    disbursement_channel: Code('DisbursementChannel').nullable().default(null),
    sectors: z
      .array(CodeRef.extend({ narrative: Narratives.default({}) }))
      .max(50)
      .default([]),
    recipient_country: z
      .string()
      .regex(/^[A-Z]{2}$/, 'must be an ISO 3166 country code such as RS')
      .nullable()
      .default(null),
    recipient_region: CodeRef.nullable().default(null),
    flow_type: Code('FlowType').nullable().default(null),
    finance_type: Code('FinanceType').nullable().default(null),
    aid_types: z.array(CodeRef).max(20).default([]),
    tied_status: Code('TiedStatus').nullable().default(null),
    version,
  })
  .strict();
export type TransactionIn = z.output<typeof TransactionIn>;

export const PlannedDisbursementIn = z
  .object({
    type: z
      .enum(['1', '2'])
      .nullable()
      .default(null)
      .describe('IATI BudgetType: 1 original, 2 revised'),
    period_start: IsoDate,
    period_end: IsoDate.nullable().default(null),
    value: Amount,
    currency: CurrencyCode.nullable().default(null),
    value_date: IsoDate.nullable().default(null).describe('Defaults to period_start'),
    provider: Party.nullable().default(null),
    receiver: Party.nullable().default(null),
    version,
  })
  .strict()
  .refine((p) => p.period_end === null || p.period_end >= p.period_start, {
    message: 'period_end is before period_start',
    path: ['period_end'],
  });
export type PlannedDisbursementIn = z.output<typeof PlannedDisbursementIn>;

/** The activity document's budget (same fields and rules), with currency and value date optional. */
export const BudgetIn = z
  .object({
    ...Budget.shape,
    currency: Budget.shape.currency.nullable().default(null),
    value_date: Budget.shape.value_date.nullable().default(null),
    version,
  })
  .strict()
  .refine((b) => b.period_end >= b.period_start, {
    message: 'period_end is before period_start',
    path: ['period_end'],
  });
export type BudgetIn = z.output<typeof BudgetIn>;

export const MoneyQuery = z.object({
  currency: CurrencyCode.optional().describe(
    'Adds to each row its value converted to this currency, citing the rates used',
  ),
});

export const SummaryQuery = z.object({
  currency: CurrencyCode.default('EUR'),
});

export const RowParams = z.object({ id: Uuid, rid: Uuid });
export const DeleteQuery = z.object({
  version: z.coerce.number().pipe(Version).optional(),
});

const RateUsed = z.object({
  currency: z.string(),
  date: z.string(),
  per_eur: z.string(),
  source: z.string(),
});

export const Converted = z.object({
  currency: z.string(),
  value: z.string().nullable().describe('Null when a rate is missing; reason says which'),
  rates: z.array(RateUsed),
  reason: z.string().nullable(),
});
export type Converted = z.infer<typeof Converted>;

const PartyOut = z
  .object({
    organisation_id: z.string().nullable(),
    ref: z.string().nullable(),
    type: z.string().nullable(),
    name: Narratives,
    activity_id: z.string().nullable(),
  })
  .nullable();
export type PartyOut = z.infer<typeof PartyOut>;

const common = {
  id: Uuid,
  activity_id: Uuid,
  value: z.string(),
  currency: z.string(),
  value_date: z.string(),
  activity_version: z.number().int(),
  converted: Converted.optional(),
};

export const TransactionOut = z.object({
  ...common,
  type: z.string(),
  date: z.string(),
  ref: z.string().nullable(),
  humanitarian: z.boolean().nullable(),
  description: Narratives,
  provider: PartyOut,
  receiver: PartyOut,
  disbursement_channel: z.string().nullable(),
  sectors: z.array(z.unknown()),
  recipient_country: z.string().nullable(),
  recipient_region: z.unknown().nullable(),
  flow_type: z.string().nullable(),
  finance_type: z.string().nullable(),
  aid_types: z.array(z.unknown()),
  tied_status: z.string().nullable(),
});
export type TransactionOut = z.infer<typeof TransactionOut>;

export const PlannedDisbursementOut = z.object({
  ...common,
  type: z.string().nullable(),
  period_start: z.string(),
  period_end: z.string().nullable(),
  provider: PartyOut,
  receiver: PartyOut,
});
export type PlannedDisbursementOut = z.infer<typeof PlannedDisbursementOut>;

export const BudgetOut = z.object({
  ...common,
  type: z.string(),
  status: z.string(),
  period_start: z.string(),
  period_end: z.string(),
  note: z.string().nullable(),
});
export type BudgetOut = z.infer<typeof BudgetOut>;

export const MEASURES = [
  'budget',
  'planned_disbursement',
  'incoming_funds',
  'commitment',
  'disbursement',
  'expenditure',
] as const;
export type Measure = (typeof MEASURES)[number];

const MeasureOut = z.object({
  value: z.string().describe('Sum of the rows that have rates, rounded half to even at the end'),
  rows: z.number().int(),
  no_rate: z.number().int().describe('Rows left out of value for want of a rate'),
});

export const MoneySummaryOut = z.object({
  activity_id: Uuid,
  currency: z.string(),
  measures: z.object(
    Object.fromEntries(MEASURES.map((m) => [m, MeasureOut])) as Record<Measure, typeof MeasureOut>,
  ),
});
export type MoneySummaryOut = z.infer<typeof MoneySummaryOut>;
