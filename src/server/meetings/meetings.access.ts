import type { Actor } from '../auth/actor.js';
import { isStaff } from '../auth/actor.js';
import type { Queryable } from '../db/db.js';
import { organisationSubtree } from '../organisations/organisations.queries.js';
import type { MeetingVisibility } from './meetings.queries.js';

/**
 * Who reads and writes what in the dialogue with partners (docs/decisions/009):
 * staff (admin, coordinator) everything; viewers read every meeting but write nothing; a partner
 * editor the meetings their organisation (or a unit) takes part in; a municipality editor the
 * meetings held in their municipality. Anonymous readers see public meetings only.
 */
export async function actorOrganisations(db: Queryable, actor: Actor): Promise<string[]> {
  return actor.organisationId ? organisationSubtree(db, actor.organisationId) : [];
}

export async function meetingVisibility(
  db: Queryable,
  actor: Actor | null,
): Promise<MeetingVisibility> {
  if (!actor) return { kind: 'public' };
  if (isStaff(actor) || actor.role === 'viewer') return { kind: 'all' };
  return {
    kind: 'scoped',
    organisationIds: actor.role === 'partner_editor' ? await actorOrganisations(db, actor) : [],
    municipalityId: actor.role === 'municipality_editor' ? actor.municipalityId : null,
  };
}

export interface MeetingScope {
  organisationIds: readonly string[];
  municipalityId: string | null;
  confidentiality: 'internal' | 'public';
}

export function visibleUnder(v: MeetingVisibility, m: MeetingScope): boolean {
  if (v.kind === 'all' || m.confidentiality === 'public') return true;
  if (v.kind === 'public') return false;
  return (
    m.organisationIds.some((id) => v.organisationIds.includes(id)) ||
    (v.municipalityId !== null && m.municipalityId === v.municipalityId)
  );
}

/** Whether a scoped editor may write a meeting with this scope (staff always may). */
export function writableUnder(v: MeetingVisibility, m: Omit<MeetingScope, 'confidentiality'>) {
  if (v.kind === 'all') return true;
  if (v.kind === 'public') return false;
  return (
    m.organisationIds.some((id) => v.organisationIds.includes(id)) ||
    (v.municipalityId !== null && m.municipalityId === v.municipalityId)
  );
}
