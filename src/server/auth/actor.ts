export const ROLES = [
  'admin',
  'coordinator',
  'municipality_editor',
  'partner_editor',
  'viewer',
] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling: a signed-in user, or null for an anonymous caller. */
export interface Actor {
  userId: string;
  email: string;
  role: Role;
  organisationId: string | null;
  municipalityId: string | null;
}

export function isStaff(actor: Actor | null): boolean {
  return actor !== null && (actor.role === 'admin' || actor.role === 'coordinator');
}

/** Anonymous callers see only published records; every signed-in user may read drafts. */
export function canSeeUnpublished(actor: Actor | null): boolean {
  return actor !== null;
}
