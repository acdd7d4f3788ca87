import { readIatiCodelists, type CodelistSource } from '../../codelists/codelists.files.js';
import { IATI_CODELISTS_DIR } from '../../codelists/codelists.sources.js';

/** One codelist as the validator needs it: is it closed, and the status of each code. */
export interface CodelistInfo {
  name: string;
  /** metadata.complete: a code outside a complete list breaks the Standard. */
  complete: boolean;
  codes: ReadonlyMap<string, 'active' | 'withdrawn'>;
}

export type CodelistIndex = ReadonlyMap<string, CodelistInfo>;

export function codelistIndex(sources: readonly CodelistSource[]): CodelistIndex {
  return new Map(
    sources.map((s) => [
      s.name,
      {
        name: s.name,
        complete: s.complete,
        codes: new Map(s.items.map((i) => [i.code, i.status])),
      },
    ]),
  );
}

const cache = new Map<string, CodelistIndex>();

/** The 2.03 codelists shipped in data/iati-codelists/json (read once per directory, ~60 ms). */
export function loadCodelistIndex(dir = IATI_CODELISTS_DIR): CodelistIndex {
  let index = cache.get(dir);
  if (!index) {
    index = codelistIndex(readIatiCodelists(dir));
    cache.set(dir, index);
  }
  return index;
}
