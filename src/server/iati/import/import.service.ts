import { createHash } from 'node:crypto';
import type { Actor } from '../../auth/actor.js';
import { requireRole, requireSignedIn } from '../../auth/permissions.js';
import { NotFoundError } from '../../errors.js';
import { replaceLists, updateActivity } from '../../activities/activities.queries.js';
import { recordAudit } from '../../audit/audit.queries.js';
import { codesOf } from '../../codelists/codelists.check.js';
import type { Database, Queryable } from '../../db/db.js';
import type { PublicationStatus } from '../../shared/schemas.js';
import type { IatiActivity, IatiProblem } from '../iati.model.js';
import {
  finishImportRun,
  findByIdentifiers,
  findImportRun,
  type ImportRunRow,
  insertImportRun,
  linkActivities,
  linkParents,
  replaceIatiExtras,
  storedSource,
  updateActivityIatiColumns,
  upsertSource,
} from '../store/store.queries.js';
import { toRegistry } from '../store/to-registry.js';
import { insertNewActivities, type NewActivity } from '../store/batch.queries.js';
import { diffValues, type FieldDiff } from './diff.js';
import { loadGazetteerForMatching } from './import.queries.js';
import { OrganisationResolver } from './organisations.match.js';
import { PlaceMatcher } from './places.match.js';

/** What the parser hands the importer, one activity at a time. */
export interface ParsedItem {
  activity: IatiActivity;
  xml: string;
  line: number;
  column: number;
  problems: IatiProblem[];
}

export interface ParsedFile {
  items: AsyncIterable<ParsedItem>;
  /** Problems of the file as a whole (version, encoding, structure), known once it is read. */
  fileProblems(): IatiProblem[];
  version(): string | null;
  bytesRead(): number;
  /** SHA-256 of the file's bytes, once it is read. */
  sha256(): string;
  /** Reads one stored activity's XML back, to show what an update would change. */
  parseOne(xml: string): Promise<IatiActivity | null>;
}

export interface ImportOptions {
  fileName: string | null;
  /** When given, activities another organisation reports are rejected. */
  publisher?: string;
  dryRun: boolean;
  strict: boolean;
  publicationStatus?: PublicationStatus;
  onProgress?: (p: { activities: number; bytes: number }) => void;
  /** Problems kept in full; beyond it only counted by code. */
  problemLimit?: number;
  /** Largest batch, in activities (default 500); a batch also ends at a million characters of XML. */
  batchActivities?: number;
}

export interface ActivityChange {
  identifier: string;
  status: 'new' | 'changed';
  fields: FieldDiff[];
}

export interface ImportReport {
  id: string;
  status: 'committed' | 'rejected' | 'dry_run' | 'failed';
  iati_version: string | null;
  bytes: number;
  sha256: string;
  counts: {
    new: number;
    changed: number;
    unchanged: number;
    rejected: number;
    organisations_created: number;
    linked: number;
  };
  problems: IatiProblem[];
  problem_counts: Record<string, number>;
  changes: ActivityChange[];
}

class RejectImport extends Error {}

/**
 * Activities are handled in batches: read a batch, look its identifiers up in one statement,
 * match and convert each activity, then write the new ones with one statement per table while
 * the next batch is read. A batch ends at this many activities or this much XML (UTF-16 code
 * units), whichever comes first, so that memory stays bounded whatever the activities' size.
 */
const BATCH_ACTIVITIES = 500;
const BATCH_CHARS = 1_000_000;

/**
 * A copy that shares no memory with the parsed file: the parser's strings can be slices of the
 * large text chunk they came from, and a report kept for the whole import must not pin every one.
 */
function detach<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function sha256(s: string): string {
  return createHash('sha256').update(s).digest('hex');
}

/**
 * Imports one IATI file: every accepted activity lands in one transaction or none does. Activities
 * are matched by identifier; an unchanged one (same XML) is left alone, a changed one replaced.
 * With `dryRun` nothing is written and the report says what would change, field by field.
 */
export async function importIati(
  db: Database,
  actor: Actor | null,
  file: ParsedFile,
  opts: ImportOptions,
): Promise<ImportReport> {
  const a = requireRole(actor, ['admin', 'coordinator'], 'import IATI files');
  const runId = await insertImportRun(db, {
    userId: a.userId,
    fileName: opts.fileName,
    dryRun: opts.dryRun,
    strict: opts.strict,
  });
  const limit = opts.problemLimit ?? 10_000;
  const batchActivities = Math.max(1, opts.batchActivities ?? BATCH_ACTIVITIES);
  const problems: IatiProblem[] = [];
  const problemCounts: Record<string, number> = {};
  let sawError = false;
  const note = (p: IatiProblem) => {
    problemCounts[p.code] = (problemCounts[p.code] ?? 0) + 1;
    if (p.severity !== 'warning') sawError = true;
    if (problems.length < limit) problems.push(detach(p));
  };
  const counts = {
    new: 0,
    changed: 0,
    unchanged: 0,
    rejected: 0,
    organisations_created: 0,
    linked: 0,
  };
  const changes: ActivityChange[] = [];
  let status: ImportReport['status'] = opts.dryRun ? 'dry_run' : 'committed';

  // Read before the transaction: on PGlite a query outside an open transaction waits for its end.
  const organisationTypes = await codesOf(db, 'OrganisationType');
  const work = async (tx: Queryable) => {
    const orgs = await OrganisationResolver.create(tx, organisationTypes);
    const places = new PlaceMatcher(await loadGazetteerForMatching(tx));
    const seen = new Map<string, number>();
    const written: string[] = [];
    /** The previous batch's write, still running while the next batch is read. */
    const inFlight: { write: Promise<void> | null } = { write: null };
    const finishWrite = async () => {
      const w = inFlight.write;
      inFlight.write = null;
      await w;
    };
    const startWrite = (pending: NewActivity[]) => {
      if (pending.length === 0) return;
      const w = insertNewActivities(tx, pending, a.userId, runId).then((ids) => {
        for (const r of ids) written.push(r.id);
      });
      w.catch(() => undefined); // awaited by finishWrite; not an unhandled rejection meanwhile
      inFlight.write = w;
    };
    /** Matches, converts and (for changed activities) writes one batch; returns the new ones. */
    const handle = async (items: readonly ParsedItem[]): Promise<NewActivity[]> => {
      const pending: NewActivity[] = [];
      const identifiers = new Set<string>();
      for (const item of items)
        if (item.activity.identifier) identifiers.add(item.activity.identifier);
      const stored = await findByIdentifiers(tx, [...identifiers]);
      for (const item of items) {
        // Kept for the whole file (duplicates, the report): a copy, not a slice of the parser's text.
        const id = detach(item.activity.identifier);
        const here = { activity: id || null, line: item.line, column: item.column };
        for (const p of item.problems) note(p);
        const firstLine = seen.get(id);
        if (id && firstLine !== undefined) {
          // The parser reports the duplicate itself; the importer keeps the first copy only.
          if (!item.problems.some((p) => p.code === 'activity.duplicate_identifier')) {
            note({
              ...here,
              severity: 'error',
              code: 'activity.duplicate_identifier',
              message: `${id} appears again (first at line ${firstLine}); this copy is not imported`,
              path: 'iati-identifier',
            });
          }
          counts.rejected++;
          continue;
        }
        if (id) seen.set(id, item.line);
        const reporter = item.activity.reportingOrg.ref;
        if (opts.publisher && reporter?.toLowerCase() !== opts.publisher.toLowerCase()) {
          note({
            ...here,
            severity: 'critical',
            code: 'activity.other_publisher',
            message: `reported by ${reporter ?? 'an organisation without a ref'}, not by ${opts.publisher}; not imported`,
            path: 'reporting-org',
          });
          counts.rejected++;
          continue;
        }
        if (item.problems.some((p) => p.severity === 'critical')) {
          counts.rejected++;
          continue;
        }
        const existing = stored.get(id) ?? null;
        const hash = sha256(item.xml);
        if (existing?.sha256 === hash) {
          counts.unchanged++;
          continue;
        }
        const resolved = new Map<unknown, string | null>();
        const orgId = async (o: {
          ref: string | null;
          type: string | null;
          name: Record<string, string>;
        }) => {
          if (!resolved.has(o))
            resolved.set(
              o,
              opts.dryRun ? null : ((await orgs.resolve(tx, o, a.userId))?.id ?? null),
            );
          return resolved.get(o) ?? null;
        };
        for (const o of [
          item.activity.reportingOrg,
          ...item.activity.participatingOrgs,
          ...item.activity.transactions.flatMap((t) => [t.provider, t.receiver]),
        ]) {
          if (o) await orgId(o);
        }
        const record = toRegistry(
          item.activity,
          {
            org: (o) => resolved.get(o) ?? null,
            place: (i) => {
              const loc = item.activity.locations[i];
              return loc ? (places.match(loc)?.placeId ?? null) : null;
            },
            parentId: null,
          },
          opts.publicationStatus ?? 'published',
        );
        for (const p of record.problems)
          note({ ...p, line: p.line ?? item.line, column: p.column ?? item.column });
        if (record.problems.some((p) => p.severity === 'critical')) {
          counts.rejected++;
          continue;
        }
        if (existing) {
          counts.changed++;
          const storedXml = await storedSource(tx, existing.id);
          const before = storedXml ? await file.parseOne(storedXml) : null;
          changes.push(
            detach({
              identifier: id,
              status: 'changed',
              fields: before ? diffValues(before, item.activity, 50) : [],
            }),
          );
        } else {
          counts.new++;
          changes.push({ identifier: id, status: 'new', fields: [] });
        }
        if (opts.dryRun) continue;
        if (!existing) {
          // New activities go in batches: a few statements per batch instead of a dozen each.
          pending.push({
            core: record.core,
            lists: record.lists,
            extras: record.extras,
            columns: record.columns,
            source: { publisherRef: item.activity.reportingOrg.ref, xml: item.xml, sha256: hash },
          });
          continue;
        }
        const row = await updateActivity(
          tx,
          existing.id,
          existing.version,
          { ...record.core, parent_id: null },
          a.userId,
        );
        if (!row) throw new Error(`activity ${id} changed while it was being imported`);
        await replaceLists(tx, row.id, record.lists);
        await replaceIatiExtras(tx, row.id, record.extras);
        await updateActivityIatiColumns(tx, row.id, record.columns);
        await upsertSource(tx, {
          activityId: row.id,
          publisherRef: item.activity.reportingOrg.ref,
          xml: item.xml,
          sha256: hash,
          importId: runId,
        });
        await recordAudit(tx, {
          userId: a.userId,
          entity: 'activity',
          entityId: row.id,
          action: 'update',
          version: row.version,
          before: null,
          after: { source: 'iati', import_id: runId, iati_identifier: id, sha256: hash },
        });
        written.push(row.id);
      }
      return pending;
    };
    let processed = 0;
    let batch: ParsedItem[] = [];
    let chars = 0;
    try {
      for await (const item of file.items) {
        processed++;
        opts.onProgress?.({ activities: processed, bytes: file.bytesRead() });
        batch.push(item);
        chars += item.xml.length;
        if (batch.length >= batchActivities || chars >= BATCH_CHARS) {
          const items = batch;
          batch = [];
          chars = 0;
          await finishWrite(); // the connection is free for this batch's lookups
          startWrite(await handle(items));
        }
      }
      await finishWrite();
      startWrite(await handle(batch));
      batch = [];
      await finishWrite();
    } finally {
      // Never leave the transaction with a statement still running.
      await inFlight.write?.catch(() => undefined);
    }
    for (const p of file.fileProblems()) note(p);
    counts.organisations_created = orgs.created;
    const blocking = file.fileProblems().some((p) => p.severity === 'critical');
    if (blocking || (opts.strict && sawError)) {
      status = 'rejected';
      throw new RejectImport();
    }
    if (opts.dryRun) throw new RejectImport();
    await linkParents(tx, written);
    counts.linked = await linkActivities(tx, written);
  };

  try {
    await db.transaction(work);
  } catch (err) {
    if (!(err instanceof RejectImport)) {
      status = 'failed';
      note({
        severity: 'critical',
        code: 'import.failed',
        message: err instanceof Error ? err.message : String(err),
        activity: null,
        line: null,
        column: null,
        path: null,
      });
      await finishImportRun(db, runId, {
        status,
        fileBytes: file.bytesRead(),
        sha256: file.sha256(),
        version: file.version(),
        counts,
        problems,
      }).catch(() => undefined);
      throw err;
    }
  }
  const report: ImportReport = {
    id: runId,
    status,
    iati_version: file.version(),
    bytes: file.bytesRead(),
    sha256: file.sha256(),
    counts,
    problems,
    problem_counts: problemCounts,
    changes: changes.slice(0, 1000),
  };
  await finishImportRun(db, runId, {
    status,
    fileBytes: report.bytes,
    sha256: report.sha256,
    version: report.iati_version,
    counts: { ...counts, problem_counts: problemCounts },
    problems: problems.slice(0, 1000),
  });
  return report;
}

/** An import run as recorded: any signed-in user may read it. */
export async function getImportRun(
  db: Database,
  actor: Actor | null,
  id: string,
): Promise<ImportRunRow> {
  requireSignedIn(actor);
  const row = await findImportRun(db, id);
  if (!row) throw new NotFoundError('Import', id);
  return row;
}
