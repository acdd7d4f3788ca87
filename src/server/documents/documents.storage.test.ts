import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync, existsSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { text } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { s3FileStore, StorageError } from './documents.storage.s3.js';
import { storageKey } from './documents.storage.js';
import { signRequest } from './sigv4.js';
import { sniffFile } from './documents.sniff.js';

const KEY_ID = 'AKIDTESTKOORDINATA';
const SECRET = 'test-secret/with+chars';
const REGION = 'eu-central-1';

/** A tiny S3: checks each request's SigV4 signature and payload hash, keeps objects in memory. */
function fakeS3() {
  const objects = new Map<string, Buffer>();
  const seen: { method: string; path: string; status: number }[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const reply = (status: number, payload: string | Buffer = '', headers = {}) => {
        seen.push({ method: req.method ?? '', path: req.url ?? '', status });
        res.writeHead(status, headers);
        res.end(payload);
      };
      const auth = req.headers.authorization ?? '';
      const m =
        /Credential=([^/]+)\/(\d{8})\/([^/]+)\/s3\/aws4_request, SignedHeaders=([^,]+), Signature=([0-9a-f]{64})/.exec(
          auth,
        );
      const date = req.headers['x-amz-date'];
      const payloadHash = req.headers['x-amz-content-sha256'];
      if (!m || typeof date !== 'string' || typeof payloadHash !== 'string')
        return reply(403, '<Error><Code>AccessDenied</Code></Error>');
      const signed: Record<string, string> = {};
      for (const name of (m[4] ?? '').split(';')) {
        const v = req.headers[name];
        signed[name] = Array.isArray(v) ? v.join(',') : (v ?? '');
      }
      const expected = signRequest(
        { accessKeyId: KEY_ID, secretAccessKey: SECRET, region: REGION },
        {
          method: req.method ?? 'GET',
          url: new URL(`http://${req.headers.host ?? ''}${req.url ?? ''}`),
          headers: signed,
          payloadHash,
          date: new Date(
            `${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}T${date.slice(9, 11)}:${date.slice(11, 13)}:${date.slice(13, 15)}Z`,
          ),
        },
      );
      if (m[1] !== KEY_ID || expected.signature !== m[5])
        return reply(403, '<Error><Code>SignatureDoesNotMatch</Code></Error>');
      const key = decodeURIComponent(req.url ?? '');
      if (req.method === 'PUT') {
        if (createHash('sha256').update(body).digest('hex') !== payloadHash)
          return reply(400, '<Error><Code>XAmzContentSHA256Mismatch</Code></Error>');
        objects.set(key, body);
        return reply(200);
      }
      const obj = objects.get(key);
      if (req.method === 'DELETE') {
        objects.delete(key);
        return reply(204);
      }
      if (!obj) return reply(404, '<Error><Code>NoSuchKey</Code></Error>');
      const range = /^bytes=(\d+)-(\d+)$/.exec(req.headers.range ?? '');
      if (range) return reply(206, obj.subarray(Number(range[1]), Number(range[2]) + 1));
      return reply(200, obj);
    });
  });
  return { server, objects, seen };
}

let s3: ReturnType<typeof fakeS3>;
let endpoint: string;

beforeAll(async () => {
  s3 = fakeS3();
  await new Promise<void>((resolve) => s3.server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(s3.server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => s3.server.close(() => resolve())));

function tempFile(dir: string, content: string) {
  const path = join(dir, `t-${Math.random().toString(36).slice(2)}`);
  writeFileSync(path, content);
  return path;
}

describe('S3-compatible store', () => {
  it('puts, reads (whole and a range) and deletes with signed requests', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'koordinata-s3-'));
    const store = s3FileStore({
      endpoint,
      bucket: 'docs',
      region: REGION,
      accessKeyId: KEY_ID,
      secretAccessKey: SECRET,
      tempDir: dir,
    });
    const content = 'Izveštaj — Прешево';
    const sha = createHash('sha256').update(content).digest('hex');
    const key = storageKey(sha);
    const temp = tempFile(dir, content);
    await store.putFile(key, temp, {
      size: Buffer.byteLength(content),
      sha256: sha,
      contentType: 'text/plain',
    });
    expect(existsSync(temp)).toBe(false);
    expect(s3.objects.get(`/docs/${key}`)?.toString('utf8')).toBe(content);
    expect(await text(await store.read(key))).toBe(content);
    expect(await text(await store.read(key, { start: 0, end: 7 }))).toBe('Izvešta');
    await store.remove(key);
    expect(s3.objects.has(`/docs/${key}`)).toBe(false);
    expect(s3.seen.every((r) => r.status < 300)).toBe(true);
  });

  it('reports a refused request with the store’s error code', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'koordinata-s3-'));
    const store = s3FileStore({
      endpoint,
      bucket: 'docs',
      region: REGION,
      accessKeyId: KEY_ID,
      secretAccessKey: 'wrong',
      tempDir: dir,
    });
    const temp = tempFile(dir, 'x');
    const sha = createHash('sha256').update('x').digest('hex');
    const put = store.putFile(storageKey(sha), temp, { size: 1, sha256: sha, contentType: 'x' });
    await expect(put).rejects.toThrow(StorageError);
    await expect(
      store.putFile(storageKey(sha), tempFile(dir, 'x'), {
        size: 1,
        sha256: sha,
        contentType: 'x',
      }),
    ).rejects.toThrow(/SignatureDoesNotMatch/);
    // The temporary file is removed even when the store refuses.
    expect(existsSync(temp)).toBe(false);
  });
});

describe('file kinds', () => {
  const zip = Buffer.from([0x50, 0x4b, 0x03, 0x04, ...Array<number>(26).fill(0)]);
  const odt = Buffer.concat([zip, Buffer.from('mimetypeapplication/vnd.oasis.opendocument.text')]);
  it('recognises files by their first bytes and extension together', () => {
    expect(sniffFile('a.PDF', Buffer.from('%PDF-1.7'))?.contentType).toBe('application/pdf');
    expect(sniffFile('a.docx', zip)?.extension).toBe('docx');
    expect(sniffFile('a.odt', odt)?.contentType).toBe('application/vnd.oasis.opendocument.text');
    expect(sniffFile('a.ods', odt)).toBeNull();
    expect(sniffFile('a.jpg', Buffer.from([0xff, 0xd8, 0xff, 0xe0]))?.contentType).toBe(
      'image/jpeg',
    );
    expect(sniffFile('a.csv', Buffer.from('naziv,opština\nPreševo,Прешево\n'))).not.toBeNull();
    // A multi-byte character cut at the end of the sniffed head is still text.
    expect(sniffFile('a.txt', Buffer.from('Prešev').subarray(0, 4))).not.toBeNull();
    expect(sniffFile('a.txt', Buffer.from([0xc3, 0x28, 0x41, 0x41, 0x41, 0x41]))).toBeNull();
    expect(sniffFile('a.pdf', zip)).toBeNull();
    expect(sniffFile('a.exe', Buffer.from('MZ'))).toBeNull();
    expect(sniffFile('noextension', Buffer.from('%PDF-'))).toBeNull();
  });
});
