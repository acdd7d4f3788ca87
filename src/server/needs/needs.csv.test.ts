import { describe, expect, it } from 'vitest';
import { parseCsv } from './needs.csv.js';

describe('CSV reading', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, and numbers lines', () => {
    const rows = parseCsv('\uFEFFa,b,c\r\n"x, y","say ""hi""","two\nlines"\r\n\r\nlast,,\n');
    expect(rows).toEqual([
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['x, y', 'say "hi"', 'two\nlines'] },
      { line: 5, fields: ['last', '', ''] },
    ]);
  });

  it('reads a last line without a line end', () => {
    expect(parseCsv('a,b\n1,2')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['1', '2'] },
    ]);
  });

  it('names the line of a broken quote', () => {
    expect(() => parseCsv('a\n"open')).toThrow(/line 2: a quoted field is not closed/);
    expect(() => parseCsv('a\nx"y"')).toThrow(/line 2: a quote inside an unquoted field/);
    expect(() => parseCsv('"a"b')).toThrow(/line 1: text after a closing quote/);
  });
});
