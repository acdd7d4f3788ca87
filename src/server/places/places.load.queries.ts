import type { Queryable } from '../db/db.js';
import type { PlaceKind } from './places.queries.js';

/** One gazetteer place as the upsert takes it: the parent by (kind, code), resolved in SQL. */
export interface PlaceSeed {
  kind: PlaceKind;
  code: string;
  parent_kind: PlaceKind | null;
  parent_code: string | null;
  names: Record<string, string>;
  focus: boolean;
  lat: number | null;
  lon: number | null;
  population: number | null;
  geometry: unknown;
  attributes: Record<string, unknown>;
  search_text: string;
}

export interface SeedChange {
  [key: string]: unknown;
  id: string;
  inserted: boolean;
  /** Both null for an insert: only updates are audited, and the first load inserts hundreds. */
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

/**
 * Upserts many places in one statement: the rows travel as one jsonb array, the parent ids are
 * looked up by (kind, code), and a row is rewritten (version + 1) only when something differs, so
 * a second load writes nothing. Parents must already exist: call once per level, top down.
 * Returns only the rows inserted or changed.
 */
export async function upsertPlaceSeeds(
  db: Queryable,
  seeds: readonly PlaceSeed[],
): Promise<SeedChange[]> {
  if (seeds.length === 0) return [];
  return db.query<SeedChange>(
    `with input as (
       select * from jsonb_to_recordset($1::jsonb) as x(
         kind text, code text, parent_kind text, parent_code text, names jsonb, focus boolean,
         lat double precision, lon double precision, population integer, geometry jsonb,
         attributes jsonb, search_text text)),
     resolved as (
       select i.*, p.id as parent_id
         from input i left join place p on p.kind = i.parent_kind and p.code = i.parent_code),
     old as (
       select o.* from place o join input i on o.kind = i.kind and o.code = i.code),
     up as (
       insert into place as t (kind, code, parent_id, names, focus, lat, lon, population, geometry,
         attributes, search_text)
       select kind, code, parent_id, names, focus, lat, lon, population, geometry, attributes,
              search_text
         from resolved
       on conflict (kind, code) do update set
         parent_id = excluded.parent_id, names = excluded.names, focus = excluded.focus,
         lat = excluded.lat, lon = excluded.lon, population = excluded.population,
         geometry = excluded.geometry, attributes = excluded.attributes,
         search_text = excluded.search_text, version = t.version + 1, updated_at = now()
       where (t.parent_id, t.names, t.focus, t.lat, t.lon, t.population, t.geometry, t.attributes,
              t.search_text)
         is distinct from (excluded.parent_id, excluded.names, excluded.focus, excluded.lat,
              excluded.lon, excluded.population, excluded.geometry, excluded.attributes,
              excluded.search_text)
       returning t.id, t.kind, t.code, t.parent_id, t.names, t.focus, t.lat, t.lon, t.population,
         t.geometry, t.attributes, t.version, t.created_at, t.updated_at)
     select up.id, old.id is null as inserted,
            case when old.id is null then null
                 else to_jsonb(old) - 'search_text' end as before,
            case when old.id is null then null else to_jsonb(up) end as after
       from up left join old on old.id = up.id
      order by up.kind, up.code`,
    [JSON.stringify(seeds)],
  );
}
