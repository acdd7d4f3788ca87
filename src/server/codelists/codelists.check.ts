import type { Database } from '../db/db.js';
import type { FieldIssue } from '../errors.js';
import { selectCodes } from './codelists.queries.js';

/** Codes per codelist, cached per database for the life of the process (codelists change only by a load). */
const cache = new WeakMap<Database, Map<string, Promise<Set<string>>>>();

export function codesOf(db: Database, codelist: string): Promise<Set<string>> {
  let perDb = cache.get(db);
  if (!perDb) {
    perDb = new Map();
    cache.set(db, perDb);
  }
  let codes = perDb.get(codelist);
  if (!codes) {
    codes = selectCodes(db, codelist).then((c) => new Set(c));
    perDb.set(codelist, codes);
  }
  return codes;
}

export function forgetCodelists(db: Database): void {
  cache.delete(db);
}

export interface CodeCheck {
  path: string;
  codelist: string;
  code: string | null | undefined;
}

/** Returns an issue for each code that its codelist does not have. A codelist not loaded checks nothing. */
export async function checkCodes(db: Database, checks: CodeCheck[]): Promise<FieldIssue[]> {
  const out: FieldIssue[] = [];
  for (const c of checks) {
    if (c.code === null || c.code === undefined) continue;
    const codes = await codesOf(db, c.codelist);
    if (codes.size > 0 && !codes.has(c.code)) {
      out.push({
        path: c.path,
        message: `"${c.code}" is not a code of the IATI ${c.codelist} codelist`,
        code: 'unknown_code',
      });
    }
  }
  return out;
}
