import { z } from 'zod';
import { listParam, Narratives, Uuid } from '../shared/schemas.js';
import { QUALITY_KINDS } from './quality.messages.js';

export const QualityKind = z.enum(QUALITY_KINDS);

export const QualityQuery = z.object({
  kind: listParam(QualityKind).optional().describe('Only these kinds of problem'),
  severity: listParam(z.enum(['error', 'warning', 'info'])).optional(),
  municipality: Uuid.optional().describe('Activities located in this municipality'),
  organisation: Uuid.optional().describe(
    'Activities this organisation (or a unit) reports or takes part in',
  ),
  limit: z.coerce.number().int().min(1).max(2000).default(200),
  offset: z.coerce.number().int().min(0).default(0),
});
export type QualityQuery = z.output<typeof QualityQuery>;

export const QualityIssue = z.object({
  kind: QualityKind,
  severity: z.enum(['error', 'warning', 'info']),
  record_type: z.literal('activity'),
  id: Uuid,
  title: Narratives,
  message: z.object({
    en: z.string(),
    sq: z.string(),
    'sr-Latn': z.string(),
    'sr-Cyrl': z.string(),
  }),
  fix_url: z.string().describe('Where to fix it in the back office'),
  details: z.record(z.string(), z.unknown()),
});
export type QualityIssue = z.infer<typeof QualityIssue>;

export const QualityReport = z.object({
  total: z.number().int(),
  counts: z
    .record(z.string(), z.number().int())
    .describe('Issues per kind (before limit and offset)'),
  items: z.array(QualityIssue),
});
export type QualityReport = z.infer<typeof QualityReport>;
