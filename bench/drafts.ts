import type { ActivityDraft, Span } from './activity-rows.js';
import type { Random } from './random.js';
import { PHASES, SECONDARY_SECTORS, THEMES, type ProgrammeName } from './vocabulary.js';
import {
  municipalityOrgNames,
  pickMunicipality,
  srName,
  type Municipality,
  type Org,
  type Partners,
} from './world.js';

const pad = (n: number, width: number) => String(n).padStart(width, '0');
const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

/** Whole percentages that add up to exactly 100, the first the largest. */
function shares(rng: Random, parts: number): number[] {
  if (parts <= 1) return [100];
  const first = rng.int(5, 8) * 10;
  if (parts === 2) return [first, 100 - first];
  const second = Math.min(100 - first - 5, Math.max(5, Math.round((100 - first) * 0.12) * 5));
  return [first, second, 100 - first - second];
}

/**
 * Years starting in [fromYear, toYear] and lasting minYears to maxYears, never past 2026. Starts
 * lean towards the later years, as a registry fills up with recent work.
 */
function span(
  rng: Random,
  fromYear: number,
  toYear: number,
  minYears: number,
  maxYears: number,
): Span {
  const startYear = Math.min(
    toYear,
    fromYear + Math.floor((toYear - fromYear + 1) * Math.sqrt(rng.next())),
  );
  const endYear = Math.min(2026, startYear + rng.int(minYears, maxYears));
  return {
    startYear,
    endYear,
    startDate: `${startYear}-${pad(rng.int(1, 6), 2)}-01`,
    endDate: `${endYear}-${pad(rng.int(7, 12), 2)}-${pad(rng.int(1, 28), 2)}`,
  };
}

/** IATI ActivityStatus 2 implementation, 3 finalisation, 4 closed; "today" is late 2026. */
function statusOf(rng: Random, endYear: number): ActivityDraft['status'] {
  if (endYear >= 2026) return '2';
  if (endYear === 2025) return rng.chance(0.6) ? '3' : '4';
  return rng.chance(0.05) ? '3' : '4';
}

function identifierPrefix(org: Org): string {
  return org.iati_ref ?? `RS-KOORD-${(org.acronym ?? 'X').replace(/[^A-Za-z0-9]/g, '')}`;
}

export interface Programme extends ActivityDraft {
  weight: number;
  /** Projects drafted beneath it so far. */
  children: number;
}

export function draftProgramme(
  rng: Random,
  p: ProgrammeName,
  index: number,
  partners: Partners,
  municipalities: readonly Municipality[],
): Programme {
  const funder = partners.named(p.funder);
  // Starts spread over 2001–2021 (8 and 21 are coprime), so every year has programmes running.
  const start = 2001 + ((index * 8) % 21);
  const s = span(rng, start, start, 5, 10);
  return {
    id: rng.uuid(),
    iati_identifier: `${identifierPrefix(funder)}-PRG-${pad(index + 1, 3)}`,
    parent_id: null,
    hierarchy: 1,
    title: { 'sr-Latn': p.sr, en: p.en, sq: p.sq },
    description: {
      'sr-Latn': `${p.sr}: program podrške lokalnom razvoju, infrastrukturi i socijalnoj koheziji u opštinama juga Srbije.`,
      en: `${p.en}: a programme supporting local development, infrastructure and social cohesion in the municipalities of South Serbia.`,
    },
    status: statusOf(rng, s.endYear),
    span: s,
    scope: '5',
    funder,
    participants: [
      { org: funder, role: 'funding' },
      { org: partners.named('KT'), role: 'co_financing' },
      {
        org: funder.kind === 'bilateral_donor' ? partners.named('UNDP') : funder,
        role: 'implementing',
      },
    ],
    locations: municipalities
      .filter((m) => m.focus)
      .map((m) => ({ place_id: m.id, percentage: null })),
    sectors: [
      { code: '15112', percentage: 40 },
      { code: '43030', percentage: 35 },
      { code: '16010', percentage: 25 },
    ],
    budget: rng.int(20, 400) * 50_000,
    weight: p.weight,
    children: 0,
  };
}

interface Where {
  id: string;
  names: Record<string, string>;
  municipality: Municipality;
  settlement: boolean;
}

/** One municipality (now and then a second), the municipality itself or its settlements. */
function draftPlaces(rng: Random, municipalities: readonly Municipality[]): [Where, ...Where[]] {
  const home = pickMunicipality(rng, municipalities);
  const count = rng.weighted([
    [1, 60],
    [2, 28],
    [3, 12],
  ] as const);
  const places: Where[] = [];
  for (let i = 0; i < count * 3 && places.length < count; i++) {
    const m = i > 0 && rng.chance(0.15) ? pickMunicipality(rng, municipalities) : home;
    const settlement =
      m.settlements.length > 0 && rng.chance(0.75) ? rng.pick(m.settlements) : null;
    const id = settlement?.id ?? m.id;
    if (places.some((p) => p.id === id)) continue;
    places.push({
      id,
      names: settlement?.names ?? m.names,
      municipality: m,
      settlement: settlement !== null,
    });
  }
  const [
    first = { id: home.id, names: home.names, municipality: home, settlement: false },
    ...rest
  ] = places;
  return [first, ...rest];
}

/** A funder always, then the usual partners in their usual roles, at most four. */
function draftParticipants(rng: Random, partners: Partners, funder: Org, home: Org | undefined) {
  const candidates: { org: Org | undefined; role: string; p: number }[] = [
    { org: funder, role: 'funding', p: 1 },
    {
      org: rng.weighted([
        [rng.pick(partners.ngos), 55],
        [rng.pick(partners.internationalImplementers), 25],
        [home ?? rng.pick(partners.ngos), 10],
        [rng.pick(partners.firms), 10],
      ] as const),
      role: 'implementing',
      p: 0.75,
    },
    {
      org: rng.chance(0.6)
        ? home
        : rng.chance(0.75)
          ? partners.named('KT')
          : rng.pick(partners.government),
      role: 'co_financing',
      p: 0.3,
    },
    { org: home, role: 'beneficiary', p: 0.35 },
    { org: rng.pick([...partners.government, partners.named('EUD')]), role: 'accountable', p: 0.1 },
  ];
  const participants: { org: Org; role: string }[] = [];
  for (const c of candidates) {
    const org = c.org;
    if (!org || participants.length >= 4 || !rng.chance(c.p)) continue;
    if (participants.some((x) => x.org.id === org.id && x.role === c.role)) continue;
    participants.push({ org, role: c.role });
  }
  return participants;
}

/** The theme's main sector and up to two others; percentages add up to 100 when there are several. */
function draftSectors(rng: Random, themeSectors: readonly string[]): ActivityDraft['sectors'] {
  const count = rng.weighted([
    [1, 50],
    [2, 35],
    [3, 15],
  ] as const);
  const codes = [rng.pick(themeSectors)];
  for (let i = 0; i < 6 && codes.length < count; i++) {
    const code = rng.chance(0.5) ? rng.pick(themeSectors) : rng.pick(SECONDARY_SECTORS);
    if (!codes.includes(code)) codes.push(code);
  }
  const percentages = shares(rng, codes.length);
  return codes.map((code, i) => ({
    code,
    percentage: codes.length === 1 ? null : (percentages[i] ?? null),
  }));
}

/**
 * A project beneath `parent`: a theme in a place ("Izgradnja vodovoda – Miratovac, opština
 * Preševo"), in one to three languages, during the programme's years.
 */
export function draftProject(
  rng: Random,
  parent: Programme,
  serial: number,
  partners: Partners,
  municipalities: readonly Municipality[],
): ActivityDraft {
  parent.children++;
  const funder = rng.chance(0.7) ? parent.funder : rng.pick(partners.donors);
  const theme = rng.pick(THEMES);
  const phase = rng.weighted(PHASES.map((ph, i) => [ph, i === 0 ? 8 : 1] as const));
  const s = span(rng, parent.span.startYear, parent.span.endYear, 0, 3);
  const places = draftPlaces(rng, municipalities);
  const [where] = places;
  const locationShares = places.length > 1 && rng.chance(0.5) ? shares(rng, places.length) : null;

  const place = srName(where.names);
  const placeEn = where.names.en ?? place;
  const mun = srName(where.municipality.names);
  const munEn = where.municipality.names.en ?? mun;
  const munOrg = municipalityOrgNames(where.municipality);
  const title: Record<string, string> = where.settlement
    ? {
        'sr-Latn': `${theme.sr} – ${place}, ${lowerFirst(munOrg['sr-Latn'])}${phase.sr}`,
        en: `${theme.en} – ${placeEn}, ${munEn}${phase.en}`,
        sq: `${theme.sq} – ${place}, ${munOrg.sq}${phase.sq}`,
      }
    : {
        'sr-Latn': `${theme.sr} – ${lowerFirst(munOrg['sr-Latn'])}${phase.sr}`,
        en: `${theme.en} – ${munOrg.en}${phase.en}`,
        sq: `${theme.sq} – ${munOrg.sq}${phase.sq}`,
      };
  const description: Record<string, string> = {
    'sr-Latn': `${theme.sr} (${place}). Projekat obuhvata izvođenje radova, nabavku opreme i obuku. Korisnici su stanovnici opštine ${mun}.`,
    en: `${theme.en} (${placeEn}). The project covers works, equipment and training for the residents of ${munEn}.`,
  };
  // Not every partner writes all three languages.
  const languages = rng.weighted([
    [3, 60],
    [2, 30],
    [1, 10],
  ] as const);
  if (languages < 3) delete title.sq;
  if (languages < 2) {
    delete title.en;
    delete description.en;
  }

  return {
    id: rng.uuid(),
    iati_identifier: `${identifierPrefix(funder)}-${parent.iati_identifier.slice(-3)}-${pad(parent.children, 4)}-${pad(serial, 5)}`,
    parent_id: parent.id,
    hierarchy: 2,
    title,
    description,
    status: statusOf(rng, s.endYear),
    span: s,
    scope: '7',
    funder,
    participants: draftParticipants(
      rng,
      partners,
      funder,
      partners.municipality(where.municipality.id),
    ),
    locations: places.map((p, i) => ({ place_id: p.id, percentage: locationShares?.[i] ?? null })),
    sectors: draftSectors(rng, theme.sectors),
    budget: rng.int(20, 1500) * 1000,
  };
}
