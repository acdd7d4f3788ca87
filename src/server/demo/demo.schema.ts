import { z } from 'zod';
import { ParticipantRole } from '../activities/activities.schemas.js';
import { IatiOrgRef, OrganisationKind } from '../organisations/organisations.schemas.js';

/**
 * The shape of data/demo/demo.json: the documented partners and programmes since 2001, written by
 * hand from shared/data/programmes/facts.json. Records refer to each other by a stable `key`, and
 * to the gazetteer by RGZ code, so the file needs no database ids and can be reviewed as text.
 */

const Key = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be a lower-case key such as eu-progres');

/**
 * A date at the precision its source gives it: "2001", "2010-07" or "2014-03-31". The seed turns
 * it into a full date and says in the record which precision the source had, so a month is never
 * passed off as a day.
 */
export const PartialDate = z
  .string()
  .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'must be YYYY, YYYY-MM or YYYY-MM-DD')
  .refine((s) => {
    const [y, m, d] = s.split('-').map(Number);
    const date = new Date(Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 1));
    return date.getUTCMonth() === (m ?? 1) - 1 && date.getUTCDate() === (d ?? 1);
  }, 'is not a real date');
export type PartialDate = z.infer<typeof PartialDate>;

/** English is required (it is what the seed matches on); Albanian only where the glossary has it. */
const Names = z
  .object({
    en: z.string().trim().min(1),
    sq: z.string().trim().min(1).optional(),
    'sr-Latn': z.string().trim().min(1).optional(),
    'sr-Cyrl': z.string().trim().min(1).optional(),
  })
  .strict();

/** A fact's source: `title` says what the fact is about, `note` restates the fact. */
const DemoDocumentLink = z
  .object({
    url: z.url(),
    title: z.string().trim().min(1).max(300),
    note: z.string().trim().min(1).max(2000),
  })
  .strict();
export type DemoDocumentLink = z.infer<typeof DemoDocumentLink>;

const RgzCode = z.string().regex(/^\d{5}$/, 'must be a five-digit RGZ municipality number');

const DemoOrganisation = z
  .object({
    key: Key,
    names: Names,
    acronym: z.string().trim().min(1).max(40).nullable(),
    iati_ref: IatiOrgRef.nullable(),
    iati_type: z
      .string()
      .regex(/^\d{2}$/)
      .nullable(),
    country: z
      .string()
      .regex(/^[A-Z]{2}$/)
      .nullable(),
    kind: OrganisationKind,
    parent: Key.nullable(),
    /** For a municipality: its RGZ number, which the seed turns into the gazetteer place. */
    municipality: RgzCode.nullable(),
    website: z.url().nullable(),
    illustrative: z.boolean(),
    document_links: z.array(DemoDocumentLink),
  })
  .strict()
  .refine((o) => (o.kind === 'municipality') === (o.municipality !== null), {
    message: 'a municipality needs its RGZ number, and only a municipality has one',
    path: ['municipality'],
  });
export type DemoOrganisation = z.infer<typeof DemoOrganisation>;

/** The gazetteer's own key: a municipality by RGZ number, a district by ISO 3166-2 code. */
export const DemoPlaceRef = z
  .object({
    kind: z.enum(['municipality', 'district']).default('municipality'),
    code: z.string().min(1),
  })
  .strict();
export type DemoPlaceRef = z.infer<typeof DemoPlaceRef>;

const DemoBudget = z
  .object({
    value: z.string().regex(/^\d{1,18}(\.\d{1,2})?$/, 'must be a decimal amount as a string'),
    currency: z.string().regex(/^[A-Z]{3}$/),
    period_start: PartialDate,
    period_end: PartialDate,
    type: z.enum(['1', '2']).default('1'),
    status: z.enum(['1', '2']).default('1'),
    note: z.string().trim().min(1).max(1500),
  })
  .strict();
export type DemoBudget = z.infer<typeof DemoBudget>;

const DemoActivity = z
  .object({
    key: Key,
    parent: Key.nullable(),
    hierarchy: z.number().int().min(1).max(5),
    iati_identifier: z
      .string()
      .regex(/^[^\s/&|?]+$/)
      .nullable(),
    title: Names,
    /** English only: the facts are in English, and no reviewed translation exists yet. */
    description: z.string().trim().min(1).max(5000),
    status: z
      .string()
      .regex(/^[1-6]$/, 'must be an IATI ActivityStatus code')
      .nullable(),
    planned_start: PartialDate.nullable(),
    actual_start: PartialDate.nullable(),
    planned_end: PartialDate.nullable(),
    actual_end: PartialDate.nullable(),
    default_currency: z
      .string()
      .regex(/^[A-Z]{3}$/)
      .nullable(),
    reporting_org: Key.nullable(),
    participants: z.array(z.object({ org: Key, role: ParticipantRole }).strict()),
    locations: z.array(DemoPlaceRef),
    sectors: z.array(
      z
        .object({
          vocabulary: z.string().min(1),
          code: z.string().min(1),
          percentage: z.number().min(0).max(100).nullable(),
        })
        .strict(),
    ),
    budgets: z.array(DemoBudget),
    illustrative: z.boolean(),
    document_links: z.array(DemoDocumentLink),
  })
  .strict();
export type DemoActivity = z.infer<typeof DemoActivity>;

function duplicates(values: readonly string[]): string[] {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const v of values) {
    if (seen.has(v)) twice.add(v);
    seen.add(v);
  }
  return [...twice];
}

/** Keys that lead back to themselves through `parent`: such records could never be created. */
function cyclic(items: readonly { key: string; parent: string | null }[]): string[] {
  const parentOf = new Map(items.map((i) => [i.key, i.parent]));
  return items
    .filter((i) => {
      const seen = new Set<string>();
      for (let k: string | null | undefined = i.key; k; k = parentOf.get(k)) {
        if (seen.has(k)) return true;
        seen.add(k);
      }
      return false;
    })
    .map((i) => i.key);
}

export const DemoFile = z
  .object({
    /** Where the data come from, in a sentence each; repeated in data/demo/PROVENANCE.md. */
    sources: z.array(z.string().min(1)).min(1),
    organisations: z.array(DemoOrganisation),
    activities: z.array(DemoActivity),
  })
  .strict()
  .superRefine((file, ctx) => {
    const issue = (path: (string | number)[], message: string) =>
      ctx.addIssue({ code: 'custom', path, message });
    const orgs = new Map(file.organisations.map((o) => [o.key, o]));
    const acts = new Map(file.activities.map((a) => [a.key, a]));

    // The seed finds existing records by these values, so two records sharing one would merge.
    for (const k of duplicates(file.organisations.map((o) => o.key)))
      issue(['organisations'], `key ${k} is used twice`);
    for (const n of duplicates(file.organisations.map((o) => o.names.en)))
      issue(['organisations'], `English name "${n}" is used twice`);
    for (const r of duplicates(file.organisations.flatMap((o) => (o.iati_ref ? [o.iati_ref] : []))))
      issue(['organisations'], `IATI reference ${r} is used twice`);
    for (const k of duplicates(file.activities.map((a) => a.key)))
      issue(['activities'], `key ${k} is used twice`);
    for (const t of duplicates(file.activities.map((a) => `${a.parent ?? ''}/${a.title.en}`)))
      issue(['activities'], `two activities under the same parent share the title ${t}`);
    for (const i of duplicates(
      file.activities.flatMap((a) => (a.iati_identifier ? [a.iati_identifier] : [])),
    ))
      issue(['activities'], `IATI identifier ${i} is used twice`);
    for (const k of cyclic(file.organisations))
      issue(['organisations'], `${k} is its own ancestor`);
    for (const k of cyclic(file.activities)) issue(['activities'], `${k} is its own ancestor`);

    file.organisations.forEach((o, i) => {
      if (o.parent && !orgs.has(o.parent))
        issue(['organisations', i, 'parent'], `no organisation ${o.parent}`);
    });
    file.activities.forEach((a, i) => {
      if (a.parent) {
        const parent = acts.get(a.parent);
        if (!parent) issue(['activities', i, 'parent'], `no activity ${a.parent}`);
        else if (a.hierarchy <= parent.hierarchy)
          issue(['activities', i, 'hierarchy'], `must be deeper than ${a.parent}'s`);
      }
      if (a.reporting_org && !orgs.has(a.reporting_org))
        issue(['activities', i, 'reporting_org'], `no organisation ${a.reporting_org}`);
      a.participants.forEach((p, j) => {
        if (!orgs.has(p.org))
          issue(['activities', i, 'participants', j, 'org'], `no organisation ${p.org}`);
      });
    });
  });
export type DemoFile = z.infer<typeof DemoFile>;
