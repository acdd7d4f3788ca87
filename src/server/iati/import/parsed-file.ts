import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { IatiActivity, IatiProblem } from '../iati.model.js';
import { loadCodelistIndex } from '../parse/codelists.js';
import { parseIati, type IatiInput, type ParseSummary } from '../parse/parse.js';
import type { ParsedFile, ParsedItem } from './import.service.js';

function asBuffer(chunk: Buffer | Uint8Array | string): Buffer {
  if (typeof chunk === 'string') return Buffer.from(chunk, 'utf8');
  return Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length);
}

/** Passes the input through unchanged while hashing its bytes. */
async function* hashing(
  input: IatiInput,
  hash: ReturnType<typeof createHash>,
): AsyncGenerator<Buffer> {
  for await (const chunk of input as AsyncIterable<Buffer | Uint8Array | string>) {
    const buf = asBuffer(chunk);
    hash.update(buf);
    yield buf;
  }
}

/** One stored activity, read back on its own to compare with a newer version. */
async function parseOne(xml: string): Promise<IatiActivity | null> {
  const doc = `<?xml version="1.0" encoding="UTF-8"?>\n<iati-activities version="2.03">${xml}</iati-activities>`;
  for await (const parsed of parseIati(Readable.from([doc]))) return parsed.activity;
  return null;
}

/**
 * Adapts the streaming parser to the importer: activities one at a time, validated against the
 * 2.03 codelists and rules, and once the input is read, the file's own problems and hash.
 */
export function parsedFile(
  input: IatiInput,
  opts: { maxBytes: number; onProgress?: (bytes: number) => void },
): ParsedFile {
  const hash = createHash('sha256');
  let summary: ParseSummary | null = null;
  let version: string | null = null;
  let bytes = 0;
  let digest: string | null = null;
  const run = parseIati(hashing(input, hash), {
    maxBytes: opts.maxBytes,
    validate: { codelists: loadCodelistIndex() },
    onFile: (f) => {
      version = f.version;
    },
    onProgress: (b) => {
      bytes = b;
      opts.onProgress?.(b);
    },
  });
  async function* items(): AsyncGenerator<ParsedItem> {
    for (;;) {
      const next = await run.next();
      if (next.done) {
        summary = next.value;
        bytes = summary.bytes;
        return;
      }
      const p = next.value;
      yield {
        activity: p.activity,
        xml: p.xml,
        line: p.position.line,
        column: p.position.column,
        problems: p.problems,
      };
    }
  }
  return {
    items: items(),
    fileProblems: (): IatiProblem[] => summary?.problems ?? [],
    version: () => version,
    bytesRead: () => bytes,
    sha256: () => (digest ??= hash.digest('hex')),
    parseOne,
  };
}
