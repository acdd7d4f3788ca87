import type { Database } from '../db/db.js';
import { NotFoundError } from '../errors.js';
import { pickNarrative, withDerivedScripts } from '../text/index.js';
import {
  findCodelistSummary,
  listCodelistSummaries,
  selectCodelistItems,
  type CodelistItemRow,
  type CodelistSummaryRow,
} from './codelists.queries.js';
import type {
  CodelistItemOut,
  CodelistOut,
  CodelistQuery,
  CodelistSummaryOut,
} from './codelists.schemas.js';

function presentSummary(row: CodelistSummaryRow): CodelistSummaryOut {
  return {
    name: row.name,
    version: row.version,
    embedded: row.embedded,
    complete: row.complete,
    source: row.source,
    loaded_at: row.loaded_at,
    item_count: row.item_count,
    active_count: row.active_count,
  };
}

function presentItem(row: CodelistItemRow, lang: string | undefined): CodelistItemOut {
  const name = withDerivedScripts(row.name);
  const description = withDerivedScripts(row.description);
  const derived = [...new Set([...name.derived, ...description.derived])];
  const item: CodelistItemOut = {
    code: row.code,
    name: name.text,
    description: description.text,
    derived,
    category: row.category,
    status: row.status,
    extra: row.extra,
  };
  // Many non-embedded lists (Country, Currency …) have names only in English, some none at all.
  if (lang !== undefined) item.label = pickNarrative(row.name, [lang, 'en'])?.text ?? row.code;
  return item;
}

// Codes sort as people read them: 2 before 10, "1.2" before "1.10", whatever the engine's collation.
const codeOrder = new Intl.Collator('en', { numeric: true });

export async function listCodelists(db: Database): Promise<CodelistSummaryOut[]> {
  return (await listCodelistSummaries(db)).map(presentSummary);
}

export async function getCodelist(
  db: Database,
  name: string,
  q: CodelistQuery,
): Promise<CodelistOut> {
  const summary = await findCodelistSummary(db, name);
  if (!summary) throw new NotFoundError('Codelist', name);
  const rows = await selectCodelistItems(db, name, q.status ?? null);
  const items = rows
    .map((r) => presentItem(r, q.lang))
    .sort(
      (a, b) =>
        codeOrder.compare(a.code, b.code) || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0),
    );
  const languages = new Set<string>();
  for (const i of items) {
    for (const tag of [...Object.keys(i.name), ...Object.keys(i.description)]) languages.add(tag);
  }
  return { ...presentSummary(summary), languages: [...languages].sort(), items };
}
