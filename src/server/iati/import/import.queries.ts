import type { Queryable } from '../../db/db.js';
import type { AreaGeometry } from '../../places/places.geometry.js';

export interface GazetteerEntry {
  [key: string]: unknown;
  id: string;
  kind: 'municipality' | 'settlement';
  code: string;
  parent_id: string | null;
  names: Record<string, string>;
  geometry: AreaGeometry | null;
}

/** Municipalities (with their outlines) and settlements, read once per import. */
export async function loadGazetteerForMatching(db: Queryable): Promise<GazetteerEntry[]> {
  return db.query<GazetteerEntry>(
    `select id, kind, code, parent_id, names, case when kind = 'municipality' then geometry end as geometry
       from place where kind in ('municipality', 'settlement')`,
  );
}

export interface OrgMatchRow {
  [key: string]: unknown;
  id: string;
  iati_ref: string | null;
  names: Record<string, string>;
  sort_key: string;
}

export async function findOrganisationsForMatching(db: Queryable): Promise<OrgMatchRow[]> {
  return db.query<OrgMatchRow>('select id, iati_ref, names, sort_key from organisation');
}
