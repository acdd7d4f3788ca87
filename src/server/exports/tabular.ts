import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';

/**
 * A generic tabular export: columns that say how to write each value, and rows that arrive one at
 * a time from an async iterable, so a list of any length is written in constant memory. The same
 * description gives CSV (UTF-8 with BOM, CRLF, RFC 4180) and XLSX (exceljs' streaming writer).
 */
export type ColumnType = 'text' | 'number' | 'decimal' | 'date';

/** Headers by locale tag (`en`, `sq`, `sr-Latn`, `sr-Cyrl` …); `en` is the fallback. */
export type Headers = { en: string } & Record<string, string>;

export interface Column {
  /** The row property holding the value. */
  key: string;
  header: Headers;
  /**
   * text: any value, written as text; number: a JS number (or numeric string); decimal: a decimal
   * string such as money ("1234.50"), kept exact in CSV; date: "YYYY-MM-DD", an ISO timestamp or
   * a Date.
   */
  type: ColumnType;
  /** Width in characters for XLSX. */
  width?: number;
}

export type TabularRow = Readonly<Record<string, unknown>>;
export type TabularRows = AsyncIterable<TabularRow> | Iterable<TabularRow>;
export type TabularFormat = 'csv' | 'xlsx';

export const TABULAR_CONTENT_TYPES: Record<TabularFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export function headerFor(column: Column, locale: string): string {
  return column.header[locale] ?? column.header[locale.split('-')[0] ?? ''] ?? column.header.en;
}

const DECIMAL_RE = /^-?\d+(\.\d+)?$/;
const DATE_RE = /^\d{4}-\d{2}-\d{2}/;
/** Cells a spreadsheet would run as a formula (OWASP "CSV injection"). */
const FORMULA_START = /^[=+\-@\t\r]/;

function dateText(value: unknown): string | null {
  if (value instanceof Date)
    return Number.isNaN(value.getTime()) ? null : value.toISOString().slice(0, 10);
  if (typeof value === 'string' && DATE_RE.test(value)) return value.slice(0, 10);
  return null;
}

function plainText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(plainText).join('; ');
  return JSON.stringify(value);
}

/** The text of one CSV cell before quoting. Text that could run as a formula gets a leading '. */
export function csvCellText(type: ColumnType, value: unknown): string {
  if (value === null || value === undefined) return '';
  switch (type) {
    case 'number':
      if (typeof value === 'number' && Number.isFinite(value)) return String(value);
      if (typeof value === 'string' && DECIMAL_RE.test(value)) return value;
      break;
    case 'decimal':
      if (typeof value === 'string' && DECIMAL_RE.test(value)) return value;
      if (typeof value === 'number' && Number.isFinite(value)) return String(value);
      break;
    case 'date': {
      const d = dateText(value);
      if (d !== null) return d;
      break;
    }
    case 'text':
      break;
  }
  const text = plainText(value);
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** RFC 4180: a field with a comma, quote, CR or LF is quoted, and its quotes doubled. */
export function quoteCsv(text: string, delimiter = ','): string {
  if (text.includes('"') || text.includes(delimiter) || /[\r\n]/.test(text))
    return `"${text.replace(/"/g, '""')}"`;
  return text;
}

export interface CsvOptions {
  locale?: string;
  delimiter?: ',' | ';';
}

const BOM = '\uFEFF';

/**
 * CSV text in pieces: the BOM and header line first, then one line per row, pulled from `rows`
 * only as the consumer asks for more.
 */
export async function* csvLines(
  columns: readonly Column[],
  rows: TabularRows,
  options: CsvOptions = {},
): AsyncGenerator<string> {
  const locale = options.locale ?? 'en';
  const d = options.delimiter ?? ',';
  yield BOM + columns.map((c) => quoteCsv(headerFor(c, locale), d)).join(d) + '\r\n';
  for await (const row of rows) {
    yield columns.map((c) => quoteCsv(csvCellText(c.type, row[c.key]), d)).join(d) + '\r\n';
  }
}

// Characters XML 1.0 cannot carry; a spreadsheet cell holds at most 32 767 characters.
// eslint-disable-next-line no-control-regex
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const XLSX_CELL_MAX = 32_767;

/** The value of one XLSX cell: numbers as numbers, dates as dates, everything else as text. */
export function xlsxCellValue(type: ColumnType, value: unknown): string | number | Date | null {
  if (value === null || value === undefined) return null;
  switch (type) {
    case 'number':
    case 'decimal':
      // A spreadsheet holds numbers as doubles whatever the source precision.
      if (typeof value === 'number' && Number.isFinite(value)) return value;
      if (typeof value === 'string' && DECIMAL_RE.test(value)) return Number(value);
      break;
    case 'date': {
      const d = dateText(value);
      if (d !== null) return new Date(`${d}T00:00:00Z`);
      break;
    }
    case 'text':
      break;
  }
  return plainText(value).replace(XML_INVALID, '').slice(0, XLSX_CELL_MAX);
}

const NUMBER_FORMATS: Partial<Record<ColumnType, string>> = { date: 'yyyy-mm-dd' };

export interface XlsxOptions {
  locale?: string;
  sheetName?: string;
  /** Called after each row, to wait while the consumer of `sink` is behind. */
  afterRow?: () => Promise<void> | void;
}

/**
 * Writes an XLSX workbook with one sheet to `sink` as rows arrive: a bold header row, frozen,
 * then each row committed (and released) at once. Strings are written inline, not into a shared
 * table, so memory does not grow with the row count.
 */
export async function writeXlsx(
  columns: readonly Column[],
  rows: TabularRows,
  sink: Writable,
  options: XlsxOptions = {},
): Promise<number> {
  const locale = options.locale ?? 'en';
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: sink,
    useStyles: true,
    useSharedStrings: false,
  });
  const sheet = workbook.addWorksheet(safeSheetName(options.sheetName ?? 'Sheet1'), {
    views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }],
  });
  sheet.columns = columns.map((c) => ({
    key: c.key,
    header: headerFor(c, locale),
    width: c.width ?? (c.type === 'text' ? 30 : 14),
    ...(NUMBER_FORMATS[c.type] ? { style: { numFmt: NUMBER_FORMATS[c.type] } } : {}),
  }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.commit();
  let count = 0;
  for await (const row of rows) {
    sheet.addRow(columns.map((c) => xlsxCellValue(c.type, row[c.key]))).commit();
    count++;
    await compressorCatchUp(sheet);
    await options.afterRow?.();
  }
  sheet.commit();
  await workbook.commit();
  return count;
}

/**
 * exceljs writes a sheet's XML into the zip's compressor without heeding its back-pressure, so
 * the writer waits here while the compressor holds more than its buffer (the compressor in turn
 * waits for the consumer of the output). Reaches into exceljs 4.4.0's worksheet stream, which
 * keeps its consumers in `pipes`; the tests check that rows are still pulled lazily.
 */
/** XML the compressor may hold before the writer waits: small, and few waits per megabyte. */
const COMPRESSOR_BACKLOG = 1024 * 1024;

async function compressorCatchUp(sheet: unknown): Promise<void> {
  const pipes = (sheet as { stream?: { pipes?: unknown[] } }).stream?.pipes ?? [];
  for (const pipe of pipes) if (isWritable(pipe)) await untilDrained(pipe, COMPRESSOR_BACKLOG);
}

interface BufferedWritable {
  writableLength?: number;
  writableHighWaterMark?: number;
  _writableState?: { length: number; highWaterMark: number };
  destroyed?: boolean;
  on(event: string, fn: () => void): unknown;
  off?(event: string, fn: () => void): unknown;
  removeListener(event: string, fn: () => void): unknown;
}

function isWritable(x: unknown): x is BufferedWritable {
  return typeof x === 'object' && x !== null && ('_writableState' in x || 'writableLength' in x);
}

/**
 * Resolves at once when `stream` has room in its buffer, else when it drains, closes or fails.
 * Works for Node's streams and for the older readable-stream copies archiver uses.
 */
export function untilDrained(stream: BufferedWritable | Writable, atLeast = 0): Promise<void> {
  const s = stream as BufferedWritable;
  const length = s.writableLength ?? s._writableState?.length ?? 0;
  const limit = Math.max(
    atLeast,
    s.writableHighWaterMark ?? s._writableState?.highWaterMark ?? 16 * 1024,
  );
  if (s.destroyed || length < limit) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const done = () => {
      for (const e of ['drain', 'close', 'error', 'finish']) s.removeListener(e, done);
      resolve();
    };
    for (const e of ['drain', 'close', 'error', 'finish']) s.on(e, done);
  });
}

function safeSheetName(name: string): string {
  return name.replace(/[[\]*?:/\\]/g, ' ').slice(0, 31) || 'Sheet1';
}
