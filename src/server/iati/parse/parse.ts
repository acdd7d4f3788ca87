import type { IatiProblem } from '../iati.model.js';
import { buildActivity, newBuildContext } from './build.activity.js';
import { DuplicateFinder } from './duplicates.js';
import { decodeInput, type IatiInput } from './input.js';
import type { ParsedActivity, ParseOptions, ParseSummary } from './parse.types.js';
import { isCritical, mergeProblems } from './problems.js';
import { validateActivity } from './validate.js';
import { XmlReader, type RawActivity } from './xml.reader.js';

export type { IatiInput } from './input.js';
export type { IatiFileInfo, ParsedActivity, ParseOptions, ParseSummary } from './parse.types.js';

const DEFAULTS = {
  maxBytes: 2 * 1024 ** 3,
  maxDepth: 20,
  maxActivityChars: 32 * 1024 ** 2,
  fallbackLang: 'en',
};

/**
 * Reads an IATI 2.0x activity file as a stream and yields one activity at a time, with its
 * original XML and its problems; memory stays bounded by the largest activity whatever the file
 * size. The generator's return value is the file summary (for-await loops drop it: use
 * `readIati` to get it). A critical file problem (DOCTYPE, bad encoding, truncation…) stops
 * reading at once; activities yielded before it were complete and well-formed.
 */
export async function* parseIati(
  input: IatiInput,
  opts: ParseOptions = {},
): AsyncGenerator<ParsedActivity, ParseSummary, undefined> {
  const o = { ...DEFAULTS, ...opts };
  const reader = new XmlReader({ maxDepth: o.maxDepth, maxNodeChars: o.maxActivityChars });
  const duplicates = new DuplicateFinder();
  let bytes = 0;
  let announced = false;

  const finish = (raw: RawActivity): ParsedActivity => {
    const ctx = newBuildContext(raw.root, reader.file?.lang ?? null, o.fallbackLang);
    const activity = buildActivity(raw.root, ctx);
    let problems: IatiProblem[] = [...raw.problems, ...ctx.problems];
    if (o.validate) {
      const found = validateActivity(activity, {
        codelists: o.validate.codelists,
        now: o.validate.now,
        positions: raw.positions,
        position: raw.position,
      });
      problems = mergeProblems(problems, found);
    }
    const duplicate = duplicates.check(activity.identifier, raw.position);
    if (duplicate) problems.push(duplicate);
    const id = activity.identifier === '' ? null : activity.identifier;
    for (const p of problems) p.activity = id;
    return { activity, position: raw.position, xml: raw.xml, problems, positions: raw.positions };
  };

  for await (const chunk of decodeInput(input, o.maxBytes)) {
    bytes = chunk.bytes;
    reader.write(chunk.text);
    if (chunk.fault) reader.fail(chunk.fault.code, chunk.fault.message);
    if (!announced && reader.file) {
      announced = true;
      o.onFile?.(reader.file);
    }
    for (const raw of reader.ready.splice(0)) yield finish(raw);
    o.onProgress?.(bytes, reader.activities);
    if (reader.stopped) break; // ends the for-await, which stops (and destroys) the input
  }
  reader.end();
  for (const raw of reader.ready.splice(0)) yield finish(raw);
  return {
    file: reader.file,
    problems: reader.problems,
    activities: reader.activities,
    bytes,
    complete: !isCritical(reader.problems),
  };
}

/** parseIati for callers that want a callback per activity and the summary at the end. */
export async function readIati(
  input: IatiInput,
  onActivity: (parsed: ParsedActivity) => void | Promise<void>,
  opts: ParseOptions = {},
): Promise<ParseSummary> {
  const run = parseIati(input, opts);
  for (;;) {
    const next = await run.next();
    if (next.done) return next.value;
    try {
      await onActivity(next.value);
    } catch (err) {
      await run.throw(err); // closes the input, then rethrows
      throw err;
    }
  }
}
