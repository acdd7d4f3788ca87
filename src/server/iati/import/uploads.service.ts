import { Readable } from 'node:stream';
import type { Actor } from '../../auth/actor.js';
import { requireRole } from '../../auth/permissions.js';
import type { Database } from '../../db/db.js';
import {
  ConflictError,
  NotFoundError,
  PayloadTooLargeError,
  ValidationError,
} from '../../errors.js';
import { importIati, type ImportReport } from './import.service.js';
import { parsedFile } from './parsed-file.js';
import {
  claimUpload,
  findUpload,
  finishUpload,
  insertUpload,
  listUploads,
  recordProgress,
  uploadContent,
  type UploadRow,
  type UploadState,
} from './uploads.queries.js';

/**
 * An IATI file uploaded through the back office, between its dry-run preview and the confirmed
 * import. The file and the import's progress live in the database (iati_upload), so the page that
 * shows them can be served by any app process; the import itself is `importIati`, the same
 * all-or-nothing transaction as the CLI and the API.
 */
export interface UploadOut {
  id: string;
  file_name: string | null;
  bytes: number;
  strict: boolean;
  state: UploadState;
  preview: ImportReport;
  result: ImportReport | { error: string } | null;
  progress: { activities: number; bytes: number };
  created_at: string;
  updated_at: string;
}

const IMPORTERS = ['admin', 'coordinator'] as const;
/** How often, at most, a running import writes its progress. */
const PROGRESS_EVERY_MS = 400;

function present(r: UploadRow): UploadOut {
  return {
    id: r.id,
    file_name: r.file_name,
    bytes: r.bytes,
    strict: r.strict,
    state: r.state,
    preview: r.preview as ImportReport,
    result: r.result as UploadOut['result'],
    progress: { activities: r.progress_activities, bytes: r.progress_bytes },
    created_at: r.created_at,
    updated_at: r.updated_at,
  };
}

function fileOf(content: Uint8Array, maxBytes: number) {
  return parsedFile(
    Readable.from([Buffer.from(content.buffer, content.byteOffset, content.length)]),
    {
      maxBytes,
    },
  );
}

/** Reads the file as a dry run, keeps it with its report, and returns both. */
export async function previewUpload(
  db: Database,
  actor: Actor | null,
  upload: { fileName: string | null; content: Uint8Array; strict: boolean },
  maxBytes: number,
): Promise<UploadOut> {
  const a = requireRole(actor, IMPORTERS, 'import IATI files');
  if (upload.content.byteLength === 0)
    throw new ValidationError([{ path: 'file', message: 'choose an IATI XML file to upload' }]);
  if (upload.content.byteLength > maxBytes)
    throw new PayloadTooLargeError(
      `The file is ${upload.content.byteLength} bytes; the limit is ${maxBytes}.`,
    );
  const report = await importIati(db, a, fileOf(upload.content, maxBytes), {
    fileName: upload.fileName,
    dryRun: true,
    strict: upload.strict,
  });
  const id = await insertUpload(db, {
    userId: a.userId,
    fileName: upload.fileName,
    content: upload.content,
    strict: upload.strict,
    preview: report,
  });
  return getUpload(db, a, id);
}

/** An upload its uploader (or an admin) may see. */
export async function getUpload(db: Database, actor: Actor | null, id: string): Promise<UploadOut> {
  const a = requireRole(actor, IMPORTERS, 'import IATI files');
  const row = await findUpload(db, id);
  if (!row || (a.role !== 'admin' && row.user_id !== a.userId))
    throw new NotFoundError('Upload', id);
  return present(row);
}

export async function recentUploads(db: Database, actor: Actor | null): Promise<UploadOut[]> {
  const a = requireRole(actor, IMPORTERS, 'import IATI files');
  return (await listUploads(db, a.role === 'admin' ? null : a.userId, 20)).map(present);
}

/**
 * Starts the import of a previewed upload and returns at once; `finished` settles when it has
 * landed (or failed), with its outcome recorded on the upload. Confirming twice is a conflict.
 */
export async function confirmUpload(
  db: Database,
  actor: Actor | null,
  id: string,
  maxBytes: number,
): Promise<{ finished: Promise<void> }> {
  const a = requireRole(actor, IMPORTERS, 'import IATI files');
  const u = await getUpload(db, a, id);
  if (u.state !== 'previewed' || !(await claimUpload(db, id)))
    throw new ConflictError('This file was already imported or is being imported.');
  const content = await uploadContent(db, id);
  if (!content) throw new NotFoundError('Upload', id);
  let last = 0;
  let written: Promise<void> = Promise.resolve();
  let activities = 0;
  const finished = (async () => {
    try {
      const report = await importIati(db, a, fileOf(content, maxBytes), {
        fileName: u.file_name,
        dryRun: false,
        strict: u.strict,
        onProgress: (p) => {
          activities = p.activities;
          const now = Date.now();
          if (now - last < PROGRESS_EVERY_MS) return;
          last = now;
          // Not awaited here: the import goes on while the row is updated (on PGlite, after it).
          const previous = written;
          written = previous.then(() => recordProgress(db, id, p)).catch(() => undefined);
        },
      });
      await written;
      // The last event may have been skipped, and the parser counts bytes lazily: the totals.
      await recordProgress(db, id, { activities, bytes: report.bytes });
      await finishUpload(db, id, report.status === 'committed' ? 'committed' : 'rejected', report);
    } catch (e) {
      await finishUpload(db, id, 'failed', {
        error: e instanceof Error ? e.message : String(e),
      }).catch((err: unknown) => {
        console.error('recording a failed IATI upload', err);
      });
    }
  })();
  return { finished };
}
