import { isUtf8 } from 'node:buffer';
import type { Readable } from 'node:stream';
import { firstInvalidUtf8, incompleteTail, sniffEncoding } from './utf8.js';

/** What the parser accepts: a file or HTTP stream, or any async source of chunks. */
export type IatiInput = Readable | AsyncIterable<Buffer | Uint8Array | string>;

export interface InputFault {
  code: 'xml.encoding' | 'xml.too_large' | 'xml.read_error';
  message: string;
}

/** Decoded text ready for the XML parser; a fault comes after the text that preceded it. */
export interface DecodedChunk {
  text: string;
  /** Bytes read from the input so far. */
  bytes: number;
  fault: InputFault | null;
}

const HEAD_BYTES = 4;

function toBuffer(chunk: unknown): Buffer | string {
  if (typeof chunk === 'string' || Buffer.isBuffer(chunk)) return chunk;
  if (chunk instanceof Uint8Array) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length);
  throw new TypeError(
    `IATI input chunks must be Buffer, Uint8Array or string, not ${typeof chunk}`,
  );
}

/**
 * Turns raw chunks into text, refusing anything that is not UTF-8 and stopping as soon as
 * `maxBytes` is passed. Breaking out of the loop that consumes this generator ends the
 * `for await` below, which destroys a Readable input: a refused file is not read to its end.
 */
export async function* decodeInput(
  input: IatiInput,
  maxBytes: number,
): AsyncGenerator<DecodedChunk, void, undefined> {
  let bytes = 0;
  let head: Buffer | null = Buffer.alloc(0); // null once the first bytes have been checked
  let carry: Buffer | null = null;
  const fault = (code: InputFault['code'], message: string, text = ''): DecodedChunk => ({
    text,
    bytes,
    fault: { code, message },
  });

  try {
    for await (const raw of input as AsyncIterable<unknown>) {
      const chunk = toBuffer(raw);
      bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
      if (bytes > maxBytes) {
        yield fault('xml.too_large', `the file is larger than the limit of ${maxBytes} bytes`);
        return;
      }
      if (typeof chunk === 'string') {
        // Already decoded by the caller; only a leading byte order mark needs dropping.
        const text = head !== null ? chunk.replace(/^\uFEFF/, '') : chunk;
        head = null;
        yield { text, bytes, fault: null };
        continue;
      }
      let buf: Buffer = carry ? Buffer.concat([carry, chunk]) : chunk;
      carry = null;
      if (head !== null) {
        head = Buffer.concat([head, buf]);
        if (head.length < HEAD_BYTES) continue;
        buf = head;
        head = null;
        const sniffed = sniffEncoding(buf);
        if (sniffed === 'utf-16' || sniffed === 'utf-32') {
          yield fault(
            'xml.encoding',
            `the file is encoded in ${sniffed.toUpperCase()}: save it as UTF-8`,
          );
          return;
        }
        if (sniffed === 'utf-8-bom') buf = buf.subarray(3);
      }
      const tail = incompleteTail(buf);
      const complete = buf.subarray(0, buf.length - tail);
      if (tail > 0) carry = Buffer.from(buf.subarray(buf.length - tail));
      if (!isUtf8(complete)) {
        const at = Math.max(0, firstInvalidUtf8(complete));
        const byte = (complete[at] ?? 0).toString(16).toUpperCase().padStart(2, '0');
        yield fault(
          'xml.encoding',
          `byte 0x${byte} is not valid UTF-8: the file must be saved as UTF-8`,
          complete.subarray(0, at).toString('utf8'),
        );
        return;
      }
      yield { text: complete.toString('utf8'), bytes, fault: null };
    }
  } catch (err) {
    yield fault(
      'xml.read_error',
      `the file could not be read: ${err instanceof Error ? err.message : String(err)}`,
    );
    return;
  }
  if (head !== null && head.length > 0) {
    // A file shorter than the sniffing window.
    const text = head.toString('utf8');
    if (!isUtf8(head)) {
      yield fault('xml.encoding', 'the file is not valid UTF-8');
      return;
    }
    yield { text, bytes, fault: null };
  }
  if (carry) yield fault('xml.encoding', 'the file ends in the middle of a UTF-8 character');
}
