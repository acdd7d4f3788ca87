/**
 * Streaming IATI documents: the root element goes out at once, then each activity (or
 * organisation) as the source yields it, waiting for the sink to drain whenever it asks to.
 * Memory stays at one item plus the sink's buffer, whatever the number of items.
 */
import type { IatiActivity, IatiProblem } from '../iati.model.js';
import { renderActivity } from './activity.js';
import { WriteContext } from './context.js';
import { IatiExportError } from './errors.js';
import { renderOrganisation, type IatiOrganisation } from './organisation.js';
import { chunkWriter, type XmlSink } from './sink.js';
import { dateTimeAttr, uriAttr } from './typed.js';
import { attr, XML_DECLARATION } from './xml.js';

export type { XmlSink } from './sink.js';

export interface WriteIatiOptions<T> {
  /** generated-datetime of the root element, an xsd:dateTime such as 2026-11-25T09:00:00Z. */
  generatedAt: string;
  version?: '2.03';
  /**
   * Called with the problems of each item that has any. When given, an item the schema would
   * reject is skipped (and reported here); without it, such an item fails the whole write with
   * an IatiExportError, leaving a truncated document in the sink.
   */
  onProblems?: (problems: readonly IatiProblem[], item: T) => void;
}

export interface WriteIatiActivitiesOptions extends WriteIatiOptions<IatiActivity> {
  /** linked-data-default of `<iati-activities>`, an xsd:anyURI. */
  linkedDataDefault?: string;
}

type Rendered = { xml: string; ctx: WriteContext };

async function writeDocument<T>(
  source: AsyncIterable<T> | Iterable<T>,
  sink: XmlSink,
  root: { open: string; close: string },
  render: (item: T) => Rendered,
  onProblems: WriteIatiOptions<T>['onProblems'],
): Promise<{ written: number; skipped: number; bytes: number }> {
  const out = chunkWriter(sink);
  let bytes = 0;
  let written = 0;
  let skipped = 0;
  const emit = async (chunk: string) => {
    bytes += Buffer.byteLength(chunk, 'utf8');
    await out.write(chunk);
  };
  try {
    await emit(root.open);
    for await (const item of source) {
      const { xml, ctx } = render(item);
      if (ctx.problems.length > 0 && onProblems) onProblems(ctx.problems, item);
      if (ctx.blocked) {
        if (!onProblems) throw new IatiExportError(ctx.problems);
        skipped++;
        continue;
      }
      await emit(`${xml}\n`);
      written++;
    }
    await emit(root.close);
  } finally {
    out.done();
  }
  return { written, skipped, bytes };
}

/** The root's attributes, checked before anything is written. */
function rootAttrs(version: string, generatedAt: string, linkedDataDefault?: string): string {
  const ctx = new WriteContext('', null);
  const attrs =
    attr('version', version) +
    dateTimeAttr(ctx, 'generated-datetime', generatedAt) +
    uriAttr(ctx, 'linked-data-default', linkedDataDefault ?? null);
  if (ctx.blocked) throw new IatiExportError(ctx.problems);
  return attrs;
}

/**
 * Writes an IATI 2.03 activity file. Does not end the sink: end it (and await 'finish') to know
 * the bytes reached their destination. `activities: 0` means the document is not valid IATI
 * (the schema wants at least one activity): do not publish it.
 */
export async function writeIatiActivities(
  source: AsyncIterable<IatiActivity> | Iterable<IatiActivity>,
  sink: XmlSink,
  opts: WriteIatiActivitiesOptions,
): Promise<{ activities: number; bytes: number; skipped: number }> {
  const attrs = rootAttrs(opts.version ?? '2.03', opts.generatedAt, opts.linkedDataDefault);
  const root = {
    open: `${XML_DECLARATION}<iati-activities${attrs}>\n`,
    close: '</iati-activities>\n',
  };
  const r = await writeDocument(source, sink, root, renderActivity, opts.onProblems);
  return { activities: r.written, bytes: r.bytes, skipped: r.skipped };
}

/** Writes an IATI 2.03 organisation file; the same contract as writeIatiActivities. */
export async function writeIatiOrganisations(
  source: AsyncIterable<IatiOrganisation> | Iterable<IatiOrganisation>,
  sink: XmlSink,
  opts: WriteIatiOptions<IatiOrganisation>,
): Promise<{ organisations: number; bytes: number; skipped: number }> {
  const attrs = rootAttrs(opts.version ?? '2.03', opts.generatedAt);
  const root = {
    open: `${XML_DECLARATION}<iati-organisations${attrs}>\n`,
    close: '</iati-organisations>\n',
  };
  const r = await writeDocument(source, sink, root, renderOrganisation, opts.onProblems);
  return { organisations: r.written, bytes: r.bytes, skipped: r.skipped };
}
