import { createReadStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import type { Config } from '../config/config.js';
import { s3FileStore } from './documents.storage.s3.js';

/** Inclusive byte positions, as in an HTTP Range header. */
export interface ByteRange {
  start: number;
  end: number;
}

export interface StoredFileInfo {
  size: number;
  sha256: string;
  contentType: string;
}

/**
 * Where document files live. Files are addressed by their SHA-256 (`storageKey`), so the same
 * file uploaded twice is stored once. Uploads are first written whole to a temporary file in
 * `tempDir` (hashed and measured on the way), then handed over with `putFile`.
 */
export interface FileStore {
  readonly kind: 'local' | 's3';
  readonly tempDir: string;
  /** Takes a complete temporary file in under `key`; the temporary file is gone afterwards. */
  putFile(key: string, tempPath: string, info: StoredFileInfo): Promise<void>;
  read(key: string, range?: ByteRange): Promise<Readable>;
  remove(key: string): Promise<void>;
}

/** The key of a file: its hash, fanned out over two directory levels. */
export function storageKey(sha256: string): string {
  return `${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`;
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Files in a directory. Temporary files sit in `<root>/.tmp` on the same file system, so
 * finishing an upload is a rename: a reader never sees half a file.
 */
export function localFileStore(root: string): FileStore {
  const tempDir = join(root, '.tmp');
  const pathOf = (key: string) => {
    if (!/^[0-9a-f]{2}\/[0-9a-f]{2}\/[0-9a-f]{64}$/.test(key))
      throw new Error(`not a storage key: ${key}`);
    return join(root, ...key.split('/'));
  };
  return {
    kind: 'local',
    tempDir,
    async putFile(key, tempPath) {
      const target = pathOf(key);
      if (await exists(target)) {
        await rm(tempPath, { force: true });
        return;
      }
      await mkdir(dirname(target), { recursive: true });
      await rename(tempPath, target);
    },
    read(key, range) {
      const stream = createReadStream(
        pathOf(key),
        range ? { start: range.start, end: range.end } : {},
      );
      return new Promise((resolve, reject) => {
        stream.once('open', () => resolve(stream));
        stream.once('error', reject);
      });
    },
    async remove(key) {
      await rm(pathOf(key), { force: true });
    },
  };
}

/** The store the configuration names: FILES_DIR (default DATA_DIR/files), or an S3 bucket. */
export function fileStoreFromConfig(config: Config): FileStore {
  if (config.FILES_STORAGE === 's3') {
    return s3FileStore({
      endpoint: config.S3_ENDPOINT ?? '',
      bucket: config.S3_BUCKET ?? '',
      region: config.S3_REGION,
      accessKeyId: config.S3_ACCESS_KEY_ID ?? '',
      secretAccessKey: config.S3_SECRET_ACCESS_KEY ?? '',
      tempDir: join(config.FILES_DIR ?? tmpdir(), '.tmp-uploads'),
    });
  }
  return localFileStore(config.FILES_DIR ?? join(config.DATA_DIR, 'files'));
}
