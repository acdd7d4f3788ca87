/**
 * Codes for the arbitraries, read from the project's own IATI codelists (data/iati-codelists),
 * so generated activities pass codelist checks as well as the schema.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';

const CODELISTS = new URL('../../../../data/iati-codelists/json/', import.meta.url);

interface CodelistFile {
  items: { code: string; status?: string }[];
}

const cache = new Map<string, string[]>();

/** The active codes of codelist `name`, e.g. 'Sector'. */
export function activeCodes(name: string): string[] {
  let codes = cache.get(name);
  if (!codes) {
    const file = JSON.parse(
      readFileSync(new URL(`${name}.json`, CODELISTS), 'utf8'),
    ) as CodelistFile;
    codes = [...new Set(file.items.filter((i) => i.status !== 'withdrawn').map((i) => i.code))];
    if (codes.length === 0) throw new Error(`codelist ${name} has no active codes`);
    cache.set(name, codes);
  }
  return codes;
}

/** An active code of codelist `name`. */
export function code(name: string): fc.Arbitrary<string> {
  return fc.constantFrom(...activeCodes(name));
}
