import { z } from 'zod';
import { IsoDate, Limit } from '../shared/schemas.js';

export const CurrencyCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 currency code such as EUR, USD or RSD');

/** A money amount as a decimal string: "1500000", "-250.5", "0.01" (at most 2 decimal places). */
export const Amount = z
  .string()
  .trim()
  .regex(/^-?\d{1,18}(\.\d{1,2})?$/, 'must be a decimal amount as a string, e.g. "1500000.00"');

export const RateListQuery = z.object({
  currency: CurrencyCode.optional(),
  from: IsoDate.optional().describe('Quotes on or after this date'),
  to: IsoDate.optional().describe('Quotes on or before this date'),
  limit: Limit,
  cursor: z.string().optional(),
});
export type RateListQuery = z.output<typeof RateListQuery>;

export const RateOut = z.object({
  currency: z.string(),
  date: z.string(),
  per_eur: z.string().describe('Units of the currency one euro buys, as a decimal string'),
  source: z.string(),
});
export type RateOut = z.infer<typeof RateOut>;

export const ConvertQuery = z.object({
  amount: Amount,
  from: CurrencyCode,
  to: CurrencyCode,
  date: IsoDate.describe('The value date: the latest quotes on or before it are used'),
});
export type ConvertQuery = z.output<typeof ConvertQuery>;

export const ConvertOut = z.object({
  amount: z.string(),
  from: z.string(),
  to: z.string(),
  date: z.string(),
  value: z.string().describe('Rounded half to even to 2 decimal places'),
  rates: z.array(RateOut).describe('The quotes used: value = amount / from.per_eur × to.per_eur'),
});
export type ConvertOut = z.infer<typeof ConvertOut>;

export const RateImportQuery = z.object({
  source: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .optional()
    .describe('Name of where the quotes come from, cited with every conversion that uses them'),
});

export const RateImportOut = z.object({
  layout: z.enum(['quotes', 'ecb']),
  source: z.string(),
  quotes: z.number().int(),
  inserted: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  currencies: z.array(z.string()),
  first: z.string(),
  last: z.string(),
});
export type RateImportOut = z.infer<typeof RateImportOut>;
