import type { Queryable } from '../src/server/db/db.js';
import { foldForSearch, normaliseNarratives, searchDocument } from '../src/server/text/index.js';
import { insertMany, type Cell, type Column } from './bulk.js';
import type { Random } from './random.js';
import { FIRM_NAMES, NAMED_ORGS, NGO_FORMS, NGO_NAMES, type OrgKind } from './vocabulary.js';

/** The places and partners the generated activities are about. */

export interface Settlement {
  id: string;
  names: Record<string, string>;
}

export interface Municipality extends Settlement {
  code: string;
  focus: boolean;
  settlements: Settlement[];
}

export interface Org {
  id: string;
  kind: OrgKind;
  acronym: string | null;
  iati_ref: string | null;
  names: Record<string, string>;
  place_id: string | null;
}

/** The Albanian names of the three focus municipalities in the genitive: "Komuna e Preshevës". */
const SQ_GENITIVE: Readonly<Record<string, string>> = {
  '70963': 'Preshevës',
  '70351': 'Bujanocit',
  '70815': 'Medvegjës',
};
/** Cities rather than municipalities (grad, not opština). */
const CITIES = new Set(['70432', '70726']);

/** The municipalities of the loaded gazetteer, each with its settlements. */
export async function loadMunicipalities(db: Queryable): Promise<Municipality[]> {
  const rows = await db.query<{
    id: string;
    kind: string;
    code: string;
    parent_id: string | null;
    focus: boolean;
    names: Record<string, string>;
  }>(
    `select id, kind, code, parent_id, focus, names from place
      where kind in ('municipality', 'settlement') order by kind, code`,
  );
  const byId = new Map<string, Municipality>();
  for (const r of rows) {
    if (r.kind === 'municipality') {
      byId.set(r.id, { id: r.id, code: r.code, focus: r.focus, names: r.names, settlements: [] });
    }
  }
  for (const r of rows) {
    if (r.kind === 'settlement' && r.parent_id) {
      byId.get(r.parent_id)?.settlements.push({ id: r.id, names: r.names });
    }
  }
  const municipalities = [...byId.values()];
  if (municipalities.length === 0)
    throw new Error('the gazetteer is not loaded: no municipalities');
  if (!municipalities.some((m) => m.focus))
    throw new Error('no focus municipality in the gazetteer');
  return municipalities;
}

export function srName(names: Readonly<Record<string, string>>): string {
  return names['sr-Latn'] ?? names.en ?? Object.values(names)[0] ?? '?';
}

/** "Opština Preševo" / "Municipality of Preševo" / "Komuna e Preshevës". */
export function municipalityOrgNames(m: Municipality): {
  'sr-Latn': string;
  en: string;
  sq: string;
} {
  const sr = srName(m.names);
  const en = m.names.en ?? sr;
  const city = CITIES.has(m.code);
  const sqGenitive = SQ_GENITIVE[m.code];
  return {
    'sr-Latn': city ? `Grad ${sr}` : `Opština ${sr}`,
    en: city ? `City of ${en}` : `Municipality of ${en}`,
    sq: sqGenitive ? `Komuna e ${sqGenitive}` : city ? `Qyteti i ${sr}` : `Komuna e ${sr}`,
  };
}

/** 60 % of the work is in the three focus municipalities, the rest spread over the others. */
export function pickMunicipality(
  rng: Random,
  municipalities: readonly Municipality[],
): Municipality {
  const focus = municipalities.filter((m) => m.focus);
  const others = municipalities.filter((m) => !m.focus);
  return rng.chance(0.6) || others.length === 0 ? rng.pick(focus) : rng.pick(others);
}

/**
 * The named partners (ministries, the Coordination Body, the EU, UN agencies, bilateral donors),
 * one organisation per municipality, and local NGOs and firms up to `total`.
 */
export function generateOrganisations(
  rng: Random,
  municipalities: readonly Municipality[],
  total: number,
): Org[] {
  const orgs: Org[] = NAMED_ORGS.map((o) => ({
    id: rng.uuid(),
    kind: o.kind,
    acronym: o.acronym,
    iati_ref: o.iati_ref,
    names: { 'sr-Latn': o.sr, en: o.en, sq: o.sq },
    place_id: null,
  }));
  for (const m of municipalities) {
    orgs.push({
      id: rng.uuid(),
      kind: 'municipality',
      acronym: null,
      iati_ref: null,
      names: municipalityOrgNames(m),
      place_id: m.id,
    });
  }
  const seen = new Set(orgs.map((o) => srName(o.names)));
  const firmsUntil = orgs.length + Math.round((total - orgs.length) * 0.1);
  // Bounded: far more attempts than names needed, in case the word lists run short of pairs.
  for (let attempt = 0; orgs.length < total && attempt < total * 50; attempt++) {
    const firm = orgs.length < firmsUntil;
    const town = srName(pickMunicipality(rng, municipalities).names);
    const form = rng.pick(NGO_FORMS);
    const name = rng.pick(NGO_NAMES);
    const names: Record<string, string> = firm
      ? { 'sr-Latn': `${rng.pick(FIRM_NAMES)} d.o.o. ${town}` }
      : rng.chance(0.5)
        ? { 'sr-Latn': `${form.sr} „${name}” ${town}`, en: `${form.en} “${name}” ${town}` }
        : { sq: `${form.sq} „${name}” ${town}`, 'sr-Latn': `${form.sr} „${name}” ${town}` };
    const key = srName(names);
    if (seen.has(key)) continue;
    seen.add(key);
    orgs.push({
      id: rng.uuid(),
      kind: firm ? 'private' : 'ngo',
      acronym: null,
      iati_ref: null,
      names,
      place_id: null,
    });
  }
  return orgs;
}

const ORG_COLUMNS: readonly Column[] = [
  { name: 'id', type: 'uuid' },
  { name: 'names', type: 'jsonb' },
  { name: 'acronym', type: 'text' },
  { name: 'iati_ref', type: 'text' },
  { name: 'country', type: 'text' },
  { name: 'kind', type: 'text' },
  { name: 'place_id', type: 'uuid' },
  { name: 'publication_status', type: 'text' },
  { name: 'search_text', type: 'text' },
  { name: 'sort_key', type: 'text' },
];

const DOMESTIC: readonly OrgKind[] = [
  'ngo',
  'private',
  'municipality',
  'national_government',
  'coordination_body',
];

/** The row organisations.service would write: same normalised names, search text and sort key. */
function orgRow(o: Org): Cell[] {
  const names = normaliseNarratives(o.names);
  const primary = names.en ?? names['sr-Latn'] ?? names.sq ?? Object.values(names)[0] ?? '';
  return [
    o.id,
    JSON.stringify(names),
    o.acronym,
    o.iati_ref,
    DOMESTIC.includes(o.kind) ? 'RS' : null,
    o.kind,
    o.place_id,
    'published',
    searchDocument([...Object.values(names), o.acronym, o.iati_ref]),
    foldForSearch(primary),
  ];
}

export async function insertOrganisations(db: Queryable, orgs: readonly Org[]): Promise<void> {
  await insertMany(db, 'organisation', ORG_COLUMNS, orgs.map(orgRow));
}

/** Who plays which part in projects, drawn from the generated organisations. */
export interface Partners {
  named(acronym: string): Org;
  donors: Org[];
  ngos: Org[];
  internationalImplementers: Org[];
  firms: Org[];
  government: Org[];
  /** The organisation of a municipality, by the municipality's place id. */
  municipality(placeId: string): Org | undefined;
}

export function partnersOf(orgs: readonly Org[]): Partners {
  const byAcronym = new Map(orgs.flatMap((o) => (o.acronym ? [[o.acronym, o] as const] : [])));
  const byPlace = new Map(orgs.flatMap((o) => (o.place_id ? [[o.place_id, o] as const] : [])));
  const ofKind = (...kinds: OrgKind[]) => orgs.filter((o) => kinds.includes(o.kind));
  return {
    named(acronym) {
      const org = byAcronym.get(acronym);
      if (!org) throw new Error(`no organisation ${acronym}`);
      return org;
    },
    donors: ofKind('eu', 'multilateral', 'bilateral_donor'),
    ngos: ofKind('ngo'),
    internationalImplementers: ofKind('multilateral', 'osce'),
    firms: ofKind('private'),
    government: ofKind('national_government'),
    municipality: (placeId) => byPlace.get(placeId),
  };
}
