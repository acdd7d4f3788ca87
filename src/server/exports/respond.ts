import { PassThrough, Readable } from 'node:stream';
import type { Context } from 'hono';
import {
  csvLines,
  TABULAR_CONTENT_TYPES,
  writeXlsx,
  type Column,
  type TabularFormat,
  type TabularRow,
  type TabularRows,
  untilDrained,
} from './tabular.js';

/**
 * `Content-Disposition` for a download: an ASCII `filename` for old clients and the exact name as
 * RFC 5987 `filename*` (UTF-8, percent-encoded), so "Preševo – izveštaj.csv" survives.
 */
export function contentDisposition(
  fileName: string,
  kind: 'attachment' | 'inline' = 'attachment',
): string {
  const ascii =
    fileName
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^\x20-\x7e]/g, '_')
      .replace(/["\\]/g, '_') || 'download';
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

export interface RespondTabularOptions {
  /** Header language: a locale tag such as `sq`, `sr-Latn`, `sr-Cyrl` or `en` (the default). */
  locale?: string;
  /** The XLSX sheet's name (defaults to the file name). */
  sheetName?: string;
}

/** Bytes CSV lines are gathered into before they go out. */
const CSV_CHUNK = 16 * 1024;

/**
 * Streams a table as a CSV or XLSX download. Rows are pulled from `rows` only as fast as the
 * client reads, so memory stays flat whatever the length; if the client goes away, the row
 * source is closed (its `finally` blocks run). `name` is the file name without extension.
 *
 * ```ts
 * return respondTabular(c, 'xlsx', 'totals-2026', columns, generateRows(), { locale: 'sq' });
 * ```
 *
 * The first row is read before the response starts, so a failure there (a filter naming an
 * unknown municipality, a permission check) becomes the usual JSON error with its status. Once
 * streaming has begun, a failure ends the download early.
 */
export async function respondTabular(
  c: Context,
  format: TabularFormat,
  name: string,
  columns: readonly Column[],
  rows: TabularRows,
  options: RespondTabularOptions = {},
): Promise<Response> {
  const locale = options.locale ?? 'en';
  const primed = await primeRows(rows);
  const body =
    format === 'csv'
      ? csvStream(columns, primed, locale)
      : xlsxStream(columns, primed, locale, options.sheetName ?? name);
  c.header('Content-Type', TABULAR_CONTENT_TYPES[format]);
  c.header('Content-Disposition', contentDisposition(`${name}.${format}`));
  c.header('Cache-Control', 'no-store');
  c.header('X-Content-Type-Options', 'nosniff');
  return c.body(body);
}

/** Reads the first row now; the iterable returned yields it and then the rest, lazily. */
export async function primeRows(rows: TabularRows): Promise<AsyncIterable<TabularRow>> {
  const it: AsyncIterator<TabularRow> =
    Symbol.asyncIterator in rows ? rows[Symbol.asyncIterator]() : fromSync(rows);
  const first = await it.next();
  return {
    [Symbol.asyncIterator]() {
      let pending: IteratorResult<TabularRow> | null = first;
      return {
        next: () => {
          if (pending) {
            const r = pending;
            pending = null;
            return Promise.resolve(r);
          }
          return it.next();
        },
        return: async () => {
          pending = null;
          await it.return?.();
          return { done: true, value: undefined };
        },
      };
    },
  };
}

function fromSync(rows: Iterable<TabularRow>): AsyncIterator<TabularRow> {
  const it = rows[Symbol.iterator]();
  return {
    next: () => Promise.resolve(it.next()),
    return: () => Promise.resolve(it.return?.() ?? { done: true, value: undefined }),
  };
}

/** CSV as a pull stream: each read takes rows until a chunk is full. */
export function csvStream(
  columns: readonly Column[],
  rows: TabularRows,
  locale = 'en',
): ReadableStream<Uint8Array> {
  const lines = csvLines(columns, rows, { locale });
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        let chunk = '';
        while (chunk.length < CSV_CHUNK) {
          const next = await lines.next();
          if (next.done) {
            if (chunk) controller.enqueue(encoder.encode(chunk));
            controller.close();
            return;
          }
          chunk += next.value;
        }
        controller.enqueue(encoder.encode(chunk));
      },
      async cancel() {
        await lines.return(undefined);
      },
    },
    { highWaterMark: 0 },
  );
}

/**
 * XLSX through exceljs' streaming writer into a pass-through whose buffer gives back-pressure:
 * after each row the writer waits while the client is behind.
 */
export function xlsxStream(
  columns: readonly Column[],
  rows: TabularRows,
  locale = 'en',
  sheetName = 'Sheet1',
): ReadableStream<Uint8Array> {
  const sink = new PassThrough({ highWaterMark: 64 * 1024 });
  // The client went away when the pass-through closed before the workbook was complete.
  const afterRow = async () => {
    await untilDrained(sink);
    if (sink.destroyed) throw new ExportCancelled();
  };
  writeXlsx(columns, rows, sink, { locale, sheetName, afterRow }).catch((err: unknown) => {
    if (!(err instanceof ExportCancelled)) {
      console.error(err);
      sink.destroy(err instanceof Error ? err : new Error(String(err)));
    }
  });
  return Readable.toWeb(sink) as ReadableStream<Uint8Array>;
}

class ExportCancelled extends Error {}
