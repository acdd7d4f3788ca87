import { describe, expect, it } from 'vitest';
import { firstInvalidUtf8, incompleteTail, sniffEncoding } from './utf8.js';

const bytes = (...b: number[]) => Uint8Array.from(b);

describe('UTF-8 helpers', () => {
  it('finds the first ill-formed sequence', () => {
    expect(firstInvalidUtf8(Buffer.from('Preševo 😀 ë'))).toBe(-1);
    expect(firstInvalidUtf8(bytes(0x41, 0xff, 0x41))).toBe(1);
    expect(firstInvalidUtf8(bytes(0x41, 0xc0, 0xaf))).toBe(1); // overlong "/"
    expect(firstInvalidUtf8(bytes(0xed, 0xa0, 0x80))).toBe(0); // a UTF-16 surrogate
    expect(firstInvalidUtf8(bytes(0xf4, 0x90, 0x80, 0x80))).toBe(0); // above U+10FFFF
    expect(firstInvalidUtf8(bytes(0x41, 0xc5, 0x41))).toBe(1); // missing continuation
    expect(firstInvalidUtf8(Buffer.from('é', 'latin1'))).toBe(0);
  });

  it('measures a character cut at the end of a chunk', () => {
    const s = Buffer.from('ab😀');
    expect(incompleteTail(s)).toBe(0);
    expect(incompleteTail(s.subarray(0, 3))).toBe(1);
    expect(incompleteTail(s.subarray(0, 5))).toBe(3);
    expect(incompleteTail(Buffer.from('aš').subarray(0, 2))).toBe(1);
  });

  it('recognises byte order marks and UTF-16 without one', () => {
    expect(sniffEncoding(bytes(0xef, 0xbb, 0xbf, 0x3c))).toBe('utf-8-bom');
    expect(sniffEncoding(bytes(0xff, 0xfe, 0x3c, 0x00))).toBe('utf-16');
    expect(sniffEncoding(bytes(0x00, 0x3c, 0x00, 0x3f))).toBe('utf-16');
    expect(sniffEncoding(bytes(0xff, 0xfe, 0x00, 0x00))).toBe('utf-32');
    expect(sniffEncoding(Buffer.from('<?xm'))).toBe('utf-8');
  });
});
