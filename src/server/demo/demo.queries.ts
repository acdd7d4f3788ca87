import type { Queryable } from '../db/db.js';

/**
 * Look-ups that make the demo seed idempotent: it recognises its own records (and records someone
 * entered by hand before) by English name or title, since most partners have no IATI identifier.
 */

export async function findOrganisationIdByEnglishName(
  db: Queryable,
  name: string,
): Promise<string | null> {
  const rows = await db.query<{ id: string }>(
    `select id from organisation where names->>'en' = $1 order by created_at, id limit 1`,
    [name],
  );
  return rows[0]?.id ?? null;
}

export async function findActivityIdByEnglishTitle(
  db: Queryable,
  title: string,
  parentId: string | null,
): Promise<string | null> {
  const rows = await db.query<{ id: string }>(
    `select id from activity where title->>'en' = $1 and parent_id is not distinct from $2::uuid
      order by created_at, id limit 1`,
    [title, parentId],
  );
  return rows[0]?.id ?? null;
}

/** Which of the named codelists hold at least one code. */
export async function loadedCodelists(db: Queryable, names: readonly string[]): Promise<string[]> {
  const rows = await db.query<{ codelist: string }>(
    'select distinct codelist from codelist_item where codelist = any($1::text[])',
    [names],
  );
  return rows.map((r) => r.codelist);
}

export interface OrganisationLinkWrite {
  url: string;
  title: Record<string, string>;
  note: string | null;
}

/**
 * The organisation service has no document links yet (the table allows them); the demo keeps the
 * sources of facts about an organisation here until it does.
 */
export async function insertOrganisationDocumentLinks(
  db: Queryable,
  organisationId: string,
  links: readonly OrganisationLinkWrite[],
): Promise<void> {
  if (links.length === 0) return;
  await db.query(
    `insert into document_link (organisation_id, url, title, note, position)
     select $1::uuid, l.url, l.title, l.note, l.position::smallint
       from jsonb_to_recordset($2::jsonb) as l(url text, title jsonb, note text, position int)`,
    [organisationId, JSON.stringify(links.map((l, position) => ({ ...l, position })))],
  );
}
