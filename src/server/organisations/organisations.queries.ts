import type { Queryable } from '../db/db.js';
import type { Cursor } from '../shared/cursor.js';
import type { PublicationStatus } from '../shared/schemas.js';
import type { OrganisationKind } from './organisations.schemas.js';

export interface OrganisationRow {
  [key: string]: unknown;
  id: string;
  names: Record<string, string>;
  acronym: string | null;
  iati_ref: string | null;
  iati_type: string | null;
  country: string | null;
  kind: OrganisationKind;
  parent_id: string | null;
  place_id: string | null;
  website: string | null;
  contacts: Record<string, string>[];
  publication_status: PublicationStatus;
  illustrative: boolean;
  version: number;
  created_at: string;
  updated_at: string;
}

const COLUMNS = `id, names, acronym, iati_ref, iati_type, country, kind, parent_id, place_id, website,
  contacts, publication_status, illustrative, version, created_at, updated_at`;

export async function findOrganisationById(
  db: Queryable,
  id: string,
): Promise<OrganisationRow | null> {
  const rows = await db.query<OrganisationRow>(
    `select ${COLUMNS} from organisation where id = $1`,
    [id],
  );
  return rows[0] ?? null;
}

export async function findOrganisationsByIds(
  db: Queryable,
  ids: readonly string[],
): Promise<OrganisationRow[]> {
  if (ids.length === 0) return [];
  return db.query<OrganisationRow>(
    `select ${COLUMNS} from organisation where id = any($1::uuid[])`,
    [ids],
  );
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Finds by id, or by IATI organisation identifier (case-insensitive). */
export async function findOrganisationByRefOrId(
  db: Queryable,
  key: string,
): Promise<OrganisationRow | null> {
  if (UUID_RE.test(key)) return findOrganisationById(db, key);
  const rows = await db.query<OrganisationRow>(
    `select ${COLUMNS} from organisation where lower(iati_ref) = lower($1)`,
    [key],
  );
  return rows[0] ?? null;
}

export interface OrganisationWrite {
  names: Record<string, string>;
  acronym: string | null;
  iati_ref: string | null;
  iati_type: string | null;
  country: string | null;
  kind: OrganisationKind;
  parent_id: string | null;
  place_id: string | null;
  website: string | null;
  contacts: unknown[];
  publication_status: PublicationStatus;
  illustrative: boolean;
  search_text: string;
  sort_key: string;
}

function values(o: OrganisationWrite): unknown[] {
  return [
    JSON.stringify(o.names),
    o.acronym,
    o.iati_ref,
    o.iati_type,
    o.country,
    o.kind,
    o.parent_id,
    o.place_id,
    o.website,
    JSON.stringify(o.contacts),
    o.publication_status,
    o.illustrative,
    o.search_text,
    o.sort_key,
  ];
}

export async function insertOrganisation(
  db: Queryable,
  o: OrganisationWrite,
  userId: string | null,
): Promise<OrganisationRow> {
  const rows = await db.query<OrganisationRow>(
    `insert into organisation (names, acronym, iati_ref, iati_type, country, kind, parent_id, place_id,
       website, contacts, publication_status, illustrative, search_text, sort_key, created_by, updated_by)
     values ($1::jsonb, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11, $12, $13, $14, $15, $15)
     returning ${COLUMNS}`,
    [...values(o), userId],
  );
  const row = rows[0];
  if (!row) throw new Error('insert into organisation returned no row');
  return row;
}

/** Writes only when the stored version is the one the caller read; returns null otherwise. */
export async function updateOrganisation(
  db: Queryable,
  id: string,
  expectedVersion: number,
  o: OrganisationWrite,
  userId: string | null,
): Promise<OrganisationRow | null> {
  const rows = await db.query<OrganisationRow>(
    `update organisation set names = $1::jsonb, acronym = $2, iati_ref = $3, iati_type = $4, country = $5,
       kind = $6, parent_id = $7, place_id = $8, website = $9, contacts = $10::jsonb,
       publication_status = $11, illustrative = $12, search_text = $13, sort_key = $14,
       updated_by = $15, updated_at = now(), version = version + 1
     where id = $16 and version = $17
     returning ${COLUMNS}`,
    [...values(o), userId, id, expectedVersion],
  );
  return rows[0] ?? null;
}

export async function deleteOrganisation(db: Queryable, id: string): Promise<boolean> {
  const rows = await db.query<{ id: string }>(
    'delete from organisation where id = $1 returning id',
    [id],
  );
  return rows.length > 0;
}

/** Ids of an organisation and all its descendants (a mission and its field offices). */
export async function organisationSubtree(db: Queryable, id: string): Promise<string[]> {
  const rows = await db.query<{ id: string }>(
    `with recursive t(id) as (
       select id from organisation where id = $1
       union select o.id from organisation o join t on o.parent_id = t.id)
     select id from t`,
    [id],
  );
  return rows.map((r) => r.id);
}

export async function isOrganisationAncestor(
  db: Queryable,
  ancestorId: string,
  id: string,
): Promise<boolean> {
  return (await organisationSubtree(db, ancestorId)).includes(id);
}

export interface OrganisationFilter {
  foldedQ: string | null;
  kinds: OrganisationKind[] | null;
  parentId: string | null;
  publicationStatuses: PublicationStatus[] | null;
  cursor: Cursor | null;
  limit: number;
}

export async function listOrganisations(
  db: Queryable,
  f: OrganisationFilter,
): Promise<(OrganisationRow & { sort_key: string })[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  if (f.foldedQ) where.push(`search_text like ${p(`%${f.foldedQ}%`)}`);
  if (f.kinds) where.push(`kind = any(${p(f.kinds)}::text[])`);
  if (f.parentId) where.push(`parent_id = ${p(f.parentId)}`);
  if (f.publicationStatuses)
    where.push(`publication_status = any(${p(f.publicationStatuses)}::text[])`);
  if (f.cursor) where.push(`(sort_key, id) > (${p(f.cursor.k)}, ${p(f.cursor.id)}::uuid)`);
  const sql = `select ${COLUMNS}, sort_key from organisation
    ${where.length ? 'where ' + where.join(' and ') : ''}
    order by sort_key, id limit ${p(f.limit + 1)}`;
  return db.query(sql, params);
}

export async function countOrganisationReferences(db: Queryable, id: string): Promise<number> {
  const rows = await db.query<{ n: number }>(
    `select ((select count(*) from activity_participant where organisation_id = $1)
           + (select count(*) from activity where reporting_org_id = $1)
           + (select count(*) from organisation where parent_id = $1)
           + (select count(*) from app_user where organisation_id = $1))::int as n`,
    [id],
  );
  return rows[0]?.n ?? 0;
}
