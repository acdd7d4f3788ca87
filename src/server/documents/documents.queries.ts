import type { Queryable } from '../db/db.js';
import type { OwnerType } from './documents.owners.js';

export interface DocumentRow {
  [key: string]: unknown;
  id: string;
  owner_type: OwnerType;
  owner_id: string;
  title: Record<string, string>;
  category: string | null;
  languages: string[];
  document_date: string | null;
  file_name: string;
  content_type: string;
  size: string;
  sha256: string;
  storage_key: string;
  version: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

const COLUMNS = `id, owner_type, owner_id, title, category, languages, document_date, file_name,
  content_type, size::text as size, sha256, storage_key, version, created_by, created_at, updated_at`;

export interface DocumentWrite {
  owner_type: OwnerType;
  owner_id: string;
  title: Record<string, string>;
  category: string | null;
  languages: string[];
  document_date: string | null;
  file_name: string;
  content_type: string;
  size: number;
  sha256: string;
  storage_key: string;
}

export async function insertDocument(
  db: Queryable,
  d: DocumentWrite,
  userId: string | null,
): Promise<DocumentRow> {
  const rows = await db.query<DocumentRow>(
    `insert into document_file (owner_type, owner_id, title, category, languages, document_date,
       file_name, content_type, size, sha256, storage_key, created_by, updated_by)
     values ($1, $2, $3::jsonb, $4, $5::text[], $6, $7, $8, $9, $10, $11, $12, $12)
     returning ${COLUMNS}`,
    [
      d.owner_type,
      d.owner_id,
      JSON.stringify(d.title),
      d.category,
      d.languages,
      d.document_date,
      d.file_name,
      d.content_type,
      d.size,
      d.sha256,
      d.storage_key,
      userId,
    ],
  );
  const row = rows[0];
  if (!row) throw new Error('insert into document_file returned no row');
  return row;
}

export async function findDocumentById(db: Queryable, id: string): Promise<DocumentRow | null> {
  const rows = await db.query<DocumentRow>(`select ${COLUMNS} from document_file where id = $1`, [
    id,
  ]);
  return rows[0] ?? null;
}

export async function listDocumentsOf(
  db: Queryable,
  ownerType: OwnerType,
  ownerId: string,
): Promise<DocumentRow[]> {
  return db.query<DocumentRow>(
    `select ${COLUMNS} from document_file where owner_type = $1 and owner_id = $2
     order by created_at, id`,
    [ownerType, ownerId],
  );
}

export async function updateDocumentMeta(
  db: Queryable,
  id: string,
  expectedVersion: number,
  d: Pick<DocumentWrite, 'title' | 'category' | 'languages' | 'document_date' | 'file_name'>,
  userId: string | null,
): Promise<DocumentRow | null> {
  const rows = await db.query<DocumentRow>(
    `update document_file set title = $1::jsonb, category = $2, languages = $3::text[],
       document_date = $4, file_name = $5, updated_by = $6, updated_at = now(), version = version + 1
     where id = $7 and version = $8
     returning ${COLUMNS}`,
    [
      JSON.stringify(d.title),
      d.category,
      d.languages,
      d.document_date,
      d.file_name,
      userId,
      id,
      expectedVersion,
    ],
  );
  return rows[0] ?? null;
}

export async function deleteDocument(db: Queryable, id: string): Promise<void> {
  await db.query('delete from document_file where id = $1', [id]);
}

export async function countDocumentsWithSha(db: Queryable, sha256: string): Promise<number> {
  const rows = await db.query<{ n: number }>(
    'select count(*)::int as n from document_file where sha256 = $1',
    [sha256],
  );
  return rows[0]?.n ?? 0;
}
