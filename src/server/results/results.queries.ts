import type { Queryable } from '../db/db.js';

export async function findResultActivityId(db: Queryable, id: string): Promise<string | null> {
  const rows = await db.query<{ activity_id: string }>(
    'select activity_id from activity_result where id = $1',
    [id],
  );
  return rows[0]?.activity_id ?? null;
}
