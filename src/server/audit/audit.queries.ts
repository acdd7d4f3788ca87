import type { Queryable } from '../db/db.js';

export interface AuditEntry {
  userId: string | null;
  entity:
    | 'organisation'
    | 'activity'
    | 'place'
    | 'document'
    | 'result'
    | 'meeting'
    | 'follow_up_action'
    | 'local_need';
  entityId: string;
  action: 'create' | 'update' | 'delete';
  version: number | null;
  before: unknown;
  after: unknown;
}

export async function recordAudit(db: Queryable, e: AuditEntry): Promise<void> {
  await db.query(
    `insert into audit_event (user_id, entity, entity_id, action, version, before, after)
     values ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb)`,
    [
      e.userId,
      e.entity,
      e.entityId,
      e.action,
      e.version,
      e.before === null ? null : JSON.stringify(e.before),
      e.after === null ? null : JSON.stringify(e.after),
    ],
  );
}

export interface AuditRow {
  [key: string]: unknown;
  id: string;
  at: string;
  user_id: string | null;
  entity: string;
  entity_id: string;
  action: string;
  version: number | null;
  before: unknown;
  after: unknown;
  user_email?: string | null;
}

export async function listAudit(
  db: Queryable,
  entity: string,
  entityId: string,
): Promise<AuditRow[]> {
  return db.query<AuditRow>(
    `select e.id::text as id, e.at, e.user_id, u.email as user_email, e.entity, e.entity_id,
            e.action, e.version, e.before, e.after
       from audit_event e left join app_user u on u.id = e.user_id
      where e.entity = $1 and e.entity_id = $2 order by e.id`,
    [entity, entityId],
  );
}

export async function findAuditEvent(
  db: Queryable,
  entity: string,
  entityId: string,
  id: string,
): Promise<AuditRow | null> {
  const rows = await db.query<AuditRow>(
    `select id::text as id, at, user_id, entity, entity_id, action, version, before, after
       from audit_event where entity = $1 and entity_id = $2 and id = $3::bigint`,
    [entity, entityId, id],
  );
  return rows[0] ?? null;
}
