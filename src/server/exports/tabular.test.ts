import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { contentDisposition, csvStream, primeRows, xlsxStream } from './respond.js';
import { csvCellText, csvLines, quoteCsv, type Column, type TabularRow } from './tabular.js';

const COLUMNS: Column[] = [
  { key: 'name', header: { en: 'Name', sq: 'Emri', 'sr-Latn': 'Naziv' }, type: 'text' },
  { key: 'people', header: { en: 'People' }, type: 'number' },
  { key: 'amount', header: { en: 'Amount' }, type: 'decimal' },
  { key: 'start', header: { en: 'Start' }, type: 'date' },
];

async function collect(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>)
    parts.push(Buffer.from(chunk));
  return Buffer.concat(parts);
}

function* counted(total: number, state: { pulled: number; closed: boolean }) {
  try {
    for (let i = 0; i < total; i++) {
      state.pulled++;
      yield {
        name: createHash('sha256').update(String(i)).digest('hex'),
        people: i,
        amount: `${i}.50`,
        start: '2024-03-01',
      } satisfies TabularRow;
    }
  } finally {
    state.closed = true;
  }
}

describe('CSV', () => {
  it('starts with a UTF-8 BOM and ends lines with CRLF', async () => {
    const bytes = await collect(csvStream(COLUMNS, [{ name: 'a', people: 1 }]));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(3).toString('utf8')).toBe('Name,People,Amount,Start\r\na,1,,\r\n');
  });

  it('quotes commas, quotes and line breaks as RFC 4180 says', () => {
    expect(quoteCsv('plain')).toBe('plain');
    expect(quoteCsv('a,b')).toBe('"a,b"');
    expect(quoteCsv('say "hi"')).toBe('"say ""hi"""');
    expect(quoteCsv('two\nlines')).toBe('"two\nlines"');
    expect(quoteCsv('cr\rhere')).toBe('"cr\rhere"');
    expect(quoteCsv('a;b', ';')).toBe('"a;b"');
  });

  it('keeps text that a spreadsheet would run as a formula from running', () => {
    expect(csvCellText('text', '=HYPERLINK("http://x")')).toBe(`'=HYPERLINK("http://x")`);
    expect(csvCellText('text', '+381 17 123')).toBe(`'+381 17 123`);
    expect(csvCellText('text', '-5')).toBe(`'-5`);
    expect(csvCellText('text', '@SUM(A1)')).toBe(`'@SUM(A1)`);
    expect(csvCellText('text', 'Preševo')).toBe('Preševo');
    // Numbers in number and decimal columns are numbers, so a minus sign stays.
    expect(csvCellText('decimal', '-1250.75')).toBe('-1250.75');
    expect(csvCellText('number', -3)).toBe('-3');
    // A value that is not a decimal in a decimal column is guarded like text.
    expect(csvCellText('decimal', '=1+1')).toBe(`'=1+1`);
  });

  it('writes dates as YYYY-MM-DD and empty cells for missing values', () => {
    expect(csvCellText('date', '2026-11-25T10:11:12.000Z')).toBe('2026-11-25');
    expect(csvCellText('date', new Date('2001-05-01T00:00:00Z'))).toBe('2001-05-01');
    expect(csvCellText('date', null)).toBe('');
    expect(csvCellText('text', undefined)).toBe('');
    expect(csvCellText('text', ['a', 'b'])).toBe('a; b');
  });

  it('round-trips Albanian and Cyrillic text and uses the header language asked for', async () => {
    const rows = [{ name: 'Komuna e Preshevës, Bujanoc – çdo ë' }, { name: 'Прешево "Медвеђа"' }];
    const text = (await collect(csvStream(COLUMNS, rows, 'sq'))).toString('utf8');
    expect(text).toBe(
      '\uFEFFEmri,People,Amount,Start\r\n' +
        '"Komuna e Preshevës, Bujanoc – çdo ë",,,\r\n' +
        '"Прешево ""Медвеђа""",,,\r\n',
    );
    const sr = [];
    for await (const line of csvLines(COLUMNS, [], { locale: 'sr-Latn' })) sr.push(line);
    expect(sr).toEqual(['\uFEFFNaziv,People,Amount,Start\r\n']);
  });

  it('pulls rows only as the reader reads, and closes the source when the reader stops', async () => {
    const state = { pulled: 0, closed: false };
    const total = 100_000;
    const reader = csvStream(COLUMNS, counted(total, state)).getReader();
    const first = await reader.read();
    expect(first.done).toBe(false);
    const afterOne = state.pulled;
    expect(afterOne).toBeGreaterThan(0);
    expect(afterOne).toBeLessThan(total / 10);
    await reader.read();
    expect(state.pulled).toBeGreaterThan(afterOne);
    expect(state.pulled).toBeLessThan(total / 10);
    await reader.cancel();
    expect(state.closed).toBe(true);
    expect(state.pulled).toBeLessThan(total);
  });
});

describe('XLSX', () => {
  it('opens in exceljs with a header row, numbers as numbers and dates as dates', async () => {
    const rows: TabularRow[] = [
      { name: 'Медвеђа – Medvegjë', people: 120, amount: '1250000.50', start: '2019-06-01' },
      { name: '=1+1', people: null, amount: '-3', start: null },
    ];
    const bytes = await collect(xlsxStream(COLUMNS, rows, 'sq', 'Activities'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('Activities');
    if (!sheet) throw new Error('sheet missing');
    expect(sheet.getRow(1).values).toEqual([undefined, 'Emri', 'People', 'Amount', 'Start']);
    expect(sheet.getRow(1).font.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const r2 = sheet.getRow(2);
    expect(r2.getCell(1).value).toBe('Медвеђа – Medvegjë');
    expect(r2.getCell(2).value).toBe(120);
    expect(r2.getCell(3).value).toBe(1250000.5);
    expect(r2.getCell(4).value).toEqual(new Date('2019-06-01T00:00:00Z'));
    expect(r2.getCell(4).numFmt).toBe('yyyy-mm-dd');
    const r3 = sheet.getRow(3);
    // In XLSX a text cell is text, never a formula.
    expect(r3.getCell(1).value).toBe('=1+1');
    expect(r3.getCell(1).type).toBe(ExcelJS.ValueType.String);
    expect(r3.getCell(3).value).toBe(-3);
    expect(sheet.rowCount).toBe(3);
  });

  it('waits for the reader instead of writing every row ahead', async () => {
    const state = { pulled: 0, closed: false };
    const total = 200_000;
    const reader = xlsxStream(COLUMNS, counted(total, state)).getReader();
    await reader.read();
    // Let the writer run until it blocks on the unread output.
    let before = -1;
    while (before !== state.pulled) {
      before = state.pulled;
      for (let i = 0; i < 50; i++) await new Promise((r) => setImmediate(r));
    }
    expect(state.pulled).toBeLessThan(total);
    await reader.cancel();
  });
});

describe('XLSX of many rows', () => {
  it('streams every row through to a workbook that reads back whole', async () => {
    const state = { pulled: 0, closed: false };
    const total = 5_000;
    const bytes = await collect(xlsxStream(COLUMNS, counted(total, state)));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0];
    expect(sheet?.rowCount).toBe(total + 1);
    expect(sheet?.getRow(total + 1).getCell(2).value).toBe(total - 1);
    expect(sheet?.getRow(total + 1).getCell(3).value).toBe(total - 1 + 0.5);
    expect(state.closed).toBe(true);
  });
});

describe('primeRows', () => {
  it('reads the first row at once, so its error comes before the response', async () => {
    async function* failing(): AsyncGenerator<TabularRow> {
      yield* [];
      await Promise.resolve();
      throw new Error('unknown municipality');
    }
    await expect(primeRows(failing())).rejects.toThrow('unknown municipality');
    const seen: unknown[] = [];
    for await (const r of await primeRows([{ a: 1 }, { a: 2 }])) seen.push(r.a);
    expect(seen).toEqual([1, 2]);
  });
});

describe('contentDisposition', () => {
  it('gives an ASCII name and the exact UTF-8 name (RFC 5987)', () => {
    expect(contentDisposition('Preševo izveštaj (2026).csv')).toBe(
      `attachment; filename="Presevo izvestaj (2026).csv"; filename*=UTF-8''Pre%C5%A1evo%20izve%C5%A1taj%20%282026%29.csv`,
    );
    expect(contentDisposition('Прешево.pdf', 'inline')).toBe(
      `inline; filename="_______.pdf"; filename*=UTF-8''%D0%9F%D1%80%D0%B5%D1%88%D0%B5%D0%B2%D0%BE.pdf`,
    );
  });
});
