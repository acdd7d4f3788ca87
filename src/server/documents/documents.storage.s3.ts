import type { ReadableStream as NodeWebStream } from 'node:stream/web';
import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { Readable } from 'node:stream';
import type { ByteRange, FileStore } from './documents.storage.js';
import { EMPTY_SHA256, signRequest } from './sigv4.js';

export interface S3Options {
  /** The service's base URL, e.g. https://s3.eu-central-1.amazonaws.com or http://minio:9000. */
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  tempDir: string;
  /** For tests: the clock used to sign. */
  now?: () => Date;
}

export class StorageError extends Error {
  override name = 'StorageError';
}

/**
 * An S3-compatible bucket, addressed path-style (`endpoint/bucket/key`, which MinIO, Ceph and
 * AWS all accept), each request signed with SigV4. Uploads send the hash computed while the
 * file was received, so the store checks the bytes it gets.
 */
export function s3FileStore(o: S3Options): FileStore {
  const base = o.endpoint.replace(/\/+$/, '');
  const creds = {
    accessKeyId: o.accessKeyId,
    secretAccessKey: o.secretAccessKey,
    region: o.region,
  };
  const now = o.now ?? (() => new Date());
  const urlOf = (key: string) => new URL(`${base}/${o.bucket}/${key}`);

  async function send(
    method: string,
    key: string,
    headers: Record<string, string>,
    payloadHash: string,
    body?: ReadableStream<Uint8Array>,
  ): Promise<Response> {
    const url = urlOf(key);
    const signed = signRequest(creds, {
      method,
      url,
      headers: { ...headers, 'x-amz-content-sha256': payloadHash },
      payloadHash,
      date: now(),
    });
    const { host: _host, ...sendHeaders } = signed.headers;
    const init: RequestInit & { duplex?: 'half' } = { method, headers: sendHeaders };
    if (body) {
      init.body = body;
      init.duplex = 'half';
    }
    return fetch(url, init);
  }

  async function failure(what: string, key: string, res: Response): Promise<StorageError> {
    const text = await res.text().catch(() => '');
    const code = /<Code>([^<]+)<\/Code>/.exec(text)?.[1] ?? '';
    return new StorageError(
      `The file store refused to ${what} ${key}: HTTP ${res.status}${code ? ` ${code}` : ''}.`,
    );
  }

  return {
    kind: 's3',
    tempDir: o.tempDir,
    async putFile(key, tempPath, info) {
      try {
        const body = Readable.toWeb(createReadStream(tempPath)) as ReadableStream<Uint8Array>;
        const res = await send(
          'PUT',
          key,
          { 'content-length': String(info.size), 'content-type': info.contentType },
          info.sha256,
          body,
        );
        if (!res.ok) throw await failure('store', key, res);
        await res.body?.cancel();
      } finally {
        await rm(tempPath, { force: true });
      }
    },
    async read(key, range?: ByteRange) {
      const res = await send(
        'GET',
        key,
        range ? { range: `bytes=${range.start}-${range.end}` } : {},
        EMPTY_SHA256,
      );
      if (!res.ok || !res.body) throw await failure('read', key, res);
      // fetch's body is a web stream; typed as node:stream/web's so DOM typings (the back office
      // type-checks these modules too) agree.
      return Readable.fromWeb(res.body as NodeWebStream<Uint8Array>);
    },
    async remove(key) {
      const res = await send('DELETE', key, {}, EMPTY_SHA256);
      if (!res.ok && res.status !== 404) throw await failure('delete', key, res);
      await res.body?.cancel();
    },
  };
}
