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

/**
 * Creates an organisation named by an IATI identifier unless another import or user created it
 * meanwhile; either way returns its id. Waits on a concurrent insert of the same identifier.
 */
export async function insertOrganisationIfAbsent(
  db: Queryable,
  o: {
    names: Record<string, string>;
    iati_ref: string;
    iati_type: string | null;
    kind: string;
    search_text: string;
    sort_key: string;
  },
  userId: string | null,
): Promise<{ id: string; created: boolean }> {
  const inserted = await db.query<{ id: string }>(
    `insert into organisation (names, iati_ref, iati_type, kind, publication_status, search_text, sort_key, created_by, updated_by)
     values ($1::jsonb, $2, $3, $4, 'published', $5, $6, $7, $7)
     on conflict (iati_ref) where iati_ref is not null do nothing
     returning id`,
    [JSON.stringify(o.names), o.iati_ref, o.iati_type, o.kind, o.search_text, o.sort_key, userId],
  );
  if (inserted[0]) return { id: inserted[0].id, created: true };
  const existing = await db.query<{ id: string }>(
    'select id from organisation where iati_ref = $1',
    [o.iati_ref],
  );
  if (!existing[0]) throw new Error(`organisation ${o.iati_ref} neither inserted nor found`);
  return { id: existing[0].id, created: false };
}
