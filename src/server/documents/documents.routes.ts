import { rm } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { Hono } from 'hono';
import { z } from 'zod';
import { historyOf } from '../audit/audit.service.js';
import { BadRequestError } from '../errors.js';
import type { AppContext, AppEnv } from '../http/context.js';
import { describe } from '../http/openapi.js';
import { parseBody, parseQuery, parseWith } from '../http/validate.js';
import { contentDisposition } from '../exports/respond.js';
import { Uuid, Version } from '../shared/schemas.js';
import type { OwnerType } from './documents.owners.js';
import {
  DocumentCreate,
  DocumentOut,
  DocumentUpdate,
  DocumentUploadForm,
} from './documents.schemas.js';
import {
  addDocument,
  getDocument,
  listDocuments,
  openDocumentContent,
  patchDocument,
  removeDocument,
  requireOwnerEditor,
} from './documents.service.js';
import { readMultipartUpload } from './documents.upload.js';

const IdParam = z.object({ id: Uuid });
const DeleteQuery = z.object({ version: z.coerce.number().pipe(Version).optional() });
const tags = ['Documents'];

/** Form fields to metadata: `title` as JSON or `title.<lang>` fields; languages comma-separated. */
export function metadataFromForm(fields: Record<string, string[]>): unknown {
  const one = (name: string) => fields[name]?.at(-1);
  const out: Record<string, unknown> = {};
  const title: Record<string, string> = {};
  for (const [name, values] of Object.entries(fields)) {
    const m = /^title[.[]([A-Za-z-]+)\]?$/.exec(name);
    const value = values.at(-1);
    if (m?.[1] && value !== undefined) title[m[1]] = value;
  }
  const rawTitle = one('title');
  if (rawTitle !== undefined) {
    try {
      out.title = JSON.parse(rawTitle) as unknown;
    } catch {
      throw new BadRequestError(
        'The title field must be a JSON object such as {"sq":"…","en":"…"}; or send title.sq, title.en … fields.',
      );
    }
  } else if (Object.keys(title).length) out.title = title;
  const category = one('category');
  if (category) out.category = category;
  const date = one('document_date');
  if (date) out.document_date = date;
  if (fields.languages)
    out.languages = fields.languages
      .flatMap((v) => v.split(','))
      .map((v) => v.trim())
      .filter(Boolean);
  for (const name of Object.keys(fields)) {
    if (
      !['title', 'category', 'document_date', 'languages'].includes(name) &&
      !name.startsWith('title')
    )
      throw new BadRequestError(`Unknown form field "${name}".`);
  }
  return out;
}

const OWNERS: [string, OwnerType, string][] = [
  ['organisations', 'organisation', 'an organisation'],
  ['activities', 'activity', 'an activity'],
  ['results', 'result', 'a result'],
];

const UPLOAD_ERRORS: [string, string][] = [
  ['413', 'The file is larger than FILES_MAX_BYTES; nothing was stored'],
  ['415', 'Not an allowed kind of file, or its bytes do not match its extension'],
];

async function upload(c: AppContext, type: OwnerType) {
  const { id } = parseWith(IdParam, c.req.param());
  // Permission and owner first: nothing is received for a caller who may not attach.
  await requireOwnerEditor(c.var.db, c.var.actor, type, id);
  const form = await readMultipartUpload(c.req.raw, c.var.files.tempDir, c.var.filesMaxBytes);
  try {
    if (!form.file) throw new BadRequestError('Send the file in a multipart field named "file".');
    const meta = parseWith(DocumentCreate, metadataFromForm(form.fields));
    return c.json(
      await addDocument(c.var.db, c.var.files, c.var.actor, { type, id }, meta, form.file),
      201,
    );
  } finally {
    if (form.file) {
      await rm(form.file.tempPath, { force: true });
    }
  }
}

export const ownerDocumentRoutes = new Hono<AppEnv>();
for (const [segment, type, what] of OWNERS) {
  describe({
    method: 'post',
    path: `/api/v1/${segment}/:id/documents`,
    summary: `Attach a document (multipart: file + metadata) to ${what}`,
    tags,
    auth: 'required',
    params: IdParam,
    body: DocumentUploadForm,
    bodyType: 'multipart/form-data',
    response: DocumentOut,
    errors: UPLOAD_ERRORS,
  });
  describe({
    method: 'get',
    path: `/api/v1/${segment}/:id/documents`,
    summary: `The documents of ${what}`,
    tags,
    params: IdParam,
    response: z.object({ items: z.array(DocumentOut) }),
  });
  ownerDocumentRoutes
    .post(`/${segment}/:id/documents`, (c) => upload(c, type))
    .get(`/${segment}/:id/documents`, async (c) => {
      const { id } = parseWith(IdParam, c.req.param());
      return c.json({ items: await listDocuments(c.var.db, c.var.actor, type, id) });
    });
}

describe({
  method: 'get',
  path: '/api/v1/documents/:id',
  summary: 'Read a document’s metadata',
  tags,
  params: IdParam,
  response: DocumentOut,
});
describe({
  method: 'get',
  path: '/api/v1/documents/:id/content',
  summary:
    'Download the file (ETag is its SHA-256; Range and If-None-Match honoured). Files of unpublished records: office staff and the record’s editors only',
  tags,
  params: IdParam,
  responseType: 'application/octet-stream',
  errors: [['416', 'The Range is outside the file']],
});
describe({
  method: 'patch',
  path: '/api/v1/documents/:id',
  summary: 'Update a document’s metadata (send the version you read)',
  tags,
  auth: 'required',
  params: IdParam,
  body: DocumentUpdate,
  response: DocumentOut,
});
describe({
  method: 'delete',
  path: '/api/v1/documents/:id',
  summary: 'Delete a document (its file goes when no other document has the same contents)',
  tags,
  auth: 'required',
  params: IdParam,
  query: DeleteQuery,
});
describe({
  method: 'get',
  path: '/api/v1/documents/:id/history',
  summary: 'Every change of the document’s metadata',
  tags,
  auth: 'required',
  params: IdParam,
});

export const documentRoutes = new Hono<AppEnv>()
  .get('/:id', async (c) => {
    const { id } = parseWith(IdParam, c.req.param());
    return c.json(await getDocument(c.var.db, c.var.actor, id));
  })
  .get('/:id/content', async (c) => {
    const { id } = parseWith(IdParam, c.req.param());
    const { document, range, stream } = await openDocumentContent(
      c.var.db,
      c.var.files,
      c.var.actor,
      id,
      { range: c.req.header('range'), ifNoneMatch: c.req.header('if-none-match') },
    );
    c.header('ETag', `"${document.sha256}"`);
    c.header('Accept-Ranges', 'bytes');
    c.header('Cache-Control', 'private, no-cache');
    c.header('X-Content-Type-Options', 'nosniff');
    if (!stream) return c.body(null, 304);
    c.header('Content-Type', document.content_type);
    c.header('Content-Disposition', contentDisposition(document.file_name));
    const body = Readable.toWeb(stream) as ReadableStream<Uint8Array>;
    if (range) {
      c.header('Content-Range', `bytes ${range.start}-${range.end}/${document.size}`);
      c.header('Content-Length', String(range.end - range.start + 1));
      return c.body(body, 206);
    }
    c.header('Content-Length', String(document.size));
    return c.body(body, 200);
  })
  .patch('/:id', async (c) => {
    const { id } = parseWith(IdParam, c.req.param());
    const body = await parseBody(c, DocumentUpdate);
    return c.json(await patchDocument(c.var.db, c.var.actor, id, body));
  })
  .delete('/:id', async (c) => {
    const { id } = parseWith(IdParam, c.req.param());
    const { version } = parseQuery(c, DeleteQuery);
    await removeDocument(c.var.db, c.var.files, c.var.actor, id, version ?? null);
    return c.body(null, 204);
  })
  .get('/:id/history', async (c) => {
    const { id } = parseWith(IdParam, c.req.param());
    return c.json({ items: await historyOf(c.var.db, c.var.actor, 'document', id) });
  });
