import type { Queryable } from '../../db/db.js';

export type UploadState = 'previewed' | 'running' | 'committed' | 'rejected' | 'failed';

export interface UploadRow {
  [key: string]: unknown;
  id: string;
  user_id: string;
  file_name: string | null;
  bytes: number;
  strict: boolean;
  state: UploadState;
  preview: unknown;
  result: unknown;
  progress_activities: number;
  progress_bytes: number;
  created_at: string;
  updated_at: string;
}

const COLUMNS = `id, user_id, file_name, bytes::float8 as bytes, strict, state, preview, result,
  progress_activities, progress_bytes::float8 as progress_bytes, created_at, updated_at`;

export async function insertUpload(
  db: Queryable,
  u: {
    userId: string;
    fileName: string | null;
    content: Uint8Array;
    strict: boolean;
    preview: unknown;
  },
): Promise<string> {
  const rows = await db.query<{ id: string }>(
    `insert into iati_upload (user_id, file_name, content, bytes, strict, preview)
     values ($1, $2, $3, $4, $5, $6::jsonb) returning id`,
    [u.userId, u.fileName, u.content, u.content.byteLength, u.strict, JSON.stringify(u.preview)],
  );
  const row = rows[0];
  if (!row) throw new Error('insert into iati_upload returned no row');
  return row.id;
}

export async function findUpload(db: Queryable, id: string): Promise<UploadRow | null> {
  const rows = await db.query<UploadRow>(`select ${COLUMNS} from iati_upload where id = $1`, [id]);
  return rows[0] ?? null;
}

export async function uploadContent(db: Queryable, id: string): Promise<Uint8Array | null> {
  const rows = await db.query<{ content: Uint8Array }>(
    'select content from iati_upload where id = $1',
    [id],
  );
  return rows[0]?.content ?? null;
}

export async function listUploads(
  db: Queryable,
  userId: string | null,
  limit: number,
): Promise<UploadRow[]> {
  return db.query<UploadRow>(
    `select ${COLUMNS} from iati_upload where ($1::uuid is null or user_id = $1)
     order by created_at desc, id limit $2`,
    [userId, limit],
  );
}

/** Moves a previewed upload to running; false when another request got there first. */
export async function claimUpload(db: Queryable, id: string): Promise<boolean> {
  const rows = await db.query<{ id: string }>(
    `update iati_upload set state = 'running', updated_at = now()
     where id = $1 and state = 'previewed' returning id`,
    [id],
  );
  return rows.length === 1;
}

export async function recordProgress(
  db: Queryable,
  id: string,
  p: { activities: number; bytes: number },
): Promise<void> {
  await db.query(
    `update iati_upload set progress_activities = $2, progress_bytes = $3, updated_at = now()
     where id = $1 and state = 'running'`,
    [id, p.activities, p.bytes],
  );
}

/** The import's outcome; the file's bytes are no longer needed once it has landed. */
export async function finishUpload(
  db: Queryable,
  id: string,
  state: Exclude<UploadState, 'previewed' | 'running'>,
  result: unknown,
): Promise<void> {
  await db.query(
    `update iati_upload set state = $2, result = $3::jsonb, updated_at = now(),
       content = case when $2 = 'committed' then ''::bytea else content end
     where id = $1`,
    [id, state, JSON.stringify(result)],
  );
}
