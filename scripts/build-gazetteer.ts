/**
 * Builds data/geo/gazetteer.json from the source files in data/geo (see data/geo/PROVENANCE.md):
 * country > districts > the 13 municipalities of Pčinja and Jablanica > their OSM settlements.
 *
 *   npx tsx scripts/build-gazetteer.ts           # writes the file and prints a summary
 *   npx tsx scripts/build-gazetteer.ts --check   # fails when the committed file is out of date
 *
 * Deterministic: same inputs, same bytes. Each settlement's municipality comes from the cadastral
 * register first (a settlement normally has a cadastral municipality of its own name), then from
 * the RGZ polygon holding the point, then from the source file; the generalised polygons (±1 km)
 * alone would put villages near a boundary in the wrong municipality.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { projectPath } from '../src/server/paths.js';
import {
  Gazetteer,
  GAZETTEER_FILE,
  type GazetteerPlace,
} from '../src/server/places/places.gazetteer.js';
import {
  areaCentroid,
  areaKm2,
  containsPoint,
  distanceKm,
  round,
  type AreaGeometry,
  type Position,
} from '../src/server/places/places.geometry.js';
import { AreaGeometry as AreaGeometrySchema } from '../src/server/places/places.schemas.js';
import { cyrillicToLatin, detectScript, foldForSearch } from '../src/server/text/index.js';

/** A cadastral match farther than this from its municipality is a namesake elsewhere (Kukavica). */
const CADASTRAL_MAX_KM = 3;
/** Outside every polygon, the source's municipality is kept only within the polygons' generalisation. */
const SOURCE_MAX_KM = 1.5;
/** Vranjska Banja is a city municipality of the City of Vranje, whose polygon carries Vranje's number. */
const MERGED_INTO: Readonly<Record<number, number>> = { 71358: 70432 };

const COUNTRY = {
  code: 'RS',
  names: { sq: 'Serbia', 'sr-Latn': 'Srbija', 'sr-Cyrl': 'Србија', en: 'Serbia' },
};
// Albanian district names from the project glossary (place.district.*); the sources have none.
const DISTRICT_SQ: Readonly<Record<string, string>> = {
  'RS-24': 'Qarku i Pçinjës',
  'RS-23': 'Qarku i Jabllanicës',
};

// ---- inputs, validated: a changed source file must fail loudly, not build a wrong gazetteer ----

const MunicipalityFeature = z.object({
  type: z.literal('Feature'),
  properties: z.object({
    name_sr_latn: z.string(),
    name_sr_cyrl: z.string(),
    name_sq: z.string().nullable(),
    name_en: z.string(),
    municipality_mb: z.number().int(),
    name_rgz: z.string(),
    district_sr_latn: z.string(),
    district_sr_cyrl: z.string(),
    district_en: z.string(),
    district_iso3166_2: z.string().regex(/^RS-\d\d$/),
    focus_municipality: z.boolean(),
    cadastral_municipality_count: z.number().int(),
    city_mb: z.number().int().optional(),
    constituent_city_municipalities: z
      .array(z.object({ municipality_mb: z.number().int(), name_sr_latn: z.string() }))
      .optional(),
  }),
  geometry: AreaGeometrySchema,
});

const SettlementFeature = z.object({
  type: z.literal('Feature'),
  properties: z.object({
    osm_node_id: z.number().int(),
    name_sr_cyrl: z.string().min(1),
    name_sr_latn: z.string(),
    name_en_osm: z.string().nullable(),
    place: z.enum(['city', 'town', 'village', 'hamlet']),
    population_osm: z.number().int().min(0).nullable(),
    municipality_sr_latn: z.string(),
    municipality_mb: z.number().int(),
  }),
  geometry: z.object({ type: z.literal('Point'), coordinates: z.tuple([z.number(), z.number()]) }),
});

const CadastralRegister = z.array(
  z.object({
    municipality_mb: z.number().int(),
    cadastral_municipalities: z.array(z.object({ id: z.number().int(), name: z.string() })),
  }),
);

const RgzCodes = z.array(z.object({ municipality_mb: z.number().int(), name_rgz: z.string() }));

const Outline = z.object({
  features: z.array(z.object({ geometry: AreaGeometrySchema })).length(1),
});

function readJson<S extends z.ZodType>(file: string, schema: S): z.output<S> {
  const res = schema.safeParse(JSON.parse(readFileSync(projectPath('data', 'geo', file), 'utf8')));
  if (!res.success) throw new Error(`data/geo/${file}: ${z.prettifyError(res.error)}`);
  return res.data;
}

const municipalities = readJson(
  'south-serbia-municipalities.geojson',
  z.object({ features: z.array(MunicipalityFeature) }),
).features.sort((a, b) => a.properties.municipality_mb - b.properties.municipality_mb);
const settlements = readJson(
  'south-serbia-settlements.geojson',
  z.object({ features: z.array(SettlementFeature) }),
).features.sort((a, b) => a.properties.osm_node_id - b.properties.osm_node_id);
const cadastre = readJson('south-serbia-cadastral-municipalities.json', CadastralRegister);
const rgzCodes = readJson('serbia-municipality-codes-rgz.json', RgzCodes);
const outline = readJson('serbia-outline-ne10m.geojson', Outline);

// ---- cross-checks between the sources ----

const byMb = new Map(municipalities.map((m) => [m.properties.municipality_mb, m]));
if (byMb.size !== 13) throw new Error(`expected 13 municipalities, found ${byMb.size}`);
for (const m of municipalities) {
  const p = m.properties;
  const rgz = rgzCodes.find((r) => r.municipality_mb === p.municipality_mb);
  // RGZ writes some names without spaces (ВЛАДИЧИНХАН): compare letters only.
  const letters = (s: string) => foldForSearch(s).replaceAll(' ', '');
  if (!rgz || letters(rgz.name_rgz) !== letters(p.name_sr_latn)) {
    throw new Error(
      `RGZ code ${p.municipality_mb} (${p.name_sr_latn}) is not in serbia-municipality-codes-rgz.json`,
    );
  }
}

/** KO names per municipality of the gazetteer (Vranjska Banja's under Vranje), in register order. */
const koNames = new Map<number, string[]>();
for (const entry of cadastre) {
  const mb = MERGED_INTO[entry.municipality_mb] ?? entry.municipality_mb;
  if (!byMb.has(mb))
    throw new Error(
      `cadastral register lists municipality ${entry.municipality_mb}, not one of the 13`,
    );
  koNames.set(mb, [
    ...(koNames.get(mb) ?? []),
    ...entry.cadastral_municipalities.map((k) => k.name),
  ]);
}
for (const m of municipalities) {
  const n = koNames.get(m.properties.municipality_mb)?.length ?? 0;
  if (n !== m.properties.cadastral_municipality_count) {
    throw new Error(
      `${m.properties.name_sr_latn}: ${n} cadastral municipalities, polygon file says ${m.properties.cadastral_municipality_count}`,
    );
  }
}

/** "BUKAREVAC I", "ŽUJINCE II" → "bukarevac", "zujince": the numbered parts of one settlement's land. */
function settlementKey(name: string): string {
  return foldForSearch(name).replace(/ (?:i|ii|iii|iv|v)$/, '');
}

const koIndex = new Map<string, Map<number, string[]>>();
for (const [mb, names] of koNames) {
  for (const ko of names) {
    const key = settlementKey(ko);
    const perMb = koIndex.get(key) ?? new Map<number, string[]>();
    perMb.set(mb, [...(perMb.get(mb) ?? []), ko]);
    koIndex.set(key, perMb);
  }
}

// ---- places ----

const geometryOf = (mb: number): AreaGeometry => {
  const m = byMb.get(mb);
  if (!m) throw new Error(`no polygon for ${mb}`);
  return m.geometry;
};

const places: GazetteerPlace[] = [];
const countryCentre = areaCentroid([outline.features[0]?.geometry ?? geometryOf(70963)]);
places.push({
  kind: 'country',
  code: COUNTRY.code,
  parent_code: null,
  names: COUNTRY.names,
  focus: false,
  lat: round(countryCentre.lat, 6),
  lon: round(countryCentre.lon, 6),
  population: null,
  geometry: null,
  attributes: {
    iso3166_1_alpha2: 'RS',
    iso3166_1_numeric: '688',
    outline_file: 'data/geo/serbia-outline-ne10m.geojson',
  },
});

const districtCodes = [
  ...new Set(municipalities.map((m) => m.properties.district_iso3166_2)),
].sort();
for (const iso of districtCodes) {
  const members = municipalities.filter((m) => m.properties.district_iso3166_2 === iso);
  const first = members[0]?.properties;
  const sq = DISTRICT_SQ[iso];
  if (!first || !sq) throw new Error(`district ${iso} has no municipalities or no Albanian name`);
  const centre = areaCentroid(members.map((m) => m.geometry));
  places.push({
    kind: 'district',
    code: iso,
    parent_code: { kind: 'country', code: COUNTRY.code },
    names: {
      sq,
      'sr-Latn': first.district_sr_latn,
      'sr-Cyrl': first.district_sr_cyrl,
      en: first.district_en,
    },
    focus: false,
    lat: round(centre.lat, 6),
    lon: round(centre.lon, 6),
    population: null,
    geometry: null,
    attributes: { iso3166_2: iso, municipality_count: members.length },
  });
}

for (const m of municipalities) {
  const p = m.properties;
  const centre = areaCentroid([m.geometry]);
  const kos = koNames.get(p.municipality_mb) ?? [];
  places.push({
    kind: 'municipality',
    code: String(p.municipality_mb),
    parent_code: { kind: 'district', code: p.district_iso3166_2 },
    names: {
      ...(p.name_sq ? { sq: p.name_sq } : {}),
      'sr-Latn': p.name_sr_latn,
      'sr-Cyrl': p.name_sr_cyrl,
      en: p.name_en,
    },
    focus: p.focus_municipality,
    lat: round(centre.lat, 6),
    lon: round(centre.lon, 6),
    population: null,
    geometry: m.geometry,
    attributes: {
      district_iso: p.district_iso3166_2,
      rgz_name: p.name_rgz,
      area_km2: round(areaKm2(m.geometry), 1),
      cadastral_municipality_count: kos.length,
      cadastral_municipalities: kos,
      ...(p.city_mb === undefined ? {} : { city_rgz_code: String(p.city_mb) }),
      ...(p.constituent_city_municipalities
        ? {
            constituent_city_municipalities: p.constituent_city_municipalities.map((c) => ({
              code: String(c.municipality_mb),
              name: c.name_sr_latn,
            })),
          }
        : {}),
    },
  });
}

type MunicipalitySource = 'cadastral' | 'polygon' | 'source';
interface Assignment {
  mb: number;
  source: MunicipalitySource;
  kos: string[];
  /** Municipalities with a KO of this name (more than one: the point or the nearest decided). */
  namesakes: number;
  /** A KO of this name exists, but only farther than CADASTRAL_MAX_KM. */
  farKo: string | null;
}

function assign(name: string, point: Position, sourceMb: number): Assignment | null {
  const candidates = [...(koIndex.get(settlementKey(name)) ?? new Map<number, string[]>())]
    .map(([mb, kos]) => ({ mb, kos, km: distanceKm(geometryOf(mb), point) }))
    // Containing polygon first, then the nearest; ties (never seen) by code for determinism.
    .sort((a, b) => a.km - b.km || a.mb - b.mb);
  const best = candidates[0];
  const namesakes = candidates.length;
  if (best && best.km <= CADASTRAL_MAX_KM) {
    return { mb: best.mb, source: 'cadastral', kos: best.kos, namesakes, farKo: null };
  }
  const farKo = best
    ? `${best.kos.join(', ')} in ${byMb.get(best.mb)?.properties.name_sr_latn ?? best.mb}, ${best.km.toFixed(1)} km away`
    : null;
  const holder = municipalities.find((m) => containsPoint(m.geometry, point));
  if (holder) {
    return { mb: holder.properties.municipality_mb, source: 'polygon', kos: [], namesakes, farKo };
  }
  const fallback = MERGED_INTO[sourceMb] ?? sourceMb;
  if (byMb.has(fallback) && distanceKm(geometryOf(fallback), point) <= SOURCE_MAX_KM) {
    return { mb: fallback, source: 'source', kos: [], namesakes, farKo };
  }
  return null;
}

const dropped = { notCyrillic: [] as string[], outside: [] as string[] };
const differs: string[] = [];
const transliterationDiffers: string[] = [];
const osmEnglishIgnored: string[] = [];
const ambiguous: string[] = [];
const namesakesRejected: string[] = [];
const bySource: Record<MunicipalitySource, number> = { cadastral: 0, polygon: 0, source: 0 };
const perMunicipality = new Map<number, Record<MunicipalitySource, number>>();
const settlementPlaces: (GazetteerPlace & { sortKey: string; mb: number })[] = [];

for (const s of settlements) {
  const p = s.properties;
  const label = `${p.name_sr_cyrl} (node ${p.osm_node_id})`;
  // In Serbia OSM's name tag is Serbian Cyrillic; an Albanian-only name marks a node across the
  // administrative line with Kosovo, and it could not fill sr-Cyrl anyway.
  if (detectScript(p.name_sr_cyrl) !== 'Cyrl') {
    dropped.notCyrillic.push(label);
    continue;
  }
  const a = assign(p.name_sr_cyrl, s.geometry.coordinates, p.municipality_mb);
  if (!a) {
    dropped.outside.push(label);
    continue;
  }
  const latin = cyrillicToLatin(p.name_sr_cyrl);
  if (latin !== p.name_sr_latn) transliterationDiffers.push(`${p.name_sr_latn} → ${latin}`);
  // English keeps the Serbian Latin name with its diacritics (glossary: Preševo, not Presevo). OSM's
  // name:en is that name stripped of them, or noise ("Rujkovac (Albanian Village 1875)").
  const en = latin;
  if (p.name_en_osm !== null && foldForSearch(p.name_en_osm) !== foldForSearch(latin)) {
    osmEnglishIgnored.push(`${latin}: "${p.name_en_osm}"`);
  }
  const municipality = byMb.get(a.mb);
  if (!municipality) throw new Error(`unknown municipality ${a.mb}`);
  if (a.source === 'cadastral' && a.namesakes > 1) ambiguous.push(latin);
  if (a.farKo) namesakesRejected.push(`${latin} (node ${p.osm_node_id}): KO ${a.farKo}`);
  bySource[a.source]++;
  const counts = perMunicipality.get(a.mb) ?? { cadastral: 0, polygon: 0, source: 0 };
  counts[a.source]++;
  perMunicipality.set(a.mb, counts);
  const sourceMb = MERGED_INTO[p.municipality_mb] ?? p.municipality_mb;
  if (a.mb !== sourceMb) {
    differs.push(
      `${latin} (${p.place}, node ${p.osm_node_id}): source ${p.municipality_sr_latn} → ${municipality.properties.name_sr_latn} (${a.source}${a.kos.length ? ': KO ' + a.kos.join(', ') : ''})`,
    );
  }
  const [lon, lat] = s.geometry.coordinates;
  settlementPlaces.push({
    sortKey: foldForSearch(latin),
    mb: a.mb,
    kind: 'settlement',
    code: `osm-${p.osm_node_id}`,
    parent_code: { kind: 'municipality', code: String(a.mb) },
    names: { 'sr-Latn': latin, 'sr-Cyrl': p.name_sr_cyrl, en },
    // A settlement inherits the focus of its municipality: "focus" marks the three municipalities' area.
    focus: municipality.properties.focus_municipality,
    lat,
    lon,
    population: p.population_osm,
    geometry: null,
    attributes: {
      osm_place: p.place,
      osm_node_id: p.osm_node_id,
      ...(p.population_osm === null ? {} : { population_source: 'OSM tag' }),
      municipality_source: a.source,
      ...(a.kos.length ? { cadastral_municipalities: a.kos } : {}),
      ...(a.mb === sourceMb ? {} : { osm_extract_municipality_code: String(sourceMb) }),
    },
  });
}

settlementPlaces.sort(
  (a, b) =>
    a.mb - b.mb ||
    (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0) ||
    (a.code < b.code ? -1 : 1),
);
places.push(...settlementPlaces.map(({ sortKey: _k, mb: _m, ...place }) => place));

// ---- write or check ----

const checked = Gazetteer.safeParse(places);
if (!checked.success)
  throw new Error(`built gazetteer is invalid: ${z.prettifyError(checked.error)}`);
// One place per line: reviewable diffs when a source changes.
const text = `[\n${places.map((p) => JSON.stringify(p)).join(',\n')}\n]\n`;
const out = projectPath(...GAZETTEER_FILE);

const lines: string[] = [];
const say = (s = '') => lines.push(s);
say(
  `places: ${places.length} (1 country, ${districtCodes.length} districts, ${municipalities.length} municipalities, ${settlementPlaces.length} settlements)`,
);
say(
  `settlements in the source: ${settlements.length}; kept ${settlementPlaces.length}; dropped ${dropped.notCyrillic.length + dropped.outside.length}`,
);
say(
  `  dropped, name not Serbian Cyrillic: ${dropped.notCyrillic.length}${dropped.notCyrillic.length ? ' — ' + dropped.notCyrillic.join('; ') : ''}`,
);
say(
  `  dropped, outside the 13 municipalities: ${dropped.outside.length}${dropped.outside.length ? ' — ' + dropped.outside.join('; ') : ''}`,
);
say(
  `municipality from: cadastral ${bySource.cadastral}, polygon ${bySource.polygon}, source ${bySource.source}`,
);
say();
say('| municipality | code | focus | settlements | cadastral | polygon | source |');
say('| --- | --- | --- | ---: | ---: | ---: | ---: |');
for (const m of municipalities) {
  const p = m.properties;
  const c = perMunicipality.get(p.municipality_mb) ?? { cadastral: 0, polygon: 0, source: 0 };
  say(
    `| ${p.name_sr_latn} | ${p.municipality_mb} | ${p.focus_municipality ? 'yes' : ''} | ${c.cadastral + c.polygon + c.source} | ${c.cadastral} | ${c.polygon} | ${c.source} |`,
  );
}
say(
  `cadastral name shared by KOs of several municipalities (the one holding, else nearest to, the point won): ${ambiguous.length}`,
);
say(
  `cadastral namesake farther than ${CADASTRAL_MAX_KM} km, ignored: ${namesakesRejected.length}${namesakesRejected.length ? ' — ' + namesakesRejected.join('; ') : ''}`,
);
say();
say(`municipality differs from the source file (GADM point-in-polygon): ${differs.length}`);
for (const d of differs) say(`- ${d}`);
say();
say(
  `sr-Latn differs from the source file's transliteration: ${transliterationDiffers.length}${transliterationDiffers.length ? ' — ' + transliterationDiffers.join('; ') : ''}`,
);
say(
  `OSM name:en ignored where it is more than the name without diacritics: ${osmEnglishIgnored.length}${osmEnglishIgnored.length ? ' — ' + osmEnglishIgnored.join('; ') : ''}`,
);

if (process.argv.includes('--check')) {
  const current = readFileSync(out, 'utf8');
  if (current !== text) {
    console.error(
      `${GAZETTEER_FILE.join('/')} is out of date: run npx tsx scripts/build-gazetteer.ts`,
    );
    process.exit(1);
  }
  console.log(`${GAZETTEER_FILE.join('/')} is up to date (${places.length} places).`);
} else {
  writeFileSync(out, text);
  console.log(lines.join('\n'));
  console.log(`\nwrote ${GAZETTEER_FILE.join('/')} (${Buffer.byteLength(text)} bytes)`);
}
