/**
 * Byte-level UTF-8 helpers. Node's decoders replace bad bytes silently and TextDecoder's fatal
 * mode does not say where it failed, so the reader validates with `buffer.isUtf8` (fast, native)
 * and only calls `firstInvalidUtf8` to point at the offending byte once a chunk has failed.
 */

/** Bytes at the end of `buf` that start a character continuing in the next chunk (0–3). */
export function incompleteTail(buf: Uint8Array): number {
  const n = buf.length;
  for (let back = 1; back <= Math.min(3, n); back++) {
    const b = buf[n - back] ?? 0;
    if ((b & 0xc0) === 0x80) continue; // continuation byte: keep looking for the lead byte
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return need > back ? back : 0;
  }
  return 0; // three continuation bytes in a row: complete or invalid, the validator decides
}

function continuation(buf: Uint8Array, i: number): boolean {
  const b = buf[i];
  return b !== undefined && (b & 0xc0) === 0x80;
}

/**
 * Offset of the first byte that does not start a well-formed UTF-8 sequence (overlong forms,
 * surrogates and code points above U+10FFFF are ill-formed), or -1 when all of `buf` is valid.
 */
export function firstInvalidUtf8(buf: Uint8Array): number {
  let i = 0;
  const n = buf.length;
  while (i < n) {
    const b = buf[i] ?? 0;
    if (b < 0x80) {
      i++;
      continue;
    }
    const b1 = buf[i + 1] ?? -1;
    if (b >= 0xc2 && b <= 0xdf) {
      if (!continuation(buf, i + 1)) return i;
      i += 2;
    } else if (b >= 0xe0 && b <= 0xef) {
      const lo = b === 0xe0 ? 0xa0 : 0x80;
      const hi = b === 0xed ? 0x9f : 0xbf;
      if (b1 < lo || b1 > hi || !continuation(buf, i + 2)) return i;
      i += 3;
    } else if (b >= 0xf0 && b <= 0xf4) {
      const lo = b === 0xf0 ? 0x90 : 0x80;
      const hi = b === 0xf4 ? 0x8f : 0xbf;
      if (b1 < lo || b1 > hi || !continuation(buf, i + 2) || !continuation(buf, i + 3)) return i;
      i += 4;
    } else {
      return i;
    }
  }
  return -1;
}

/** What the first bytes of a file say about its encoding, before any XML is read. */
export function sniffEncoding(head: Uint8Array): 'utf-8' | 'utf-8-bom' | 'utf-16' | 'utf-32' {
  const [a, b, c, d] = [head[0], head[1], head[2], head[3]];
  if (a === 0xef && b === 0xbb && c === 0xbf) return 'utf-8-bom';
  if (
    (a === 0 && b === 0 && c === 0xfe && d === 0xff) ||
    (a === 0xff && b === 0xfe && c === 0 && d === 0)
  )
    return 'utf-32';
  if ((a === 0xfe && b === 0xff) || (a === 0xff && b === 0xfe)) return 'utf-16';
  // "<?" written in UTF-16 without a byte order mark.
  if ((a === 0 && b === 0x3c) || (a === 0x3c && b === 0)) return 'utf-16';
  return 'utf-8';
}
