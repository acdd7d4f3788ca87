import type { Queryable } from '../db/db.js';
import type { Cursor } from '../shared/cursor.js';
import type { AreaGeometry } from './places.geometry.js';

export type PlaceKind = 'country' | 'district' | 'municipality' | 'settlement';

export interface PlaceRow {
  [key: string]: unknown;
  id: string;
  kind: PlaceKind;
  code: string;
  parent_id: string | null;
  names: Record<string, string>;
  focus: boolean;
  lat: number | null;
  lon: number | null;
  population: number | null;
  attributes: Record<string, unknown>;
  version: number;
  created_at: string;
  updated_at: string;
}

export const PLACE_COLUMNS = `id, kind, code, parent_id, names, focus, lat, lon, population, attributes,
  version, created_at, updated_at`;

export async function findPlaceById(db: Queryable, id: string): Promise<PlaceRow | null> {
  const rows = await db.query<PlaceRow>(`select ${PLACE_COLUMNS} from place where id = $1`, [id]);
  return rows[0] ?? null;
}

export async function findPlacesByIds(db: Queryable, ids: readonly string[]): Promise<PlaceRow[]> {
  if (ids.length === 0) return [];
  return db.query<PlaceRow>(`select ${PLACE_COLUMNS} from place where id = any($1::uuid[])`, [ids]);
}

export async function findPlaceByKindCode(
  db: Queryable,
  kind: PlaceKind,
  code: string,
): Promise<PlaceRow | null> {
  const rows = await db.query<PlaceRow>(
    `select ${PLACE_COLUMNS} from place where kind = $1 and code = $2`,
    [kind, code],
  );
  return rows[0] ?? null;
}

/** The municipality each place lies in (itself for a municipality, its parent for a settlement). */
export async function municipalitiesOf(
  db: Queryable,
  placeIds: readonly string[],
): Promise<Map<string, string>> {
  if (placeIds.length === 0) return new Map();
  const rows = await db.query<{ id: string; municipality_id: string }>(
    `with recursive up(id, start_id, kind, parent_id) as (
       select id, id, kind, parent_id from place where id = any($1::uuid[])
       union all
       select p.id, up.start_id, p.kind, p.parent_id from place p join up on p.id = up.parent_id
        where up.kind not in ('municipality', 'district', 'country'))
     select start_id as id, id as municipality_id from up where kind = 'municipality'`,
    [placeIds],
  );
  return new Map(rows.map((r) => [r.id, r.municipality_id]));
}

// ---- below: the places API (list, detail, writes) ----

export interface PlaceDetailRow extends PlaceRow {
  geometry: AreaGeometry | null;
}

const DETAIL_COLUMNS = `${PLACE_COLUMNS}, geometry`;

/**
 * The list order: the Serbian Latin name (else another name, else the code), lower-cased and with
 * the Serbian and Albanian diacritics folded, compared bytewise. "C" makes PGlite and PostgreSQL
 * (whatever its database collation) agree, which keyset cursors need; translate() maps both cases
 * because lower() outside ASCII depends on the database locale.
 */
const SORT_KEY = `lower(translate(
    coalesce(names->>'sr-Latn', names->>'en', names->>'sq', names->>'sr-Cyrl', code),
    'ČĆĐŠŽËÇčćđšžëç', 'ccdszecccdszec')) collate "C"`;

export async function findPlaceDetailById(
  db: Queryable,
  id: string,
): Promise<PlaceDetailRow | null> {
  const rows = await db.query<PlaceDetailRow>(`select ${DETAIL_COLUMNS} from place where id = $1`, [
    id,
  ]);
  return rows[0] ?? null;
}

export async function findPlaceDetailByKindCode(
  db: Queryable,
  kind: PlaceKind,
  code: string,
): Promise<PlaceDetailRow | null> {
  const rows = await db.query<PlaceDetailRow>(
    `select ${DETAIL_COLUMNS} from place where kind = $1 and code = $2`,
    [kind, code],
  );
  return rows[0] ?? null;
}

export interface PlaceFilter {
  foldedQ: string | null;
  kinds: PlaceKind[] | null;
  parentId: string | null;
  /** The municipality itself and the settlements in it. */
  municipalityId: string | null;
  focus: boolean | null;
  withGeometry: boolean;
  cursor: Cursor | null;
  limit: number;
}

export type PlaceListRow = PlaceRow & { geometry?: AreaGeometry | null; sort_key: string };

/** One page plus one row, so the caller knows whether there is a next page. */
export async function listPlaces(db: Queryable, f: PlaceFilter): Promise<PlaceListRow[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  if (f.foldedQ) where.push(`search_text like ${p(`%${f.foldedQ}%`)}`);
  if (f.kinds) where.push(`kind = any(${p(f.kinds)}::text[])`);
  if (f.parentId) where.push(`parent_id = ${p(f.parentId)}::uuid`);
  if (f.municipalityId) {
    const m = p(f.municipalityId);
    where.push(
      `((id = ${m}::uuid and kind = 'municipality') or (parent_id = ${m}::uuid and kind = 'settlement'))`,
    );
  }
  if (f.focus !== null) where.push(`focus = ${p(f.focus)}`);
  const after = f.cursor
    ? `where (s.sort_key, s.id) > (${p(f.cursor.k)}::text collate "C", ${p(f.cursor.id)}::uuid)`
    : '';
  const sql = `select * from (
      select ${f.withGeometry ? DETAIL_COLUMNS : PLACE_COLUMNS}, ${SORT_KEY} as sort_key from place
      ${where.length ? 'where ' + where.join(' and ') : ''}) s
    ${after}
    order by s.sort_key, s.id limit ${p(f.limit + 1)}`;
  return db.query<PlaceListRow>(sql, params);
}

export interface PlaceRefRow {
  [key: string]: unknown;
  id: string;
  kind: PlaceKind;
  code: string;
  names: Record<string, string>;
}

/** The parent chain, from the root (the country) down to the parent. */
export async function placeAncestors(db: Queryable, id: string): Promise<PlaceRefRow[]> {
  return db.query<PlaceRefRow>(
    `with recursive up(id, kind, code, names, parent_id, depth) as (
       select p.id, p.kind, p.code, p.names, p.parent_id, 1
         from place p join place c on c.parent_id = p.id where c.id = $1
       union all
       select p.id, p.kind, p.code, p.names, p.parent_id, up.depth + 1
         from place p join up on p.id = up.parent_id
        where up.depth < 10)
     select id, kind, code, names from up order by depth desc`,
    [id],
  );
}

export async function countPlaceChildren(db: Queryable, id: string): Promise<number> {
  const rows = await db.query<{ n: number }>(
    'select count(*)::int as n from place where parent_id = $1',
    [id],
  );
  return rows[0]?.n ?? 0;
}

export interface PlaceReferences {
  [key: string]: unknown;
  children: number;
  activity_locations: number;
  organisations: number;
  users: number;
}

export async function countPlaceReferences(db: Queryable, id: string): Promise<PlaceReferences> {
  const rows = await db.query<PlaceReferences>(
    `select (select count(*) from place where parent_id = $1)::int as children,
            (select count(*) from activity_location where place_id = $1)::int as activity_locations,
            (select count(*) from organisation where place_id = $1)::int as organisations,
            (select count(*) from app_user where municipality_id = $1)::int as users`,
    [id],
  );
  return rows[0] ?? { children: 0, activity_locations: 0, organisations: 0, users: 0 };
}

export interface PlaceWrite {
  kind: PlaceKind;
  code: string;
  parent_id: string | null;
  names: Record<string, string>;
  focus: boolean;
  lat: number | null;
  lon: number | null;
  population: number | null;
  geometry: AreaGeometry | null;
  attributes: Record<string, unknown>;
  search_text: string;
}

function values(w: PlaceWrite): unknown[] {
  return [
    w.kind,
    w.code,
    w.parent_id,
    JSON.stringify(w.names),
    w.focus,
    w.lat,
    w.lon,
    w.population,
    w.geometry === null ? null : JSON.stringify(w.geometry),
    JSON.stringify(w.attributes),
    w.search_text,
  ];
}

export async function insertPlace(db: Queryable, w: PlaceWrite): Promise<PlaceDetailRow> {
  const rows = await db.query<PlaceDetailRow>(
    `insert into place (kind, code, parent_id, names, focus, lat, lon, population, geometry,
       attributes, search_text)
     values ($1, $2, $3, $4::jsonb, $5, $6, $7, $8, $9::jsonb, $10::jsonb, $11)
     returning ${DETAIL_COLUMNS}`,
    values(w),
  );
  const row = rows[0];
  if (!row) throw new Error('insert into place returned no row');
  return row;
}

/** Writes only when the stored version is the one the caller read; returns null otherwise. */
export async function updatePlace(
  db: Queryable,
  id: string,
  expectedVersion: number,
  w: PlaceWrite,
): Promise<PlaceDetailRow | null> {
  const rows = await db.query<PlaceDetailRow>(
    `update place set kind = $1, code = $2, parent_id = $3, names = $4::jsonb, focus = $5,
       lat = $6, lon = $7, population = $8, geometry = $9::jsonb, attributes = $10::jsonb,
       search_text = $11, updated_at = now(), version = version + 1
     where id = $12 and version = $13
     returning ${DETAIL_COLUMNS}`,
    [...values(w), id, expectedVersion],
  );
  return rows[0] ?? null;
}

export async function deletePlace(db: Queryable, id: string): Promise<boolean> {
  const rows = await db.query<{ id: string }>('delete from place where id = $1 returning id', [id]);
  return rows.length > 0;
}
