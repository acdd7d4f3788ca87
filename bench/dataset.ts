import type { Database, Queryable } from '../src/server/db/db.js';
import { foldForSearch, normaliseNarratives, searchDocument } from '../src/server/text/index.js';
import { insertMany, type Cell, type Column } from './bulk.js';
import { seeded, type Random } from './random.js';
import {
  ALL_SECTOR_CODES,
  FIRM_NAMES,
  NAMED_ORGS,
  NGO_FORMS,
  NGO_NAMES,
  PHASES,
  PROGRAMMES,
  SECONDARY_SECTORS,
  THEMES,
  type OrgKind,
} from './vocabulary.js';

export interface DatasetOptions {
  activities: number;
  programmes: number;
  organisations: number;
  batchSize: number;
  seed: number;
  progress: (done: number, total: number) => void;
}

export interface GeneratedProgramme {
  id: string;
  iati_identifier: string;
  title: string;
  children: number;
}

export interface Dataset {
  programmes: GeneratedProgramme[];
  /** Organisation ids by acronym, for the named partners (EUD, UNDP, SDC …). */
  organisations: Map<string, string>;
  /** How many projects each organisation funds. */
  fundingCounts: Map<string, number>;
  seconds: number;
}

interface Municipality {
  id: string;
  code: string;
  focus: boolean;
  names: Record<string, string>;
  settlements: Settlement[];
}

interface Settlement {
  id: string;
  names: Record<string, string>;
}

interface Org {
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

async function loadPlaces(db: Queryable): Promise<Municipality[]> {
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
  if (municipalities.length === 0) throw new Error('the gazetteer is not loaded: no municipalities');
  if (!municipalities.some((m) => m.focus))
    throw new Error('no focus municipality in the gazetteer');
  return municipalities;
}

async function checkSectorCodes(db: Queryable): Promise<void> {
  const rows = await db.query<{ code: string }>(
    `select code from codelist_item where codelist = 'Sector' and code = any($1::text[])`,
    [ALL_SECTOR_CODES],
  );
  const known = new Set(rows.map((r) => r.code));
  const missing = ALL_SECTOR_CODES.filter((c) => !known.has(c));
  if (missing.length) throw new Error(`DAC codes not in the Sector codelist: ${missing.join(', ')}`);
}

function srName(names: Record<string, string>): string {
  return names['sr-Latn'] ?? names.en ?? Object.values(names)[0] ?? '?';
}

function municipalityOrgNames(m: Municipality): Record<string, string> {
  const sr = srName(m.names);
  const en = m.names.en ?? sr;
  const city = CITIES.has(m.code);
  const sqGen = SQ_GENITIVE[m.code];
  return {
    'sr-Latn': city ? `Grad ${sr}` : `Opština ${sr}`,
    en: city ? `City of ${en}` : `Municipality of ${en}`,
    sq: sqGen ? `Komuna e ${sqGen}` : city ? `Qyteti i ${sr}` : `Komuna e ${sr}`,
  };
}

function generateOrganisations(rng: Random, municipalities: Municipality[], total: number): Org[] {
  const orgs: Org[] = [];
  for (const o of NAMED_ORGS) {
    orgs.push({
      id: rng.uuid(),
      kind: o.kind,
      acronym: o.acronym,
      iati_ref: o.iati_ref,
      names: { 'sr-Latn': o.sr, en: o.en, sq: o.sq },
      place_id: null,
    });
  }
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
  const town = () => srName(pickMunicipality(rng, municipalities).names);
  const seen = new Set(orgs.map((o) => srName(o.names)));
  const firms = Math.round((total - orgs.length) * 0.1);
  // Bounded: far more attempts than names needed, in case the word lists run short of pairs.
  for (let attempt = 0; orgs.length < total && attempt < total * 50; attempt++) {
    const isFirm = orgs.length < NAMED_ORGS.length + municipalities.length + firms;
    const place = town();
    let names: Record<string, string>;
    if (isFirm) {
      names = { 'sr-Latn': `${rng.pick(FIRM_NAMES)} d.o.o. ${place}` };
    } else {
      const form = rng.pick(NGO_FORMS);
      const name = rng.pick(NGO_NAMES);
      names = rng.chance(0.5)
        ? { 'sr-Latn': `${form.sr} „${name}” ${place}`, en: `${form.en} “${name}” ${place}` }
        : { sq: `${form.sq} „${name}” ${place}`, 'sr-Latn': `${form.sr} „${name}” ${place}` };
    }
    const key = srName(names);
    if (seen.has(key)) continue;
    seen.add(key);
    orgs.push({
      id: rng.uuid(),
      kind: isFirm ? 'private' : 'ngo',
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

function orgRow(o: Org): Cell[] {
  const names = normaliseNarratives(o.names);
  const primary = names.en ?? names['sr-Latn'] ?? names.sq ?? Object.values(names)[0] ?? '';
  const local = o.kind === 'ngo' || o.kind === 'private' || o.kind === 'municipality';
  return [
    o.id,
    JSON.stringify(names),
    o.acronym,
    o.iati_ref,
    local || o.kind === 'national_government' || o.kind === 'coordination_body' ? 'RS' : null,
    o.kind,
    o.place_id,
    'published',
    searchDocument([...Object.values(names), o.acronym, o.iati_ref]),
    foldForSearch(primary),
  ];
}

function pickMunicipality(rng: Random, municipalities: readonly Municipality[]): Municipality {
  // 60 % of the work is in the three focus municipalities, the rest spread over the others.
  const focus = municipalities.filter((m) => m.focus);
  const others = municipalities.filter((m) => !m.focus);
  return rng.chance(0.6) || others.length === 0 ? rng.pick(focus) : rng.pick(others);
}

const ACTIVITY_COLUMNS: readonly Column[] = [
  { name: 'id', type: 'uuid' },
  { name: 'iati_identifier', type: 'text' },
  { name: 'parent_id', type: 'uuid' },
  { name: 'hierarchy', type: 'int2' },
  { name: 'title', type: 'jsonb' },
  { name: 'description', type: 'jsonb' },
  { name: 'status', type: 'text' },
  { name: 'planned_start', type: 'date' },
  { name: 'actual_start', type: 'date' },
  { name: 'planned_end', type: 'date' },
  { name: 'actual_end', type: 'date' },
  { name: 'scope', type: 'text' },
  { name: 'default_currency', type: 'text' },
  { name: 'reporting_org_id', type: 'uuid' },
  { name: 'collaboration_type', type: 'text' },
  { name: 'default_flow_type', type: 'text' },
  { name: 'default_finance_type', type: 'text' },
  { name: 'default_aid_types', type: 'jsonb' },
  { name: 'default_tied_status', type: 'text' },
  { name: 'humanitarian', type: 'boolean' },
  { name: 'illustrative', type: 'boolean' },
  { name: 'publication_status', type: 'text' },
  { name: 'search_text', type: 'text' },
  { name: 'sort_key', type: 'text' },
  { name: 'start_year', type: 'int2' },
  { name: 'end_year', type: 'int2' },
];
const PARTICIPANT_COLUMNS: readonly Column[] = [
  { name: 'activity_id', type: 'uuid' },
  { name: 'organisation_id', type: 'uuid' },
  { name: 'role', type: 'text' },
  { name: 'position', type: 'int2' },
];
const LOCATION_COLUMNS: readonly Column[] = [
  { name: 'activity_id', type: 'uuid' },
  { name: 'place_id', type: 'uuid' },
  { name: 'percentage', type: 'numeric' },
  { name: 'position', type: 'int2' },
];
const SECTOR_COLUMNS: readonly Column[] = [
  { name: 'activity_id', type: 'uuid' },
  { name: 'vocabulary', type: 'text' },
  { name: 'code', type: 'text' },
  { name: 'percentage', type: 'numeric' },
  { name: 'position', type: 'int2' },
];
const BUDGET_COLUMNS: readonly Column[] = [
  { name: 'activity_id', type: 'uuid' },
  { name: 'type', type: 'text' },
  { name: 'status', type: 'text' },
  { name: 'period_start', type: 'date' },
  { name: 'period_end', type: 'date' },
  { name: 'value', type: 'numeric' },
  { name: 'currency', type: 'text' },
  { name: 'value_date', type: 'date' },
  { name: 'position', type: 'int2' },
];

interface Batch {
  activities: Cell[][];
  participants: Cell[][];
  locations: Cell[][];
  sectors: Cell[][];
  budgets: Cell[][];
}

const emptyBatch = (): Batch => ({
  activities: [],
  participants: [],
  locations: [],
  sectors: [],
  budgets: [],
});

async function writeBatch(db: Database, b: Batch): Promise<void> {
  await db.transaction(async (tx) => {
    await insertMany(tx, 'activity', ACTIVITY_COLUMNS, b.activities);
    await insertMany(tx, 'activity_participant', PARTICIPANT_COLUMNS, b.participants);
    await insertMany(tx, 'activity_location', LOCATION_COLUMNS, b.locations);
    await insertMany(tx, 'activity_sector', SECTOR_COLUMNS, b.sectors);
    await insertMany(tx, 'activity_budget', BUDGET_COLUMNS, b.budgets);
  });
}

/** Percentages in whole numbers that add up to exactly 100, the first the largest. */
function split(rng: Random, parts: number): number[] {
  if (parts === 1) return [100];
  const first = rng.int(5, 8) * 10;
  if (parts === 2) return [first, 100 - first];
  const second = Math.max(5, Math.round(((100 - first) * rng.int(5, 7)) / 10 / 5) * 5);
  return [first, Math.min(second, 100 - first - 5), 100 - first - Math.min(second, 100 - first - 5)];
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

interface Span {
  startYear: number;
  endYear: number;
  startDate: string;
  endDate: string;
}

function span(rng: Random, fromYear: number, toYear: number, minYears: number, maxYears: number): Span {
  const startYear = rng.int(fromYear, toYear);
  const endYear = Math.min(2026, startYear + rng.int(minYears, maxYears));
  return {
    startYear,
    endYear,
    startDate: `${startYear}-${pad(rng.int(1, 6), 2)}-01`,
    endDate: `${endYear}-${pad(rng.int(7, 12), 2)}-${pad(rng.int(1, 28), 2)}`,
  };
}

/** IATI ActivityStatus 2 implementation, 3 finalisation, 4 closed; the registry's "today" is late 2026. */
function statusOf(rng: Random, endYear: number): '2' | '3' | '4' {
  if (endYear >= 2026) return '2';
  if (endYear === 2025) return rng.chance(0.6) ? '3' : '4';
  return rng.chance(0.05) ? '3' : '4';
}

function identifierPrefix(org: Org): string {
  return org.iati_ref ?? `RS-KOORD-${(org.acronym ?? 'X').replace(/[^A-Za-z0-9]/g, '')}`;
}

interface ActivityDraft {
  id: string;
  iati_identifier: string;
  parent_id: string | null;
  hierarchy: number;
  title: Record<string, string>;
  description: Record<string, string>;
  status: string;
  span: Span;
  scope: string;
  funder: Org;
  participants: { org: Org; role: string }[];
  locations: { place_id: string; percentage: number | null }[];
  sectors: { code: string; percentage: number | null }[];
  budget: number;
}

function pushActivity(b: Batch, a: ActivityDraft): void {
  const title = normaliseNarratives(a.title);
  const description = normaliseNarratives(a.description);
  const primary = title.en ?? title['sr-Latn'] ?? title.sq ?? Object.values(title)[0] ?? '';
  // The same document the service writes: texts, identifier and the participants' names.
  const orgNames = [...new Map(a.participants.map((p) => [p.org.id, p.org])).values()].flatMap(
    (o) => [...Object.values(normaliseNarratives(o.names)), o.acronym ?? ''],
  );
  const closed = a.status === '4';
  const multilateral = ['multilateral', 'eu'].includes(a.funder.kind);
  b.activities.push([
    a.id,
    a.iati_identifier,
    a.parent_id,
    a.hierarchy,
    JSON.stringify(title),
    JSON.stringify(description),
    a.status,
    a.span.startDate,
    a.span.startDate,
    a.span.endDate,
    closed ? a.span.endDate : null,
    a.scope,
    'EUR',
    a.funder.id,
    multilateral ? '2' : '1',
    '10',
    '110',
    // Programmes pool funds (B03), projects are project-type interventions (C01).
    JSON.stringify([{ vocabulary: '1', code: a.hierarchy === 1 ? 'B03' : 'C01' }]),
    '5',
    false,
    false,
    'published',
    searchDocument([...Object.values(title), ...Object.values(description), a.iati_identifier, ...orgNames]),
    foldForSearch(primary),
    a.span.startYear,
    a.span.endYear,
  ]);
  a.participants.forEach((p, i) => b.participants.push([a.id, p.org.id, p.role, i]));
  a.locations.forEach((l, i) => b.locations.push([a.id, l.place_id, l.percentage, i]));
  a.sectors.forEach((s, i) => b.sectors.push([a.id, '1', s.code, s.percentage, i]));
  b.budgets.push([a.id, '1', '2', a.span.startDate, a.span.endDate, a.budget.toFixed(2), 'EUR', a.span.startDate, 0]);
}

/**
 * Fills an empty, prepared registry with `activities` published activities: `programmes` of
 * hierarchy 1, the rest projects beneath them, written in batches of multi-row INSERTs.
 */
export async function generateDataset(db: Database, opts: DatasetOptions): Promise<Dataset> {
  const started = performance.now();
  const rng = seeded(opts.seed);
  await checkSectorCodes(db);
  const municipalities = await loadPlaces(db);
  const orgs = generateOrganisations(rng, municipalities, opts.organisations);
  await insertMany(db, 'organisation', ORG_COLUMNS, orgs.map(orgRow));

  const byAcronym = new Map(orgs.filter((o) => o.acronym).map((o) => [o.acronym ?? '', o]));
  const named = (acronym: string): Org => {
    const org = byAcronym.get(acronym);
    if (!org) throw new Error(`no organisation ${acronym}`);
    return org;
  };
  const ofKind = (...kinds: OrgKind[]) => orgs.filter((o) => kinds.includes(o.kind));
  const donors = ofKind('eu', 'multilateral', 'bilateral_donor');
  const implementers = ofKind('ngo');
  const internationalImplementers = ofKind('multilateral', 'osce');
  const firms = ofKind('private');
  const government = ofKind('national_government');
  const municipalityOrg = new Map(
    orgs.filter((o) => o.kind === 'municipality').map((o) => [o.place_id ?? '', o]),
  );
  const fundingCounts = new Map<string, number>();

  // Programmes first: projects point at them.
  const programmeCount = Math.min(opts.programmes, PROGRAMMES.length);
  const programmes: (ActivityDraft & { weight: number; seq: number })[] = [];
  const first = emptyBatch();
  for (let i = 0; i < programmeCount; i++) {
    const p = PROGRAMMES[i];
    if (!p) break;
    const funder = named(p.funder);
    const s = span(rng, 2001, 2020, 5, 10);
    const draft = {
      id: rng.uuid(),
      iati_identifier: `${identifierPrefix(funder)}-PRG-${pad(i + 1, 3)}`,
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
        { org: named('KT'), role: 'co_financing' },
        { org: funder.kind === 'bilateral_donor' ? named('UNDP') : funder, role: 'implementing' },
      ],
      locations: municipalities.filter((m) => m.focus).map((m) => ({ place_id: m.id, percentage: null })),
      sectors: [{ code: '15112', percentage: 40 }, { code: '43030', percentage: 35 }, { code: '16010', percentage: 25 }],
      budget: rng.int(20, 400) * 50_000,
      weight: p.weight,
      seq: 0,
    };
    programmes.push(draft);
    pushActivity(first, draft);
  }
  await writeBatch(db, first);
  const programmeChildren = new Map<string, number>();

  let batch = emptyBatch();
  let done = programmes.length;
  opts.progress(done, opts.activities);
  while (done < opts.activities) {
    const parent = rng.weighted(programmes.map((p) => [p, p.weight] as const));
    parent.seq++;
    programmeChildren.set(parent.id, (programmeChildren.get(parent.id) ?? 0) + 1);
    const funder = rng.chance(0.7) ? parent.funder : rng.pick(donors);
    const theme = rng.pick(THEMES);
    const phase = rng.weighted(PHASES.map((ph, i) => [ph, i === 0 ? 8 : 1] as const));
    const s = span(rng, parent.span.startYear, Math.max(parent.span.startYear, parent.span.endYear - 1), 0, 3);

    // Where: one municipality (sometimes a second one), the municipality itself or its settlements.
    const home = pickMunicipality(rng, municipalities);
    const locationCount = rng.weighted([[1, 60], [2, 28], [3, 12]] as const);
    const places: { id: string; names: Record<string, string>; municipality: Municipality; settlement: boolean }[] = [];
    for (let i = 0; i < locationCount * 3 && places.length < locationCount; i++) {
      const m = i > 0 && rng.chance(0.15) ? pickMunicipality(rng, municipalities) : home;
      const settlement = m.settlements.length > 0 && rng.chance(0.75) ? rng.pick(m.settlements) : null;
      const id = settlement?.id ?? m.id;
      if (places.some((p) => p.id === id)) continue;
      places.push({ id, names: settlement?.names ?? m.names, municipality: m, settlement: settlement !== null });
    }
    const where = places[0] ?? { id: home.id, names: home.names, municipality: home, settlement: false };
    const percentages = places.length > 1 && rng.chance(0.5) ? split(rng, places.length) : null;

    // Who: a funder always, then the usual partners, at most four.
    const homeOrg = municipalityOrg.get(where.municipality.id);
    const candidates: { org: Org | undefined; role: string; p: number }[] = [
      { org: funder, role: 'funding', p: 1 },
      {
        org: rng.weighted([
          [rng.pick(implementers), 55],
          [rng.pick(internationalImplementers), 25],
          [homeOrg ?? rng.pick(implementers), 10],
          [rng.pick(firms), 10],
        ] as const),
        role: 'implementing',
        p: 0.75,
      },
      { org: rng.chance(0.6) ? homeOrg : rng.chance(0.75) ? named('KT') : rng.pick(government), role: 'co_financing', p: 0.3 },
      { org: homeOrg, role: 'beneficiary', p: 0.35 },
      { org: rng.pick([...government, named('EUD')]), role: 'accountable', p: 0.1 },
    ];
    const participants: { org: Org; role: string }[] = [];
    for (const c of candidates) {
      if (!c.org || participants.length >= 4 || !rng.chance(c.p)) continue;
      const org = c.org;
      if (participants.some((x) => x.org.id === org.id && x.role === c.role)) continue;
      participants.push({ org, role: c.role });
    }
    fundingCounts.set(funder.id, (fundingCounts.get(funder.id) ?? 0) + 1);

    // What: the theme's main sector, and up to two others; percentages add up to 100.
    const sectorCount = rng.weighted([[1, 50], [2, 35], [3, 15]] as const);
    const codes = [rng.pick(theme.sectors)];
    for (let i = 0; i < 6 && codes.length < sectorCount; i++) {
      const code = rng.chance(0.5) ? rng.pick(theme.sectors) : rng.pick(SECONDARY_SECTORS);
      if (!codes.includes(code)) codes.push(code);
    }
    const sectorShares = split(rng, codes.length);

    const placeSr = srName(where.names);
    const munSr = srName(where.municipality.names);
    const munEn = where.municipality.names.en ?? munSr;
    const munOrg = municipalityOrgNames(where.municipality);
    const title: Record<string, string> = where.settlement
      ? {
          'sr-Latn': `${theme.sr} – ${placeSr}, ${munOrg['sr-Latn']?.toLowerCase() ?? munSr}${phase.sr}`,
          en: `${theme.en} – ${where.names.en ?? placeSr}, ${munEn}${phase.en}`,
          sq: `${theme.sq} – ${placeSr}, ${munOrg.sq ?? munSr}${phase.sq}`,
        }
      : {
          'sr-Latn': `${theme.sr} – ${munOrg['sr-Latn']?.toLowerCase() ?? munSr}${phase.sr}`,
          en: `${theme.en} – ${munOrg.en ?? munEn}${phase.en}`,
          sq: `${theme.sq} – ${munOrg.sq ?? munSr}${phase.sq}`,
        };
    // Not every partner writes all three languages.
    const languages = rng.weighted([[3, 60], [2, 30], [1, 10]] as const);
    if (languages < 3) delete title.sq;
    if (languages < 2) delete title.en;
    const description: Record<string, string> = {
      'sr-Latn': `${theme.sr} (${placeSr}). Projekat obuhvata izvođenje radova, nabavku opreme i obuku. Korisnici su stanovnici opštine ${munSr}.`,
    };
    if (languages >= 2) {
      description.en = `${theme.en} (${where.names.en ?? placeSr}). The project covers works, equipment and training for the residents of ${munEn}.`;
    }

    const draft: ActivityDraft = {
      id: rng.uuid(),
      iati_identifier: `${identifierPrefix(funder)}-${parent.iati_identifier.slice(-3)}-${pad(parent.seq, 4)}-${pad(done, 5)}`,
      parent_id: parent.id,
      hierarchy: 2,
      title,
      description,
      status: statusOf(rng, s.endYear),
      span: s,
      scope: '7',
      funder,
      participants,
      locations: places.map((p, i) => ({ place_id: p.id, percentage: percentages?.[i] ?? null })),
      sectors: codes.map((code, i) => ({ code, percentage: codes.length === 1 ? null : (sectorShares[i] ?? null) })),
      budget: rng.int(20, 1500) * 1000,
    };
    pushActivity(batch, draft);
    done++;
    if (batch.activities.length >= opts.batchSize || done === opts.activities) {
      await writeBatch(db, batch);
      batch = emptyBatch();
      opts.progress(done, opts.activities);
    }
  }

  return {
    programmes: programmes.map((p) => ({
      id: p.id,
      iati_identifier: p.iati_identifier,
      title: p.title.en ?? '',
      children: programmeChildren.get(p.id) ?? 0,
    })),
    organisations: new Map([...byAcronym].map(([k, o]) => [k, o.id])),
    fundingCounts,
    seconds: (performance.now() - started) / 1000,
  };
}
