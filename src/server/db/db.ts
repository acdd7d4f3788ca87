/**
 * The one database interface the application uses. Two engines implement it — embedded PGlite
 * and a PostgreSQL server through node-postgres — with the same SQL dialect and the same value
 * types, so query modules never know which one they run on.
 */
export type Row = Record<string, unknown>;

export interface Queryable {
  query<T extends Row = Row>(text: string, params?: readonly unknown[]): Promise<T[]>;
  /** Runs several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export type Engine = 'pglite' | 'postgres';

export interface Database extends Queryable {
  readonly engine: Engine;
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Type OIDs whose text form we keep or normalise identically on both engines. */
export const TYPE_OIDS = {
  int8: 20,
  numeric: 1700,
  date: 1082,
  timestamp: 1114,
  timestamptz: 1184,
} as const;

export function toIsoTimestamp(value: string): string {
  // PostgreSQL prints "2026-11-25 09:13:11.123+00"; Date understands it once the space is a T.
  return new Date(value.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00')).toISOString();
}

export const textParsers: Record<number, (value: string) => unknown> = {
  [TYPE_OIDS.int8]: (v) => v,
  [TYPE_OIDS.numeric]: (v) => v,
  [TYPE_OIDS.date]: (v) => v,
  [TYPE_OIDS.timestamp]: (v) => toIsoTimestamp(`${v}+00`),
  [TYPE_OIDS.timestamptz]: (v) => toIsoTimestamp(v),
};
