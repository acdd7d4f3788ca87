import { rm } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import type { Actor } from '../auth/actor.js';
import { recordAudit } from '../audit/audit.queries.js';
import { checkCodes } from '../codelists/codelists.check.js';
import type { Database } from '../db/db.js';
import {
  ForbiddenError,
  NotFoundError,
  RangeNotSatisfiableError,
  UnsupportedMediaTypeError,
  ValidationError,
} from '../errors.js';
import { staleVersion } from '../organisations/organisations.service.js';
import { normaliseNarratives, withDerivedScripts } from '../text/index.js';
import {
  countDocumentsWithSha,
  deleteDocument,
  findDocumentById,
  insertDocument,
  listDocumentsOf,
  updateDocumentMeta,
  type DocumentRow,
} from './documents.queries.js';
import { canDownload, canReadOwner, ownerResolver, type OwnerType } from './documents.owners.js';
import type { DocumentCreate, DocumentOut, DocumentUpdate } from './documents.schemas.js';
import { ALLOWED_EXTENSIONS, sniffFile } from './documents.sniff.js';
import { storageKey, type ByteRange, type FileStore } from './documents.storage.js';
import type { ReceivedFile } from './documents.upload.js';

export function presentDocument(row: DocumentRow): DocumentOut {
  const title = withDerivedScripts(row.title);
  return {
    id: row.id,
    owner_type: row.owner_type,
    owner_id: row.owner_id,
    title: title.text,
    title_derived: title.derived,
    category: row.category,
    languages: row.languages,
    document_date: row.document_date,
    file_name: row.file_name,
    content_type: row.content_type,
    size: Number(row.size),
    sha256: row.sha256,
    content_url: `/api/v1/documents/${row.id}/content`,
    version: row.version,
    created_by: row.created_by,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

function cleanFileName(name: string): string {
  // Keep the last path segment only, without control characters.
  // eslint-disable-next-line no-control-regex
  const base = (name.split(/[\\/]/).pop() ?? '').replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return base.slice(-255) || 'file';
}

async function checkMeta(
  db: Database,
  m: { category: string | null; languages: string[] },
): Promise<void> {
  const issues = await checkCodes(db, [
    { path: 'category', codelist: 'DocumentCategory', code: m.category },
    ...m.languages.map((code, i) => ({ path: `languages.${i}`, codelist: 'Language', code })),
  ]);
  if (issues.length) throw new ValidationError(issues);
}

/** Checks the caller may attach documents to the owner; run before any byte is received. */
export async function requireOwnerEditor(
  db: Database,
  actor: Actor | null,
  ownerType: OwnerType,
  ownerId: string,
): Promise<Actor> {
  return ownerResolver(ownerType).requireEditor(db, actor, ownerId);
}

/**
 * Stores a received file and its metadata. The file's kind is decided by its bytes and
 * extension (415 otherwise). The temporary file is always gone when this returns.
 */
export async function addDocument(
  db: Database,
  store: FileStore,
  actor: Actor | null,
  owner: { type: OwnerType; id: string },
  meta: DocumentCreate,
  file: ReceivedFile,
): Promise<DocumentOut> {
  try {
    const a = await requireOwnerEditor(db, actor, owner.type, owner.id);
    const fileName = cleanFileName(file.fileName);
    const kind = sniffFile(fileName, file.head);
    if (!kind) {
      throw new UnsupportedMediaTypeError(
        `${fileName} is not an allowed kind of file, or its contents do not match its extension. Allowed: ${ALLOWED_EXTENSIONS.join(', ')}.`,
        { allowed: ALLOWED_EXTENSIONS },
      );
    }
    await checkMeta(db, meta);
    const title = normaliseNarratives(meta.title ?? { und: fileName.replace(/\.[^.]+$/, '') });
    const key = storageKey(file.sha256);
    await store.putFile(key, file.tempPath, {
      size: file.size,
      sha256: file.sha256,
      contentType: kind.contentType,
    });
    try {
      return await db.transaction(async (tx) => {
        const row = await insertDocument(
          tx,
          {
            owner_type: owner.type,
            owner_id: owner.id,
            title,
            category: meta.category,
            languages: meta.languages,
            document_date: meta.document_date,
            file_name: fileName,
            content_type: kind.contentType,
            size: file.size,
            sha256: file.sha256,
            storage_key: key,
          },
          a.userId,
        );
        await recordAudit(tx, {
          userId: a.userId,
          entity: 'document',
          entityId: row.id,
          action: 'create',
          version: row.version,
          before: null,
          after: row,
        });
        return presentDocument(row);
      });
    } catch (err) {
      if ((await countDocumentsWithSha(db, file.sha256)) === 0) await store.remove(key);
      throw err;
    }
  } finally {
    await rm(file.tempPath, { force: true });
  }
}

export async function listDocuments(
  db: Database,
  actor: Actor | null,
  ownerType: OwnerType,
  ownerId: string,
): Promise<DocumentOut[]> {
  if (!(await canReadOwner(db, actor, ownerType, ownerId)))
    throw new NotFoundError(`${ownerType.charAt(0).toUpperCase()}${ownerType.slice(1)}`, ownerId);
  return (await listDocumentsOf(db, ownerType, ownerId)).map(presentDocument);
}

async function readable(db: Database, actor: Actor | null, id: string): Promise<DocumentRow> {
  const row = await findDocumentById(db, id);
  if (!row || !(await canReadOwner(db, actor, row.owner_type, row.owner_id)))
    throw new NotFoundError('Document', id);
  return row;
}

export async function getDocument(
  db: Database,
  actor: Actor | null,
  id: string,
): Promise<DocumentOut> {
  return presentDocument(await readable(db, actor, id));
}

/** Parses one `bytes=` range against the size; null means "send it all" (absent or several). */
export function parseRange(header: string | undefined, size: number): ByteRange | null {
  if (!header) return null;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m) {
    if (/^bytes=.+,/.test(header.trim())) return null;
    throw new RangeNotSatisfiableError(
      `The Range header "${header}" is not one this server reads.`,
      {
        size,
      },
    );
  }
  const [, from = '', to = ''] = m;
  let start: number;
  let end: number;
  if (from === '' && to === '') throw new RangeNotSatisfiableError('The Range is empty.', { size });
  if (from === '') {
    start = Math.max(0, size - Number(to));
    end = size - 1;
  } else {
    start = Number(from);
    end = to === '' ? size - 1 : Math.min(Number(to), size - 1);
  }
  if (start > end || start >= size)
    throw new RangeNotSatisfiableError(`The range ${header} is outside the file (${size} bytes).`, {
      size,
    });
  return { start, end };
}

export interface DocumentContent {
  document: DocumentOut;
  range: ByteRange | null;
  stream: Readable | null;
}

/**
 * The file of a document. `stream` is null when the client's copy is current (If-None-Match
 * matches the ETag, which is the file's SHA-256).
 */
export async function openDocumentContent(
  db: Database,
  store: FileStore,
  actor: Actor | null,
  id: string,
  request: { range?: string | undefined; ifNoneMatch?: string | undefined },
): Promise<DocumentContent> {
  const row = await readable(db, actor, id);
  if (!(await canDownload(db, actor, row.owner_type, row.owner_id))) {
    throw actor
      ? new ForbiddenError(
          'The file of a document of an unpublished record can be downloaded only by the office and the record’s editors.',
        )
      : new NotFoundError('Document', id);
  }
  const document = presentDocument(row);
  const etag = `"${row.sha256}"`;
  if (request.ifNoneMatch?.split(',').some((t) => t.trim().replace(/^W\//, '') === etag))
    return { document, range: null, stream: null };
  const range = parseRange(request.range, document.size);
  const stream = await store.read(row.storage_key, range ?? undefined);
  return { document, range, stream };
}

export async function patchDocument(
  db: Database,
  actor: Actor | null,
  id: string,
  patch: DocumentUpdate,
): Promise<DocumentOut> {
  const current = await findDocumentById(db, id);
  if (!current) throw new NotFoundError('Document', id);
  const a = await requireOwnerEditor(db, actor, current.owner_type, current.owner_id);
  const { version, ...changes } = patch;
  if (version !== current.version) throw staleVersion('Document', id, version, current.version);
  const next = {
    title: changes.title ? normaliseNarratives(changes.title) : current.title,
    category: changes.category === undefined ? current.category : changes.category,
    languages: changes.languages ?? current.languages,
    document_date:
      changes.document_date === undefined ? current.document_date : changes.document_date,
    file_name: changes.file_name ? cleanFileName(changes.file_name) : current.file_name,
  };
  await checkMeta(db, next);
  return db.transaction(async (tx) => {
    const row = await updateDocumentMeta(tx, id, version, next, a.userId);
    if (!row) {
      const now = await findDocumentById(tx, id);
      throw staleVersion('Document', id, version, now?.version ?? null);
    }
    await recordAudit(tx, {
      userId: a.userId,
      entity: 'document',
      entityId: id,
      action: 'update',
      version: row.version,
      before: current,
      after: row,
    });
    return presentDocument(row);
  });
}

/** Deletes a document; its file goes too when no other document has the same contents. */
export async function removeDocument(
  db: Database,
  store: FileStore,
  actor: Actor | null,
  id: string,
  version: number | null,
): Promise<void> {
  const current = await findDocumentById(db, id);
  if (!current) throw new NotFoundError('Document', id);
  const a = await requireOwnerEditor(db, actor, current.owner_type, current.owner_id);
  if (version !== null && version !== current.version)
    throw staleVersion('Document', id, version, current.version);
  const orphan = await db.transaction(async (tx) => {
    await deleteDocument(tx, id);
    await recordAudit(tx, {
      userId: a.userId,
      entity: 'document',
      entityId: id,
      action: 'delete',
      version: current.version,
      before: current,
      after: null,
    });
    return (await countDocumentsWithSha(tx, current.sha256)) === 0;
  });
  if (orphan) await store.remove(current.storage_key);
}

/**
 * Removes from the store the files of documents that went with their owner (queued by the
 * database when an organisation, activity, result or meeting is deleted), unless another document
 * still has the same contents. Returns how many files were removed. Safe to call from any number
 * of app servers: each queued key is taken by one of them.
 */
export async function sweepOrphanFiles(db: Database, store: FileStore): Promise<number> {
  // one statement: the keys it takes are gone from the queue when it returns
  const rows = await db.query<{ storage_key: string; referenced: boolean }>(
    `delete from document_orphan o
      where o.storage_key in (select storage_key from document_orphan
                               order by queued_at limit 1000 for update skip locked)
     returning o.storage_key,
               exists (select 1 from document_file d where d.storage_key = o.storage_key)
                 as referenced`,
  );
  const keys = rows.filter((r) => !r.referenced).map((r) => r.storage_key);
  for (const key of keys) await store.remove(key);
  return keys.length;
}
