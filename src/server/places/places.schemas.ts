import { z } from 'zod';
import {
  Limit,
  listParam,
  Narratives,
  RequiredNarratives,
  Uuid,
  Version,
} from '../shared/schemas.js';

export const PLACE_KINDS = ['country', 'district', 'municipality', 'settlement'] as const;
export const PlaceKind = z.enum(PLACE_KINDS);

/** The kind each kind must sit under; the country is the root. */
export const PARENT_KIND = {
  country: null,
  district: 'country',
  municipality: 'district',
  settlement: 'municipality',
} as const satisfies Record<z.infer<typeof PlaceKind>, z.infer<typeof PlaceKind> | null>;

// GeoJSON (RFC 7946) areas with 2-D positions; rings closed, as the RFC requires.
const Position = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);
const LinearRing = z
  .array(Position)
  .min(4, 'a ring needs at least 4 positions')
  .max(100_000)
  .refine((r) => {
    const first = r[0];
    const last = r.at(-1);
    return (
      first !== undefined && last !== undefined && first[0] === last[0] && first[1] === last[1]
    );
  }, 'a ring must end where it starts');
const PolygonCoordinates = z.array(LinearRing).min(1).max(1_000);

export const AreaGeometry = z.discriminatedUnion('type', [
  z.object({ type: z.literal('Polygon'), coordinates: PolygonCoordinates }).strict(),
  z
    .object({
      type: z.literal('MultiPolygon'),
      coordinates: z.array(PolygonCoordinates).min(1).max(1_000),
    })
    .strict(),
]);

const Attributes = z.record(z.string(), z.unknown());

/** Codes are stable keys used in URLs (by-code) and by the gazetteer file: RS, RS-24, 70963, osm-2216229201. */
const Code = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'must be letters, digits, ".", "_" or "-"');

const fields = {
  kind: PlaceKind,
  code: Code,
  parent_id: Uuid.nullable(),
  names: RequiredNarratives,
  focus: z.boolean(),
  lat: z.number().min(-90).max(90).nullable(),
  lon: z.number().min(-180).max(180).nullable(),
  population: z.number().int().min(0).max(100_000_000).nullable(),
  geometry: AreaGeometry.nullable(),
  attributes: Attributes,
};

export const PlaceCreate = z
  .object({
    ...fields,
    parent_id: fields.parent_id.default(null),
    focus: fields.focus.default(false),
    lat: fields.lat.default(null),
    lon: fields.lon.default(null),
    population: fields.population.default(null),
    geometry: fields.geometry.default(null),
    attributes: fields.attributes.default({}),
  })
  .strict();
export type PlaceCreate = z.output<typeof PlaceCreate>;

/** The kind is fixed once created: changing it would break the level rules of the children. */
export const PlaceUpdate = z
  .object({
    code: fields.code,
    parent_id: fields.parent_id,
    names: fields.names,
    focus: fields.focus,
    lat: fields.lat,
    lon: fields.lon,
    population: fields.population,
    geometry: fields.geometry,
    attributes: fields.attributes,
    version: Version,
  })
  .partial()
  .required({ version: true })
  .strict();
export type PlaceUpdate = z.output<typeof PlaceUpdate>;

/** RGZ municipality numbers (matični broj) have five digits: Preševo 70963. */
export const RgzCode = z
  .string()
  .regex(/^\d{5}$/, 'must be a UUID or a five-digit RGZ municipality number');

const BooleanParam = z.enum(['true', 'false']).transform((v) => v === 'true');

const listFields = {
  q: z
    .string()
    .max(200)
    .optional()
    .describe('Text search in every name, indifferent to case, diacritics and script'),
  kind: listParam(PlaceKind).optional(),
  focus: BooleanParam.optional().describe(
    'true: only the focus places (Preševo, Bujanovac, Medveđa and their settlements)',
  ),
  include: listParam(z.enum(['geometry']))
    .optional()
    .describe('geometry: add each place’s polygon'),
  limit: Limit,
  cursor: z.string().optional(),
};

export const PlaceListQuery = z.object({
  ...listFields,
  parent: Uuid.optional(),
  municipality: z
    .union([Uuid, RgzCode])
    .optional()
    .describe('RGZ number or id: the municipality and the settlements in it'),
});
export type PlaceListQuery = z.output<typeof PlaceListQuery>;

export const PlaceChildrenQuery = z.object(listFields);
export type PlaceChildrenQuery = z.output<typeof PlaceChildrenQuery>;

export const PlaceOut = z.object({
  id: Uuid,
  kind: PlaceKind,
  code: z.string(),
  parent_id: Uuid.nullable(),
  names: Narratives,
  names_derived: z
    .array(z.string())
    .describe('Language tags whose text is derived (the other Serbian script)'),
  focus: z.boolean(),
  lat: z.number().nullable(),
  lon: z.number().nullable(),
  population: z.number().int().nullable(),
  attributes: Attributes,
  geometry: AreaGeometry.nullable().optional().describe('Only with include=geometry in lists'),
  version: z.number().int(),
  created_at: z.string(),
  updated_at: z.string(),
});
export type PlaceOut = z.infer<typeof PlaceOut>;

export const PlaceRef = z.object({
  id: Uuid,
  kind: PlaceKind,
  code: z.string(),
  names: Narratives,
});
export type PlaceRef = z.infer<typeof PlaceRef>;

export const PlaceDetailOut = PlaceOut.extend({
  geometry: AreaGeometry.nullable(),
  ancestors: z.array(PlaceRef).describe('From the country down to the parent'),
  children_count: z.number().int(),
});
export type PlaceDetailOut = z.infer<typeof PlaceDetailOut>;
