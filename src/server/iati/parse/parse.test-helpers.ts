/** Shared by the parser's tests: fixtures, in-memory inputs and a collecting parse. */
import { projectPath } from '../../paths.js';
import type { IatiProblem } from '../iati.model.js';
import { parseIati, type ParsedActivity, type ParseOptions, type ParseSummary } from './parse.js';

export const FIXTURES = projectPath('tests', 'fixtures', 'iati');

/** A string as a stream of UTF-8 chunks of `size` bytes (so characters get split across chunks). */
export async function* chunked(text: string | Buffer, size = 64 * 1024): AsyncGenerator<Buffer> {
  const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  for (let i = 0; i < bytes.length; i += size) {
    await Promise.resolve();
    yield bytes.subarray(i, i + size);
  }
}

export interface Collected {
  activities: ParsedActivity[];
  summary: ParseSummary;
}

export async function collect(
  input: Parameters<typeof parseIati>[0],
  opts: ParseOptions = {},
): Promise<Collected> {
  const run = parseIati(input, opts);
  const activities: ParsedActivity[] = [];
  for (;;) {
    const next = await run.next();
    if (next.done) return { activities, summary: next.value };
    activities.push(next.value);
  }
}

export function parseText(xml: string, opts: ParseOptions = {}, chunkSize?: number) {
  return collect(chunked(xml, chunkSize), opts);
}

/** A 2.03 file around the given activities. */
export function iatiFile(activities: string, rootAttrs = 'version="2.03"'): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<iati-activities ${rootAttrs}>\n${activities}\n</iati-activities>\n`;
}

/** A small activity valid against the Standard ruleset; `extra` is added before the closing tag. */
export function goodActivity(id = 'XM-DAC-41114-1', extra = ''): string {
  return `<iati-activity xml:lang="en" default-currency="EUR" last-updated-datetime="2020-01-01T00:00:00">
  <iati-identifier>${id}</iati-identifier>
  <reporting-org ref="XM-DAC-41114" type="40"><narrative>UNDP</narrative></reporting-org>
  <title><narrative>Water for Preševo</narrative></title>
  <description type="1"><narrative>Wells.</narrative></description>
  <participating-org role="1" ref="XM-DAC-41114" type="40"/>
  <activity-status code="2"/>
  <activity-date type="2" iso-date="2019-01-01"/>
  <recipient-country code="RS"/>
  <sector vocabulary="1" code="14030"/>
  ${extra}
</iati-activity>`;
}

export function codes(problems: readonly IatiProblem[]): string[] {
  return problems.map((p) => p.code);
}
