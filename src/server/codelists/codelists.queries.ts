import type { Queryable } from '../db/db.js';

export async function selectCodes(db: Queryable, codelist: string): Promise<string[]> {
  const rows = await db.query<{ code: string }>(
    'select code from codelist_item where codelist = $1',
    [codelist],
  );
  return rows.map((r) => r.code);
}

export interface CodelistItemRow {
  [key: string]: unknown;
  codelist: string;
  code: string;
  name: Record<string, string>;
  description: Record<string, string>;
  category: string | null;
  status: 'active' | 'withdrawn';
  extra: Record<string, unknown>;
}

export async function selectItems(db: Queryable, codelist: string): Promise<CodelistItemRow[]> {
  return db.query<CodelistItemRow>(
    'select * from codelist_item where codelist = $1 order by code',
    [codelist],
  );
}

// ---- Loading (codelists.load.ts) ----

export interface CodelistState {
  [key: string]: unknown;
  name: string;
  version: string;
  item_count: number;
}

export async function selectCodelistStates(db: Queryable): Promise<CodelistState[]> {
  return db.query<CodelistState>(
    `select c.name, c.version, (select count(*) from codelist_item i where i.codelist = c.name)::int as item_count
     from codelist c`,
  );
}

/** A constant key so that processes loading at the same time (app servers, test workers) take turns. */
const LOAD_LOCK_KEY = 7_311_2002;

export async function lockCodelistLoad(tx: Queryable): Promise<void> {
  await tx.query('select pg_advisory_xact_lock($1)', [LOAD_LOCK_KEY]);
}

export interface CodelistWrite {
  name: string;
  version: string;
  embedded: boolean;
  complete: boolean;
  source: string;
}

export interface CodelistItemWrite {
  codelist: string;
  code: string;
  name: Record<string, string>;
  description: Record<string, string>;
  category: string | null;
  status: 'active' | 'withdrawn';
  extra: Record<string, unknown>;
}

/*
 * Rows travel as one JSON document per statement and are unpacked by jsonb_to_recordset: one
 * round trip for hundreds of rows, the same SQL on PGlite and PostgreSQL, and no array-literal
 * escaping of jsonb values.
 */

export async function upsertCodelists(
  tx: Queryable,
  lists: readonly CodelistWrite[],
): Promise<void> {
  if (lists.length === 0) return;
  await tx.query(
    `insert into codelist (name, version, embedded, complete, source, loaded_at)
     select r.name, r.version, r.embedded, r.complete, r.source, now()
     from jsonb_to_recordset($1::jsonb) as r(name text, version text, embedded boolean, complete boolean, source text)
     on conflict (name) do update set version = excluded.version, embedded = excluded.embedded,
       complete = excluded.complete, source = excluded.source, loaded_at = excluded.loaded_at`,
    [JSON.stringify(lists)],
  );
}

export async function deleteCodelistItems(
  tx: Queryable,
  codelists: readonly string[],
): Promise<void> {
  if (codelists.length === 0) return;
  await tx.query('delete from codelist_item where codelist = any($1::text[])', [codelists]);
}

/** Rows per statement: keeps each JSON parameter well under a few MB (descriptions can be long). */
const INSERT_BATCH = 1000;

export async function insertCodelistItems(
  tx: Queryable,
  items: readonly CodelistItemWrite[],
): Promise<void> {
  for (let i = 0; i < items.length; i += INSERT_BATCH) {
    await tx.query(
      `insert into codelist_item (codelist, code, name, description, category, status, extra)
       select r.codelist, r.code, r.name, r.description, r.category, r.status, r.extra
       from jsonb_to_recordset($1::jsonb)
         as r(codelist text, code text, name jsonb, description jsonb, category text, status text, extra jsonb)`,
      [JSON.stringify(items.slice(i, i + INSERT_BATCH))],
    );
  }
}

// ---- Reading (codelists.service.ts) ----

export interface CodelistSummaryRow {
  [key: string]: unknown;
  name: string;
  version: string;
  embedded: boolean;
  complete: boolean;
  source: string;
  loaded_at: string;
  item_count: number;
  active_count: number;
}

const SUMMARY = `select c.name, c.version, c.embedded, c.complete, c.source, c.loaded_at,
    count(i.code)::int as item_count,
    (count(i.code) filter (where i.status = 'active'))::int as active_count
  from codelist c left join codelist_item i on i.codelist = c.name`;

export async function listCodelistSummaries(db: Queryable): Promise<CodelistSummaryRow[]> {
  return db.query<CodelistSummaryRow>(`${SUMMARY} group by c.name order by c.name collate "C"`);
}

export async function findCodelistSummary(
  db: Queryable,
  name: string,
): Promise<CodelistSummaryRow | null> {
  const rows = await db.query<CodelistSummaryRow>(`${SUMMARY} where c.name = $1 group by c.name`, [
    name,
  ]);
  return rows[0] ?? null;
}

export async function selectCodelistItems(
  db: Queryable,
  codelist: string,
  status: 'active' | 'withdrawn' | null,
): Promise<CodelistItemRow[]> {
  return db.query<CodelistItemRow>(
    `select codelist, code, name, description, category, status, extra from codelist_item
     where codelist = $1 and ($2::text is null or status = $2)
     order by code collate "C"`,
    [codelist, status],
  );
}
