import type { Actor } from '../auth/actor.js';
import { requireSignedIn } from '../auth/permissions.js';
import type { Database } from '../db/db.js';
import { listAudit, type AuditEntry } from './audit.queries.js';

export interface HistoryEvent {
  id: string;
  at: string;
  user_id: string | null;
  user_email: string | null;
  action: string;
  version: number | null;
  changed: string[];
  before: unknown;
  after: unknown;
}

function changedFields(before: unknown, after: unknown): string[] {
  const b = (before ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  const keys = new Set([...Object.keys(b), ...Object.keys(a)]);
  const ignore = new Set(['version', 'updated_at', 'created_at']);
  return [...keys]
    .filter((k) => !ignore.has(k) && JSON.stringify(b[k]) !== JSON.stringify(a[k]))
    .sort();
}

/** Every change of a record, oldest first, with the fields each one changed. Signed-in users only. */
export async function historyOf(
  db: Database,
  actor: Actor | null,
  entity: AuditEntry['entity'],
  id: string,
): Promise<HistoryEvent[]> {
  requireSignedIn(actor);
  const rows = await listAudit(db, entity, id);
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    user_id: r.user_id,
    user_email: r.user_email ?? null,
    action: r.action,
    version: r.version,
    changed: changedFields(r.before, r.after),
    before: r.before,
    after: r.after,
  }));
}
