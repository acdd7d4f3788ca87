import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import { normaliseNarratives, type Narratives } from '../text/index.js';
import {
  IatiCodelistFile,
  OfficeSectorFile,
  type ItemStatus,
  type OfficeSector,
} from './codelists.schemas.js';
import {
  IATI_CODELISTS_DIR,
  IATI_EMBEDDED,
  IATI_NON_EMBEDDED,
  OFFICE_SECTOR_CODELIST,
  OFFICE_SECTORS_FILE,
} from './codelists.sources.js';

/** One codelist as the loader writes it: the `codelist` row and its `codelist_item` rows. */
export interface CodelistSource {
  name: string;
  version: string;
  embedded: boolean;
  complete: boolean;
  source: string;
  items: CodelistItemSource[];
}

export interface CodelistItemSource {
  code: string;
  name: Narratives;
  description: Narratives;
  category: string | null;
  status: ItemStatus;
  extra: Record<string, unknown>;
}

function readJson<S extends z.ZodType>(file: string, schema: S): z.output<S> {
  const res = schema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!res.success) {
    const first = res.error.issues[0];
    throw new Error(`${file}: ${first ? `${first.path.join('.')}: ${first.message}` : 'invalid'}`);
  }
  return res.data;
}

function texts(t: Record<string, string> | null | undefined): Narratives {
  return t ? normaliseNarratives(t) : {};
}

/** Converts one derived IATI file; a code listed twice keeps its first entry (FileFormat has two). */
export function iatiCodelistSource(file: IatiCodelistFile): CodelistSource {
  const { metadata } = file;
  const from = metadata.embedded ? IATI_EMBEDDED : IATI_NON_EMBEDDED;
  const seen = new Set<string>();
  const items: CodelistItemSource[] = [];
  for (const i of file.items) {
    if (seen.has(i.code)) continue;
    seen.add(i.code);
    const extra: Record<string, unknown> = {};
    if (i.activation_date) extra.activation_date = i.activation_date;
    if (i.withdrawal_date) extra.withdrawal_date = i.withdrawal_date;
    items.push({
      code: i.code,
      name: texts(i.name),
      description: texts(i.description),
      category: i.category ?? null,
      status: i.status ?? 'active',
      extra,
    });
  }
  return {
    name: metadata.name,
    version: from.version,
    embedded: metadata.embedded,
    // An absent attribute leaves the column's default: IATI lists are closed unless they say "0".
    complete: metadata.complete !== '0',
    source: `${from.repository}@${from.commit.slice(0, 12)}:${metadata.source_file.replace(/^(non-)?embedded\//, 'xml/')}`,
    items,
  };
}

/** Every IATI codelist in `dir`, by file name order. */
export function readIatiCodelists(dir = IATI_CODELISTS_DIR): CodelistSource[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json') && !f.startsWith('_'))
    .sort()
    .map((f) => iatiCodelistSource(readJson(join(dir, f), IatiCodelistFile)));
}

export function readOfficeSectors(file = OFFICE_SECTORS_FILE): OfficeSectorFile {
  return readJson(file, OfficeSectorFile);
}

/**
 * Problems that make the office list unusable: a DAC code that is not in the Sector or
 * SectorCategory list, or one claimed by two office sectors (a project's sector shares must
 * add up across office sectors, so every DAC code belongs to at most one).
 */
export function officeSectorProblems(
  list: OfficeSectorFile,
  sectorCodes: ReadonlySet<string>,
  categoryCodes: ReadonlySet<string>,
): string[] {
  const problems: string[] = [];
  const owner = new Map<string, string>();
  const codes = new Set<string>();
  for (const s of list.items) {
    if (codes.has(s.code)) problems.push(`office sector "${s.code}" is listed twice`);
    codes.add(s.code);
    for (const [kind, dac, known] of [
      ['dac3', s.dac3, categoryCodes],
      ['dac5', s.dac5, sectorCodes],
    ] as const) {
      for (const code of dac) {
        if (!known.has(code)) problems.push(`${s.code}.${kind}: "${code}" is not a DAC code`);
        const other = owner.get(code);
        if (other !== undefined)
          problems.push(`${s.code}.${kind}: "${code}" also belongs to ${other}`);
        owner.set(code, s.code);
      }
    }
  }
  return problems;
}

function officeItem(s: OfficeSector): CodelistItemSource {
  return {
    code: s.code,
    name: normaliseNarratives(s.name),
    description: {},
    category: null,
    status: 'active',
    extra: { dac3: s.dac3, dac5: s.dac5, ...(s.source ? { source: s.source } : {}) },
  };
}

/** The office list as a codelist. Its version is a hash of the content, since it has no release. */
export function officeSectorSource(list: OfficeSectorFile): CodelistSource {
  const items = list.items.map(officeItem);
  const hash = createHash('sha256').update(JSON.stringify(items)).digest('hex').slice(0, 12);
  return {
    name: OFFICE_SECTOR_CODELIST,
    version: `sha256:${hash}`,
    embedded: false,
    complete: true,
    source: 'data/office-sectors.json',
    items,
  };
}

function codesOf(lists: readonly CodelistSource[], name: string): Set<string> {
  const list = lists.find((l) => l.name === name);
  if (!list) throw new Error(`codelist ${name} is missing from ${IATI_CODELISTS_DIR}`);
  return new Set(list.items.map((i) => i.code));
}

/** Everything the loader loads: every IATI list and the office list, checked against the DAC lists. */
export function readCodelistSources(
  dir = IATI_CODELISTS_DIR,
  officeFile = OFFICE_SECTORS_FILE,
): CodelistSource[] {
  const iati = readIatiCodelists(dir);
  const office = readOfficeSectors(officeFile);
  const problems = officeSectorProblems(
    office,
    codesOf(iati, 'Sector'),
    codesOf(iati, 'SectorCategory'),
  );
  if (problems.length) throw new Error(`${officeFile}: ${problems.join('; ')}`);
  return [...iati, officeSectorSource(office)];
}
