import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { pipeline } from 'node:stream/promises';
import busboy from 'busboy';
import { BadRequestError, PayloadTooLargeError } from '../errors.js';
import { SNIFF_BYTES } from './documents.sniff.js';

/** A file received whole into a temporary file: never held in memory. */
export interface ReceivedFile {
  tempPath: string;
  fileName: string;
  size: number;
  sha256: string;
  head: Buffer;
}

export function tooLarge(maxBytes: number): PayloadTooLargeError {
  return new PayloadTooLargeError(
    `The file is larger than the limit of ${formatBytes(maxBytes)} (FILES_MAX_BYTES); nothing was stored.`,
    { max_bytes: maxBytes },
  );
}

export function formatBytes(n: number): string {
  if (n >= 1024 ** 2) return `${(n / 1024 ** 2).toFixed(n % 1024 ** 2 === 0 ? 0 : 1)} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(n % 1024 === 0 ? 0 : 1)} KB`;
  return `${n} bytes`;
}

/**
 * Streams `source` into a temporary file in `tempDir`, hashing and counting on the way. Past
 * `maxBytes` it stops at once, removes the temporary file and throws 413.
 */
export async function receiveFile(
  source: Readable,
  fileName: string,
  tempDir: string,
  maxBytes: number,
): Promise<ReceivedFile> {
  await mkdir(tempDir, { recursive: true });
  const tempPath = join(tempDir, `upload-${randomUUID()}`);
  const hash = createHash('sha256');
  const headParts: Buffer[] = [];
  let headLength = 0;
  let size = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      if (size > maxBytes) {
        done(tooLarge(maxBytes));
        return;
      }
      hash.update(chunk);
      if (headLength < SNIFF_BYTES) {
        const part = chunk.subarray(0, SNIFF_BYTES - headLength);
        headParts.push(part);
        headLength += part.length;
      }
      done(null, chunk);
    },
  });
  try {
    await pipeline(source, meter, createWriteStream(tempPath));
  } catch (err) {
    await rm(tempPath, { force: true });
    throw err;
  }
  return { tempPath, fileName, size, sha256: hash.digest('hex'), head: Buffer.concat(headParts) };
}

export interface MultipartUpload {
  fields: Record<string, string[]>;
  file: ReceivedFile | null;
}

/** Room for the form's other fields and part headers around the file. */
const FORM_OVERHEAD = 1024 * 1024;

/**
 * Reads a multipart/form-data body as a stream: text fields into memory (small, limited), the
 * part named `file` into a temporary file through `receiveFile`. A body whose declared length
 * is already over the limit is refused before a byte is read.
 */
export async function readMultipartUpload(
  request: Request,
  tempDir: string,
  maxBytes: number,
): Promise<MultipartUpload> {
  const type = request.headers.get('content-type') ?? '';
  if (!type.toLowerCase().startsWith('multipart/form-data'))
    throw new BadRequestError(
      'Send the document as multipart/form-data with the file in a field named "file".',
    );
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes + FORM_OVERHEAD) throw tooLarge(maxBytes);
  if (!request.body) throw new BadRequestError('The request has no body.');

  const fields: Record<string, string[]> = {};
  const state: { received: Promise<ReceivedFile> | null } = { received: null };
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: { 'content-type': type },
      defParamCharset: 'utf8',
      limits: { files: 1, fields: 50, fieldSize: 64 * 1024, parts: 60 },
    });
  } catch (err) {
    throw new BadRequestError(`The multipart body cannot be read: ${(err as Error).message}`);
  }
  // The DOM's and Node's ReadableStream types differ; the object is the same.
  const body = Readable.fromWeb(request.body as WebReadableStream<Uint8Array>);
  const done = new Promise<void>((resolve, reject) => {
    parser.on('field', (name, value) => {
      (fields[name] ??= []).push(value);
    });
    parser.on('file', (name, stream, info) => {
      if (name !== 'file' || state.received) {
        stream.resume();
        return;
      }
      state.received = receiveFile(stream, info.filename || 'file', tempDir, maxBytes);
      // Stop reading the request as soon as the file fails (too large): no need to read the rest.
      state.received.catch((err: unknown) => {
        body.unpipe(parser);
        body.destroy();
        reject(err instanceof Error ? err : new Error(String(err)));
      });
    });
    parser.on('error', (err: Error) => {
      reject(new BadRequestError(`The multipart body cannot be read: ${err.message}`));
    });
    parser.on('close', () => resolve());
  });
  body.pipe(parser);
  try {
    await done;
    const file = state.received ? await state.received : null;
    return { fields, file };
  } catch (err) {
    // A file already written whole, when a later part fails: remove it too.
    if (state.received)
      await state.received.then((f) => rm(f.tempPath, { force: true })).catch(() => undefined);
    throw err;
  }
}
