import type { Actor } from '../auth/actor.js';
import { requireRole } from '../auth/permissions.js';
import type { Database } from '../db/db.js';
import { ValidationError, type FieldIssue } from '../errors.js';
import { foldForSearch } from '../text/index.js';
import { CsvSyntaxError, parseCsv } from './needs.csv.js';
import { findMunicipalityByCodeOrId, insertNeedsAudited, settlementsOf } from './needs.queries.js';
import { NeedCreate } from './needs.schemas.js';
import type { PlaceRow } from '../places/places.queries.js';
import { needIssues, requireNeedScope, toNeedWrite } from './needs.service.js';

/** Columns of a needs CSV file; only municipality, sector, one title and raised_on are required. */
export const NEED_CSV_COLUMNS = [
  'municipality',
  'settlement',
  'sector_vocabulary',
  'sector',
  'title_sq',
  'title_sr_latn',
  'title_sr_cyrl',
  'title_en',
  'description_sq',
  'description_sr_latn',
  'description_sr_cyrl',
  'description_en',
  'priority',
  'estimated_cost',
  'currency',
  'status',
  'raised_on',
  'publication_status',
] as const;

const LANGS: Record<string, string> = {
  sq: 'sq',
  sr_latn: 'sr-Latn',
  sr_cyrl: 'sr-Cyrl',
  en: 'en',
};

export interface LineIssue extends FieldIssue {
  line: number;
}

export interface NeedImportResult {
  rows: number;
  created: number;
  dry_run: boolean;
}

function texts(get: (c: string) => string, prefix: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [suffix, tag] of Object.entries(LANGS)) {
    const v = get(`${prefix}_${suffix}`);
    if (v) out[tag] = v;
  }
  return out;
}

/**
 * Imports needs from CSV, all or none: every line is checked first and every problem is reported
 * with its line and column; only a file without problems is written, in one transaction.
 * Municipalities are given by RGZ code or id, settlements by code, id or name in any script.
 */
export async function importNeedsCsv(
  db: Database,
  actor: Actor | null,
  csv: string,
  opts: { dryRun?: boolean; onProgress?: (done: number, total: number) => void } = {},
): Promise<NeedImportResult> {
  const a = requireRole(
    actor,
    ['admin', 'coordinator', 'municipality_editor'],
    'import local needs',
  );
  let records;
  try {
    records = parseCsv(csv);
  } catch (e) {
    if (e instanceof CsvSyntaxError)
      throw new ValidationError([{ path: `line ${e.line}`, message: e.message }]);
    throw e;
  }
  const [head, ...body] = records;
  if (!head) throw new ValidationError([{ path: 'file', message: 'the file is empty' }]);
  const header = head.fields.map((h) => h.trim().toLowerCase());
  const issues: LineIssue[] = [];
  header.forEach((h, i) => {
    if (!(NEED_CSV_COLUMNS as readonly string[]).includes(h))
      issues.push({
        line: head.line,
        path: `column ${i + 1}`,
        message: `unknown column "${h}"; the columns are ${NEED_CSV_COLUMNS.join(', ')}`,
      });
  });
  if (issues.length) throw new ValidationError(issues, issuesMessage(issues));
  const planned: {
    line: number;
    write: ReturnType<typeof toNeedWrite>;
  }[] = [];
  const settlementCache = new Map<string, Awaited<ReturnType<typeof settlementsOf>>>();
  const municipalityCache = new Map<string, { id: string } | null>();
  const placeCache = new Map<string, PlaceRow | null>();
  let done = 0;
  for (const rec of body) {
    const get = (c: string) => {
      const i = header.indexOf(c);
      return i < 0 ? '' : (rec.fields[i] ?? '').trim();
    };
    const lineIssues: FieldIssue[] = [];
    if (rec.fields.length !== header.length)
      lineIssues.push({
        path: 'line',
        message: `has ${rec.fields.length} fields, the header ${header.length}`,
      });
    const muniKey = get('municipality');
    let muni = municipalityCache.get(muniKey);
    if (muni === undefined) {
      muni = muniKey ? await findMunicipalityByCodeOrId(db, muniKey) : null;
      municipalityCache.set(muniKey, muni);
    }
    if (!muni)
      lineIssues.push({
        path: 'municipality',
        message: muniKey
          ? `"${muniKey}" is not a municipality (give its RGZ code, e.g. 70963 for Preševo)`
          : 'is required',
      });
    let settlementId: string | null = null;
    const settlementKey = get('settlement');
    if (muni && settlementKey) {
      let list = settlementCache.get(muni.id);
      if (!list) {
        list = await settlementsOf(db, muni.id);
        settlementCache.set(muni.id, list);
      }
      const folded = foldForSearch(settlementKey);
      const hits = list.filter(
        (s) =>
          s.code === settlementKey ||
          s.id === settlementKey ||
          Object.values(s.names).some((n) => foldForSearch(n) === folded),
      );
      if (hits.length === 1) settlementId = hits[0]?.id ?? null;
      else
        lineIssues.push({
          path: 'settlement',
          message:
            hits.length === 0
              ? `"${settlementKey}" is not a settlement of municipality ${muniKey}`
              : `"${settlementKey}" names several settlements; give the code`,
        });
    }
    const priorityRaw = get('priority');
    const costRaw = get('estimated_cost');
    const parsed = NeedCreate.safeParse({
      municipality_id: muni?.id ?? '00000000-0000-4000-8000-000000000000',
      settlement_id: settlementId,
      sector: { vocabulary: get('sector_vocabulary') || '99', code: get('sector') },
      title: texts(get, 'title'),
      description: texts(get, 'description'),
      ...(priorityRaw
        ? { priority: /^\d+$/.test(priorityRaw) ? Number(priorityRaw) : priorityRaw.toLowerCase() }
        : {}),
      estimated_cost: costRaw ? costRaw.replace(/\s/g, '') : null,
      currency: get('currency') ? get('currency').toUpperCase() : null,
      ...(get('status') ? { status: get('status') } : {}),
      raised_on: get('raised_on'),
      ...(get('publication_status') ? { publication_status: get('publication_status') } : {}),
    });
    if (!parsed.success) {
      for (const i of parsed.error.issues)
        lineIssues.push({ path: i.path.map(String).join('.'), message: i.message });
    } else if (muni) {
      const w = toNeedWrite(parsed.data);
      try {
        requireNeedScope(a, w.municipality_id);
      } catch (e) {
        lineIssues.push({ path: 'municipality', message: (e as Error).message });
      }
      if (
        a.role === 'municipality_editor' &&
        !['draft', 'submitted'].includes(w.publication_status)
      )
        lineIssues.push({
          path: 'publication_status',
          message: 'only a coordinator may approve or publish',
        });
      lineIssues.push(...(await needIssues(db, db, w, [], placeCache)));
      if (lineIssues.length === 0) planned.push({ line: rec.line, write: w });
    }
    for (const i of lineIssues) issues.push({ line: rec.line, ...i });
    opts.onProgress?.(++done, body.length);
  }
  if (issues.length) throw new ValidationError(issues, issuesMessage(issues));
  if (opts.dryRun) return { rows: body.length, created: 0, dry_run: true };
  await db.transaction((tx) =>
    insertNeedsAudited(
      tx,
      planned.map((p) => p.write),
      a.userId,
    ),
  );
  return { rows: body.length, created: planned.length, dry_run: false };
}

function issuesMessage(issues: LineIssue[]): string {
  const shown = issues.slice(0, 20).map((i) => `line ${i.line}: ${i.path}: ${i.message}`);
  const more = issues.length > 20 ? `\n… and ${issues.length - 20} more` : '';
  return `Nothing was imported; ${issues.length} problem(s):\n${shown.join('\n')}${more}`;
}
