import { z } from 'zod';
import type { PlaceKind as PlaceKindName } from './places.queries.js';
import { AreaGeometry, PlaceKind } from './places.schemas.js';

/**
 * The shape of data/geo/gazetteer.json, written by scripts/build-gazetteer.ts and read by
 * places.load.ts. One schema for both sides, so the file cannot drift from what the loader accepts.
 */
export const GAZETTEER_FILE = ['data', 'geo', 'gazetteer.json'] as const;

export const GazetteerNames = z
  .object({
    sq: z.string().min(1).optional(),
    'sr-Latn': z.string().min(1),
    'sr-Cyrl': z.string().min(1),
    en: z.string().min(1),
  })
  .strict();
export type GazetteerNames = z.infer<typeof GazetteerNames>;

export const GazetteerRef = z.object({ kind: PlaceKind, code: z.string().min(1) }).strict();
export type GazetteerRef = z.infer<typeof GazetteerRef>;

export const GazetteerPlace = z
  .object({
    kind: PlaceKind,
    code: z.string().min(1),
    parent_code: GazetteerRef.nullable(),
    names: GazetteerNames,
    focus: z.boolean(),
    lat: z.number().min(-90).max(90).nullable(),
    lon: z.number().min(-180).max(180).nullable(),
    population: z.number().int().min(0).nullable(),
    geometry: AreaGeometry.nullable(),
    attributes: z.record(z.string(), z.unknown()),
  })
  .strict();
export type GazetteerPlace = z.infer<typeof GazetteerPlace>;

/** Parents come before children: the loader inserts level by level in this order. */
export const KIND_DEPTH: Readonly<Record<PlaceKindName, number>> = {
  country: 0,
  district: 1,
  municipality: 2,
  settlement: 3,
};

export const Gazetteer = z.array(GazetteerPlace).superRefine((places, ctx) => {
  const seen = new Set<string>();
  places.forEach((p, i) => {
    const key = `${p.kind}:${p.code}`;
    if (seen.has(key))
      ctx.addIssue({ code: 'custom', path: [i, 'code'], message: `duplicate ${key}` });
    if (p.parent_code && !seen.has(`${p.parent_code.kind}:${p.parent_code.code}`)) {
      ctx.addIssue({
        code: 'custom',
        path: [i, 'parent_code'],
        message: 'parent must be listed before the child',
      });
    }
    if (p.parent_code && KIND_DEPTH[p.parent_code.kind] !== KIND_DEPTH[p.kind] - 1) {
      ctx.addIssue({
        code: 'custom',
        path: [i, 'parent_code'],
        message: `a ${p.kind} cannot sit under a ${p.parent_code.kind}`,
      });
    }
    seen.add(key);
  });
});
