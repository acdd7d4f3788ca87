import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createActivity } from '../activities/activities.service.js';
import type { Database } from '../db/db.js';
import { createApp } from '../http/app.js';
import { testDb } from '../../../tests/support/db.js';
import {
  makeOrganisation,
  makeUser,
  SYSTEM,
  uniq,
  type TestUser,
} from '../../../tests/support/factories.js';
import type { DocumentOut } from './documents.schemas.js';
import { localFileStore, storageKey } from './documents.storage.js';

let db: Database;
let app: ReturnType<typeof createApp>;
let root: string;
let coordinator: TestUser;
let viewer: TestUser;
let outsider: TestUser;
let published: string;
let draft: string;
const MAX = 64 * 1024;

const PDF = Buffer.from(`%PDF-1.4\n% Izveštaj za Preševo ${uniq()}\n1 0 obj <<>> endobj\n%%EOF\n`);
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);

function form(file: Buffer, name: string, fields: Record<string, string> = {}): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  f.append('file', new Blob([file]), name);
  return f;
}

function post(path: string, body: FormData, user: TestUser | null) {
  return app.request(path, {
    method: 'POST',
    body,
    headers: user ? { authorization: user.headers.authorization ?? '' } : {},
  });
}

function tempFiles(): string[] {
  const dir = join(root, '.tmp');
  return existsSync(dir) ? readdirSync(dir) : [];
}

beforeAll(async () => {
  db = await testDb();
  root = mkdtempSync(join(tmpdir(), 'koordinata-docs-test-'));
  app = createApp({ db, files: localFileStore(root), filesMaxBytes: MAX });
  coordinator = await makeUser(db, 'coordinator');
  viewer = await makeUser(db, 'viewer');
  const other = await makeOrganisation(db);
  outsider = await makeUser(db, 'partner_editor', { organisation: other.id });
  const make = async (publication_status: 'published' | 'draft') =>
    (
      await createActivity(db, SYSTEM, {
        title: { en: `Documents test ${uniq()}` },
        status: '2',
        publication_status,
      })
    ).id;
  published = await make('published');
  draft = await make('draft');
});

describe('documents', () => {
  it('uploads a file with metadata, stores it by its hash and downloads it back', async () => {
    const res = await post(
      `/api/v1/activities/${published}/documents`,
      form(PDF, 'Izveštaj Preševo 2024.pdf', {
        'title.sr-Latn': 'Godišnji izveštaj',
        'title.sq': 'Raporti vjetor',
        category: 'A07',
        languages: 'sr,sq',
        document_date: '2024-12-31',
      }),
      coordinator,
    );
    expect(res.status).toBe(201);
    const doc = (await res.json()) as DocumentOut;
    const sha = createHash('sha256').update(PDF).digest('hex');
    expect(doc).toMatchObject({
      owner_type: 'activity',
      owner_id: published,
      category: 'A07',
      languages: ['sr', 'sq'],
      document_date: '2024-12-31',
      file_name: 'Izveštaj Preševo 2024.pdf',
      content_type: 'application/pdf',
      size: PDF.length,
      sha256: sha,
    });
    expect(doc.title['sr-Cyrl']).toBe('Годишњи извештај');
    expect(existsSync(join(root, ...storageKey(sha).split('/')))).toBe(true);
    expect(tempFiles()).toEqual([]);

    const list = (await (
      await app.request(`/api/v1/activities/${published}/documents`)
    ).json()) as { items: DocumentOut[] };
    expect(list.items.map((d) => d.id)).toEqual([doc.id]);

    const file = await app.request(doc.content_url);
    expect(file.status).toBe(200);
    expect(Buffer.from(await file.arrayBuffer())).toEqual(PDF);
    expect(file.headers.get('etag')).toBe(`"${sha}"`);
    expect(file.headers.get('content-type')).toBe('application/pdf');
    expect(file.headers.get('content-length')).toBe(String(PDF.length));
    expect(file.headers.get('content-disposition')).toBe(
      `attachment; filename="Izvestaj Presevo 2024.pdf"; filename*=UTF-8''Izve%C5%A1taj%20Pre%C5%A1evo%202024.pdf`,
    );

    const part = await app.request(doc.content_url, { headers: { range: 'bytes=0-3' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 0-3/${PDF.length}`);
    expect(await part.text()).toBe('%PDF');
    const tail = await app.request(doc.content_url, { headers: { range: 'bytes=-6' } });
    expect(await tail.text()).toBe('%%EOF\n');
    const outside = await app.request(doc.content_url, {
      headers: { range: `bytes=${PDF.length + 10}-` },
    });
    expect(outside.status).toBe(416);
    const cached = await app.request(doc.content_url, { headers: { 'if-none-match': `"${sha}"` } });
    expect(cached.status).toBe(304);
  });

  it('refuses a file over the limit with 413 and keeps nothing', async () => {
    const big = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(MAX + 1, 0x41)]);
    const res = await post(
      `/api/v1/activities/${published}/documents`,
      form(big, 'big.pdf'),
      coordinator,
    );
    expect(res.status).toBe(413);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('payload_too_large');
    expect(body.error.message).toContain('64 KB');
    expect(tempFiles()).toEqual([]);
    const sha = createHash('sha256').update(big).digest('hex');
    expect(existsSync(join(root, ...storageKey(sha).split('/')))).toBe(false);
    const rows = await db.query('select 1 from document_file where sha256 = $1', [sha]);
    expect(rows).toHaveLength(0);
  });

  it('refuses kinds not allowed and contents that do not match the extension (415)', async () => {
    for (const [bytes, name] of [
      [PNG, 'report.pdf'],
      [PDF, 'tool.exe'],
      [Buffer.from([0x00, 0x01, 0x02]), 'data.csv'],
    ] as const) {
      const res = await post(
        `/api/v1/activities/${published}/documents`,
        form(bytes, name),
        coordinator,
      );
      expect(res.status, name).toBe(415);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe(
        'unsupported_media_type',
      );
    }
    expect(tempFiles()).toEqual([]);
    const png = await post(
      `/api/v1/organisations/${(await makeOrganisation(db)).id}/documents`,
      form(PNG, 'logo.png', { title: JSON.stringify({ en: 'Logo' }) }),
      coordinator,
    );
    expect(png.status).toBe(201);
    expect(((await png.json()) as DocumentOut).content_type).toBe('image/png');
  });

  it('checks metadata against the codelists and names the field', async () => {
    const res = await post(
      `/api/v1/activities/${published}/documents`,
      form(PDF, 'a.pdf', { category: 'A99' }),
      coordinator,
    );
    expect(res.status).toBe(422);
    const body = (await res.json()) as { error: { details: { path: string }[] } };
    expect(body.error.details.map((d) => d.path)).toEqual(['category']);
    expect(tempFiles()).toEqual([]);
  });

  it('lets only editors of the owner attach, and keeps files of drafts from the public', async () => {
    const anonymous = await post(
      `/api/v1/activities/${published}/documents`,
      form(PDF, 'a.pdf'),
      null,
    );
    expect(anonymous.status).toBe(401);
    const foreign = await post(
      `/api/v1/activities/${published}/documents`,
      form(PDF, 'a.pdf'),
      outsider,
    );
    expect(foreign.status).toBe(403);

    const res = await post(
      `/api/v1/activities/${draft}/documents`,
      form(PDF, 'draft.pdf'),
      coordinator,
    );
    expect(res.status).toBe(201);
    const doc = (await res.json()) as DocumentOut;
    expect((await app.request(`/api/v1/documents/${doc.id}`)).status).toBe(404);
    expect((await app.request(doc.content_url)).status).toBe(404);
    const asViewer = { headers: { authorization: viewer.headers.authorization ?? '' } };
    expect((await app.request(`/api/v1/documents/${doc.id}`, asViewer)).status).toBe(200);
    expect((await app.request(doc.content_url, asViewer)).status).toBe(403);
    const asStaff = { headers: { authorization: coordinator.headers.authorization ?? '' } };
    expect((await app.request(doc.content_url, asStaff)).status).toBe(200);
  });

  it('updates metadata with the version read, and records the history', async () => {
    const doc = (await (
      await post(`/api/v1/activities/${published}/documents`, form(PDF, 'p.pdf'), coordinator)
    ).json()) as DocumentOut;
    const patch = (body: unknown) =>
      app.request(`/api/v1/documents/${doc.id}`, {
        method: 'PATCH',
        headers: coordinator.headers,
        body: JSON.stringify(body),
      });
    const ok = await patch({ version: 1, title: { en: 'Final report' }, category: 'A08' });
    expect(ok.status).toBe(200);
    expect((await ok.json()) as DocumentOut).toMatchObject({
      version: 2,
      title: { en: 'Final report' },
      category: 'A08',
    });
    expect((await patch({ version: 1, category: 'A01' })).status).toBe(409);
    const history = (await (
      await app.request(`/api/v1/documents/${doc.id}/history`, { headers: coordinator.headers })
    ).json()) as { items: { action: string; changed: string[] }[] };
    expect(history.items.map((h) => h.action)).toEqual(['create', 'update']);
    expect(history.items[1]?.changed).toEqual(expect.arrayContaining(['category', 'title']));
  });

  it('removes the file only when no other document has the same contents', async () => {
    const bytes = Buffer.from(`%PDF-1.7\nshared ${uniq()}\n`);
    const sha = createHash('sha256').update(bytes).digest('hex');
    const path = join(root, ...storageKey(sha).split('/'));
    const upload = async () =>
      (await (
        await post(`/api/v1/activities/${published}/documents`, form(bytes, 's.pdf'), coordinator)
      ).json()) as DocumentOut;
    const a = await upload();
    const b = await upload();
    expect(a.sha256).toBe(b.sha256);
    const del = (id: string) =>
      app.request(`/api/v1/documents/${id}`, { method: 'DELETE', headers: coordinator.headers });
    expect((await del(a.id)).status).toBe(204);
    expect(existsSync(path)).toBe(true);
    expect((await app.request(b.content_url)).status).toBe(200);
    expect((await del(b.id)).status).toBe(204);
    expect(existsSync(path)).toBe(false);
    expect((await app.request(`/api/v1/documents/${b.id}`)).status).toBe(404);
  });

  it('goes with the activity it is attached to, its file too unless shared', async () => {
    const owner = (
      await createActivity(db, SYSTEM, {
        title: { en: `Deleted with its documents ${uniq()}` },
        status: '2',
        publication_status: 'published',
      })
    ).id;
    const own = Buffer.from(`%PDF-1.7\nonly here ${uniq()}\n`);
    const shared = Buffer.from(`%PDF-1.7\nalso elsewhere ${uniq()}\n`);
    const pathOf = (b: Buffer) =>
      join(root, ...storageKey(createHash('sha256').update(b).digest('hex')).split('/'));
    const upload = async (activity: string, bytes: Buffer) =>
      (await (
        await post(`/api/v1/activities/${activity}/documents`, form(bytes, 'a.pdf'), coordinator)
      ).json()) as DocumentOut;
    const mine = await upload(owner, own);
    const mineShared = await upload(owner, shared);
    const theirs = await upload(published, shared);
    const del = await app.request(`/api/v1/activities/${owner}`, {
      method: 'DELETE',
      headers: coordinator.headers,
    });
    expect(del.status).toBe(204);
    expect((await app.request(`/api/v1/documents/${mine.id}`)).status).toBe(404);
    expect((await app.request(`/api/v1/documents/${mineShared.id}`)).status).toBe(404);
    expect(existsSync(pathOf(own))).toBe(false);
    // the other activity's document with the same contents keeps its file
    expect(existsSync(pathOf(shared))).toBe(true);
    expect((await app.request(theirs.content_url)).status).toBe(200);
    const queued = await db.query('select 1 from document_orphan');
    expect(queued).toEqual([]);
  });

  it('says what is wrong with a form without a file', async () => {
    const f = new FormData();
    f.append('category', 'A01');
    const res = await post(`/api/v1/activities/${published}/documents`, f, coordinator);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain(
      '"file"',
    );
  });
});
