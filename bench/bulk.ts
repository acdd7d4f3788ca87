import type { Queryable } from '../src/server/db/db.js';

export type Cell = string | number | boolean | null;

export interface Column {
  name: string;
  /** The SQL type the text value is cast to: uuid, jsonb, int2, date, numeric … */
  type: string;
}

/**
 * One INSERT for many rows: each column travels as one text[] parameter and is cast on the way
 * in, so neither driver has to guess array element types (PGlite and node-postgres serialise
 * jsonb[] differently) and the statement has a fixed number of parameters whatever the batch size.
 */
export async function insertMany(
  db: Queryable,
  table: string,
  columns: readonly Column[],
  rows: readonly (readonly Cell[])[],
): Promise<void> {
  if (rows.length === 0) return;
  const arrays: (string | null)[][] = columns.map(() => []);
  for (const row of rows) {
    if (row.length !== columns.length) {
      throw new Error(`${table}: a row has ${row.length} values for ${columns.length} columns`);
    }
    row.forEach((value, i) => arrays[i]?.push(value === null ? null : String(value)));
  }
  const names = columns.map((c) => `"${c.name}"`).join(', ');
  const casts = columns.map((c) => `t."${c.name}"::${c.type}`).join(', ');
  const unnest = columns.map((_, i) => `$${i + 1}::text[]`).join(', ');
  await db.query(
    `insert into ${table} (${names}) select ${casts} from unnest(${unnest}) as t(${names})`,
    arrays,
  );
}
