/**
 * A schema-shaped IATI 2.03 activity file of any size, written by the project's own serialiser
 * (`writeIatiActivities`) from generated `IatiActivity` values, so that it is valid by
 * construction. Streamed: one activity exists at a time, whatever the size of the file.
 *
 * What it looks like: about 300 organisations (the real partners of bench/vocabulary.ts with
 * their IATI identifiers, the municipalities of the gazetteer, local NGOs and firms), each
 * activity reported by one of them, titled and described in en, sr and sq, in 1–3 sectors with
 * percentages, at 1–3 real settlements of south Serbia (data/geo/gazetteer.json) with points near
 * them, with yearly budgets, 10–40 transactions that name their provider and receiver and often
 * the activity the money came from or went to, and now and then a result with indicators.
 */
import { createWriteStream, readFileSync } from 'node:fs';
import { once } from 'node:events';
import type {
  IatiActivity,
  IatiLocation,
  IatiOrgRef,
  IatiParticipatingOrg,
  IatiResult,
  IatiTransaction,
  Narratives,
} from '../../src/server/iati/iati.model.js';
import { writeIatiActivities } from '../../src/server/iati/write/stream.js';
import { projectPath } from '../../src/server/paths.js';
import { seeded, type Random } from '../random.js';
import {
  FIRM_NAMES,
  NAMED_ORGS,
  NGO_FORMS,
  NGO_NAMES,
  PHASES,
  SECONDARY_SECTORS,
  THEMES,
  type OrgKind,
} from '../vocabulary.js';

interface GazetteerPlace {
  kind: string;
  code: string;
  parent_code: { kind: string; code: string } | null;
  names: Record<string, string>;
  focus: boolean;
  lat: number | null;
  lon: number | null;
}

interface Place {
  code: string;
  names: Record<string, string>;
  lat: number;
  lon: number;
  municipality: string;
}

interface PoolOrg {
  ref: string | null;
  type: string;
  kind: OrgKind;
  name: Narratives;
  /** Funds rather than implements: reports more, appears as provider. */
  funder: boolean;
}

const ORG_TYPE: Readonly<Record<OrgKind, string>> = {
  national_government: '10',
  coordination_body: '10',
  municipality: '11',
  multilateral: '40',
  eu: '40',
  osce: '40',
  bilateral_donor: '10',
  ngo: '22',
  private: '70',
  other: '90',
};

const FUNDER_KINDS: ReadonlySet<OrgKind> = new Set([
  'national_government',
  'coordination_body',
  'multilateral',
  'eu',
  'osce',
  'bilateral_donor',
]);

/** The settlements (and municipalities) of the gazetteer, each with a point and a municipality. */
function loadPlaces(): { focus: Place[]; other: Place[]; municipalities: Place[] } {
  const all = JSON.parse(
    readFileSync(projectPath('data', 'geo', 'gazetteer.json'), 'utf8'),
  ) as GazetteerPlace[];
  const focusCodes = new Set(
    all.filter((p) => p.kind === 'municipality' && p.focus).map((p) => p.code),
  );
  const municipalities: Place[] = [];
  const focus: Place[] = [];
  const other: Place[] = [];
  for (const p of all) {
    if (p.lat === null || p.lon === null) continue;
    if (p.kind === 'municipality') {
      municipalities.push({
        code: p.code,
        names: p.names,
        lat: p.lat,
        lon: p.lon,
        municipality: p.code,
      });
    } else if (p.kind === 'settlement' && p.parent_code) {
      const place = {
        code: p.code,
        names: p.names,
        lat: p.lat,
        lon: p.lon,
        municipality: p.parent_code.code,
      };
      (focusCodes.has(p.parent_code.code) ? focus : other).push(place);
    }
  }
  if (focus.length === 0 || municipalities.length === 0)
    throw new Error('data/geo/gazetteer.json has no settlements in the focus municipalities');
  return { focus, other, municipalities };
}

const digits = (rng: Random, n: number) =>
  Array.from({ length: n }, () => String(rng.int(0, 9))).join('');

/** About `total` organisations, the first ones the real partners with their real identifiers. */
function organisationPool(rng: Random, municipalities: readonly Place[], total: number): PoolOrg[] {
  const orgs: PoolOrg[] = NAMED_ORGS.map((o) => ({
    ref: o.iati_ref ?? `RS-PIB-1${digits(rng, 8)}`,
    type: ORG_TYPE[o.kind],
    kind: o.kind,
    name: { en: o.en, sr: o.sr, sq: o.sq },
    funder: FUNDER_KINDS.has(o.kind),
  }));
  for (const m of municipalities) {
    const sr = m.names['sr-Latn'] ?? m.names.en ?? m.code;
    orgs.push({
      ref: `RS-APR-${digits(rng, 8)}`,
      type: '11',
      kind: 'municipality',
      name: {
        en: `Municipality of ${m.names.en ?? sr}`,
        sr: `Opština ${sr}`,
        sq: `Komuna e ${m.names.sq ?? sr}`,
      },
      funder: false,
    });
  }
  const seen = new Set<string>();
  for (let attempt = 0; orgs.length < total && attempt < total * 50; attempt++) {
    const firm = rng.chance(0.25);
    const settlement = rng.pick(municipalities).names['sr-Latn'] ?? 'Preševo';
    if (firm) {
      const name = `${rng.pick(FIRM_NAMES)} ${settlement}`;
      if (seen.has(name)) continue;
      seen.add(name);
      orgs.push({
        ref: rng.chance(0.8) ? `RS-APR-${digits(rng, 8)}` : null,
        type: '70',
        kind: 'private',
        name: { en: `${name} d.o.o.`, sr: `${name} d.o.o.` },
        funder: false,
      });
    } else {
      const form = rng.pick(NGO_FORMS);
      const word = rng.pick(NGO_NAMES);
      const key = `${form.en} ${word} ${settlement}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const international = rng.chance(0.1);
      orgs.push({
        ref: international
          ? `GB-CHC-${digits(rng, 7)}`
          : rng.chance(0.85)
            ? `RS-APR-${digits(rng, 8)}`
            : null,
        type: international ? '21' : '22',
        kind: 'ngo',
        name: {
          en: `${form.en} “${word}” ${settlement}`,
          sr: `${form.sr} „${word}“ ${settlement}`,
          sq: `${form.sq} “${word}” ${settlement}`,
        },
        funder: false,
      });
    }
  }
  return orgs;
}

const LOREM_EN = [
  'The works are tendered by the municipality and supervised by its own engineers.',
  'Households in the surrounding villages benefit directly once the works are complete.',
  'Local contractors are hired where possible; at least a fifth of the workers come from the area.',
  'Maintenance costs are carried by the public utility company after handover.',
  'The design was agreed with the local community council in two public hearings.',
  'Women and young people are among the first beneficiaries of the new services.',
];
const LOREM_SR = [
  'Radove raspisuje opština i nadzire ih sopstvenim inženjerima.',
  'Domaćinstva u okolnim selima imaju direktnu korist po završetku radova.',
  'Gde god je moguće angažuju se lokalni izvođači; najmanje petina radnika je iz okoline.',
  'Troškove održavanja posle primopredaje snosi javno komunalno preduzeće.',
  'Projekat je dogovoren sa savetom mesne zajednice na dve javne rasprave.',
  'Žene i mladi su među prvim korisnicima novih usluga.',
];
const LOREM_SQ = [
  'Punimet shpallen nga komuna dhe mbikëqyren nga inxhinierët e saj.',
  'Familjet në fshatrat përreth përfitojnë drejtpërdrejt pasi të përfundojnë punimet.',
  'Aty ku është e mundur angazhohen kontraktorë vendorë; së paku një e pesta e punëtorëve janë nga zona.',
  'Shpenzimet e mirëmbajtjes pas dorëzimit i bart ndërmarrja publike komunale.',
  'Projekti u pajtua me këshillin e bashkësisë lokale në dy dëgjime publike.',
  'Gratë dhe të rinjtë janë ndër përfituesit e parë të shërbimeve të reja.',
];

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const isoDate = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;

/** Splits 100 into `n` integer percentages, the first one the largest. */
function percentages(rng: Random, n: number): string[] {
  if (n === 1) return ['100'];
  const first = rng.int(40, 80);
  if (n === 2) return [String(first), String(100 - first)];
  const second = rng.int(1, 100 - first - 1);
  return [String(first), String(second), String(100 - first - second)];
}

function amount(rng: Random, min: number, max: number): string {
  return (Math.round((min + rng.next() * (max - min)) * 100) / 100).toFixed(2);
}

/** A settlement's names as IATI narratives: the Serbian one under `sr`, as publishers write it. */
function placeNames(p: Place): Narratives {
  const names: Narratives = {};
  if (p.names.en) names.en = p.names.en;
  const sr = p.names['sr-Latn'] ?? p.names['sr-Cyrl'];
  if (sr) names.sr = sr;
  if (p.names.sq) names.sq = p.names.sq;
  return names;
}

const orgRef = (o: PoolOrg): IatiOrgRef => ({ ref: o.ref, type: o.type, name: o.name });

export interface GeneratorOptions {
  seed: number;
  organisations: number;
}

/**
 * An endless, deterministic series of activities. The caller stops when it has enough; the
 * generator itself keeps only the organisation pool and a few recent identifiers.
 */
export function* generateActivities(opts: GeneratorOptions): Generator<IatiActivity> {
  const rng = seeded(opts.seed);
  const places = loadPlaces();
  const orgs = organisationPool(rng, places.municipalities, opts.organisations);
  const withRef = orgs.filter((o) => o.ref !== null);
  const funders = withRef.filter((o) => o.funder);
  const implementers = orgs.filter((o) => !o.funder);
  const reporters: (readonly [PoolOrg, number])[] = withRef.map((o) => [o, o.funder ? 20 : 1]);
  /** Recent identifiers by reporting organisation, for provider-activity-id and related parents. */
  const recent = new Map<string, string[]>();
  const sequence = new Map<string, number>();

  for (;;) {
    const reporter = rng.weighted(reporters);
    const rRef = reporter.ref ?? 'XX';
    const year = rng.int(2012, 2024);
    const seq = (sequence.get(rRef) ?? 0) + 1;
    sequence.set(rRef, seq);
    const identifier = `${rRef}-${year}-${pad(seq, 5)}`;
    const theme = rng.pick(THEMES);
    const phase = rng.pick(PHASES);
    const locationCount = rng.weighted([
      [1, 6],
      [2, 3],
      [3, 1],
    ] as const);
    const where = Array.from({ length: locationCount }, () =>
      rng.chance(0.7) || places.other.length === 0
        ? rng.pick(places.focus)
        : rng.pick(places.other),
    );
    const first = where[0] ?? places.focus[0];
    if (!first) throw new Error('no place');
    const placeSr = first.names['sr-Latn'] ?? first.names.en ?? first.code;
    const placeSq = first.names.sq ?? placeSr;
    const placeEn = first.names.en ?? placeSr;

    const funder = reporter.funder ? reporter : rng.pick(funders);
    const implementer = rng.pick(implementers);
    const fundersOwn = recent.get(funder.ref ?? '') ?? [];
    const funderActivity = fundersOwn.length > 0 && rng.chance(0.6) ? rng.pick(fundersOwn) : null;
    const participatingOrgs: IatiParticipatingOrg[] = [
      { ...orgRef(funder), role: '1', activityId: funderActivity, crsChannelCode: null },
      { ...orgRef(implementer), role: '4', activityId: null, crsChannelCode: null },
    ];
    if (rng.chance(0.5)) {
      const extra = rng.pick(orgs);
      participatingOrgs.push({
        ...orgRef(extra),
        role: rng.pick(['2', '3']),
        activityId: null,
        crsChannelCode: null,
      });
    }
    if (reporter !== funder && reporter !== implementer)
      participatingOrgs.push({
        ...orgRef(reporter),
        role: '3',
        activityId: null,
        crsChannelCode: null,
      });

    const startYear = year;
    const startMonth = rng.int(1, 12);
    // 6 to 42 months, ending by December 2025 at the latest.
    const endIndex = Math.min(2025 * 12 + 11, startYear * 12 + startMonth - 1 + rng.int(6, 42));
    const endYear = Math.floor(endIndex / 12);
    const endMonth = (endIndex % 12) + 1;
    const finished = endYear < 2025 && rng.chance(0.6);
    const start = isoDate(startYear, startMonth, 1);
    const end = isoDate(endYear, endMonth, 28);
    const dates = [
      { type: '1', isoDate: start, narrative: {} },
      { type: '2', isoDate: isoDate(startYear, startMonth, rng.int(1, 28)), narrative: {} },
      { type: '3', isoDate: end, narrative: {} },
    ];
    if (finished) dates.push({ type: '4', isoDate: end, narrative: {} });

    const sectorCodes = [
      ...new Set([theme.sectors[0] ?? '43010', ...rng.sample(SECONDARY_SECTORS, 2)]),
    ].slice(0, rng.int(1, 3));
    const shares = percentages(rng, sectorCodes.length);
    const sectors = sectorCodes.map((code, i) => ({
      code,
      vocabulary: '1',
      vocabularyUri: null,
      percentage: shares[i] ?? '100',
      narrative: {},
    }));

    const locations = where.map((p, i): IatiLocation => ({
      ref: `${identifier}-L${i + 1}`,
      reach: '1',
      locationIds: [],
      name: placeNames(p),
      description: {},
      activityDescription: i === 0 ? { en: theme.en } : {},
      administrative: [],
      point: {
        srsName: 'http://www.opengis.net/def/crs/EPSG/0/4326',
        lat: Math.round((p.lat + (rng.next() - 0.5) * 0.01) * 1e6) / 1e6,
        lon: Math.round((p.lon + (rng.next() - 0.5) * 0.01) * 1e6) / 1e6,
      },
      exactness: '1',
      locationClass: '2',
      featureDesignation: 'PPL',
    }));

    const total = Number(amount(rng, 20_000, 2_500_000));
    const budgets = [];
    for (let y = startYear; y <= endYear && budgets.length < 3; y++) {
      budgets.push({
        type: '1',
        status: '2',
        periodStart: isoDate(y, 1, 1),
        periodEnd: isoDate(y, 12, 31),
        value: {
          amount: (total / (endYear - startYear + 1)).toFixed(2),
          currency: null,
          valueDate: isoDate(y, 1, 1),
        },
      });
    }

    const transactions: IatiTransaction[] = [];
    const count = rng.int(10, 40);
    const receiverActivities = recent.get(implementer.ref ?? '') ?? [];
    for (let t = 0; t < count; t++) {
      const type =
        t === 0
          ? '2'
          : rng.weighted([
              ['3', 6],
              ['4', 3],
              ['1', 1],
            ] as const);
      const ty = rng.int(startYear, endYear);
      const date = isoDate(ty, rng.int(1, 12), rng.int(1, 28));
      const provider = type === '1' ? funder : type === '4' ? implementer : funder;
      const receiver = type === '4' ? rng.pick(implementers) : implementer;
      transactions.push({
        ref: `${identifier}-T${t + 1}`,
        humanitarian: null,
        type,
        date,
        value: {
          amount: t === 0 ? total.toFixed(2) : amount(rng, 500, total / 8),
          currency: null,
          valueDate: date,
        },
        description: {
          en:
            type === '2'
              ? `Commitment for ${theme.en.toLowerCase()} in ${placeEn}`
              : type === '4'
                ? `Payment for works and services, ${placeEn}, invoice ${rng.int(1000, 9999)}/${ty}`
                : `Tranche ${t} – ${theme.en.toLowerCase()}`,
        },
        provider: {
          ...orgRef(provider),
          activityId: provider === funder ? funderActivity : identifier,
        },
        receiver: {
          ...orgRef(receiver),
          activityId:
            receiver === implementer && receiverActivities.length > 0 && rng.chance(0.3)
              ? rng.pick(receiverActivities)
              : type === '4'
                ? null
                : identifier,
        },
        disbursementChannel: null,
        sectors: [],
        recipientCountry: null,
        recipientRegion: null,
        flowType: null,
        financeType: rng.chance(0.3) ? '110' : null,
        aidTypes: rng.chance(0.3) ? [{ code: 'C01', vocabulary: '1' }] : [],
        tiedStatus: null,
      });
    }

    const results: IatiResult[] = [];
    if (rng.chance(0.15)) {
      const target = rng.int(50, 2000);
      results.push({
        type: '1',
        aggregationStatus: null,
        title: { en: `${theme.en}: people reached`, sq: `${theme.sq}: njerëz të arritur` },
        description: {},
        indicators: Array.from({ length: rng.int(1, 2) }, (_, k) => ({
          measure: '1',
          ascending: true,
          aggregationStatus: null,
          title: { en: k === 0 ? 'Number of beneficiaries' : 'Number of households connected' },
          description: {},
          references: [],
          baselines: [
            { year: String(startYear), isoDate: start, value: '0', comment: {}, locationRefs: [] },
          ],
          periods: [
            {
              periodStart: start,
              periodEnd: end,
              targets: [{ value: String(target), comment: {}, locationRefs: [], dimensions: [] }],
              actuals: finished
                ? [
                    {
                      value: String(rng.int(target / 2, target)),
                      comment: {},
                      locationRefs: [],
                      dimensions: [],
                    },
                  ]
                : [],
            },
          ],
        })),
      });
    }

    const parents = recent.get(rRef) ?? [];
    const child = parents.length > 0 && rng.chance(0.2);
    const sentences = rng.int(2, 5);
    const from = rng.int(0, LOREM_EN.length - 1);
    const lorem = (list: readonly string[]) =>
      Array.from({ length: sentences }, (_, k) => list[(from + k) % list.length]).join(' ');

    yield {
      identifier,
      defaultLang: 'en',
      defaultCurrency: rng.chance(0.9) ? 'EUR' : 'USD',
      lastUpdated: `${Math.min(2025, endYear + 1)}-0${rng.int(1, 9)}-${pad(rng.int(1, 28))}T${pad(rng.int(0, 23))}:00:00Z`,
      humanitarian: false,
      hierarchy: child ? 2 : 1,
      reportingOrg: { ...orgRef(reporter), secondaryReporter: null },
      title: {
        en: `${theme.en}${phase.en}, ${placeEn}`,
        sr: `${theme.sr}${phase.sr}, ${placeSr}`,
        sq: `${theme.sq}${phase.sq}, ${placeSq}`,
      },
      descriptions: [
        {
          type: '1',
          narrative: { en: lorem(LOREM_EN), sr: lorem(LOREM_SR), sq: lorem(LOREM_SQ) },
        },
        ...(rng.chance(0.4)
          ? [{ type: '2', narrative: { en: `Better ${theme.en.toLowerCase()} for ${placeEn}.` } }]
          : []),
      ],
      participatingOrgs,
      status: finished ? '4' : '2',
      dates,
      contacts: [],
      scope: locationCount > 1 ? '6' : '7',
      recipientCountries: [
        { code: 'RS', vocabulary: null, vocabularyUri: null, percentage: '100', narrative: {} },
      ],
      recipientRegions: [],
      locations,
      sectors,
      tags: [],
      policyMarkers: rng.chance(0.3)
        ? [{ vocabulary: '1', vocabularyUri: null, code: '1', significance: '1', narrative: {} }]
        : [],
      collaborationType: '1',
      defaultFlowType: '10',
      defaultFinanceType: '110',
      defaultAidTypes: [{ code: 'C01', vocabulary: '1' }],
      defaultTiedStatus: '5',
      budgets,
      plannedDisbursements: [],
      capitalSpend: null,
      transactions,
      documentLinks: rng.chance(0.2)
        ? [
            {
              url: `https://example.org/${rRef.toLowerCase()}/${year}/${seq}.pdf`,
              format: 'application/pdf',
              title: { en: 'Project document' },
              description: {},
              categories: ['A02'],
              languages: ['en'],
              documentDate: start,
            },
          ]
        : [],
      relatedActivities: child && parents[0] ? [{ ref: rng.pick(parents), type: '1' }] : [],
      conditions: null,
      results,
    };

    const list = recent.get(rRef) ?? [];
    if (!child) list.push(identifier);
    if (list.length > 50) list.shift();
    recent.set(rRef, list);
  }
}

export interface GeneratedFile {
  path: string;
  bytes: number;
  activities: number;
  seconds: number;
}

/**
 * Writes activities to `path` until the file holds at least `targetBytes` (or `maxActivities`
 * activities), streaming through the serialiser; `progress` is called now and then.
 */
export async function writeGeneratedFile(
  path: string,
  opts: GeneratorOptions & {
    targetBytes: number;
    maxActivities?: number;
    progress?: (bytes: number, activities: number) => void;
  },
): Promise<GeneratedFile> {
  const t0 = performance.now();
  const out = createWriteStream(path, { highWaterMark: 1 << 20 });
  const written = () => out.bytesWritten + out.writableLength;
  let lastProgress = 0;
  function* enough(): Generator<IatiActivity> {
    let n = 0;
    for (const a of generateActivities(opts)) {
      if (written() >= opts.targetBytes || n >= (opts.maxActivities ?? Infinity)) return;
      n++;
      if (opts.progress && performance.now() - lastProgress > 1000) {
        lastProgress = performance.now();
        opts.progress(written(), n);
      }
      yield a;
    }
  }
  const result = await writeIatiActivities(enough(), out, {
    generatedAt: '2026-11-25T09:00:00Z',
  });
  out.end();
  await once(out, 'finish');
  return {
    path,
    bytes: out.bytesWritten,
    activities: result.activities,
    seconds: (performance.now() - t0) / 1000,
  };
}
