import type { Actor } from './actor.js';
import { ForbiddenError, UnauthenticatedError } from '../errors.js';
import type { PublicationStatus } from '../shared/schemas.js';

/**
 * Who may do what. Deny by default: each check names the roles that may pass, and a scoped
 * editor passes only inside their scope, which the caller computes from the record.
 */
export function requireSignedIn(actor: Actor | null): Actor {
  if (!actor) throw new UnauthenticatedError();
  return actor;
}

export function requireRole(
  actor: Actor | null,
  roles: readonly Actor['role'][],
  what: string,
): Actor {
  const a = requireSignedIn(actor);
  if (!roles.includes(a.role)) {
    throw new ForbiddenError(`Your role (${a.role}) may not ${what}.`);
  }
  return a;
}

/** Scope of a record as seen by scoped editors. */
export interface RecordScope {
  organisationIds: readonly string[];
  municipalityIds: readonly string[];
}

export function inScope(actor: Actor, scope: RecordScope, orgSubtree: readonly string[]): boolean {
  switch (actor.role) {
    case 'admin':
    case 'coordinator':
      return true;
    case 'viewer':
      return false;
    case 'partner_editor':
      return scope.organisationIds.some((id) => orgSubtree.includes(id));
    case 'municipality_editor':
      return actor.municipalityId !== null && scope.municipalityIds.includes(actor.municipalityId);
  }
}

const EDITOR_STATUSES: readonly PublicationStatus[] = ['draft', 'submitted'];

/** Editors move their records between draft and submitted; approving and publishing is review work. */
export function requirePublicationChange(
  actor: Actor,
  from: PublicationStatus | null,
  to: PublicationStatus,
): void {
  if (from === to) return;
  if (actor.role === 'admin' || actor.role === 'coordinator') return;
  if (!EDITOR_STATUSES.includes(to) || (from !== null && !EDITOR_STATUSES.includes(from))) {
    throw new ForbiddenError(
      `Only a coordinator may set the publication status to ${to}${from ? ` from ${from}` : ''}.`,
    );
  }
}

export const REVIEW_ACTIONS = ['submit', 'approve', 'publish', 'return'] as const;
export type ReviewAction = (typeof REVIEW_ACTIONS)[number];

/** Where each review action may start from, and where it leads. */
export const REVIEW_TRANSITIONS: Record<
  ReviewAction,
  { from: readonly PublicationStatus[]; to: PublicationStatus }
> = {
  submit: { from: ['draft'], to: 'submitted' },
  approve: { from: ['submitted'], to: 'approved' },
  publish: { from: ['approved'], to: 'published' },
  return: { from: ['submitted', 'approved', 'published'], to: 'draft' },
};

/**
 * Editors submit their drafts and may take back what they submitted; approving, publishing and
 * returning approved or published records is the coordinator's review. The caller checks scope.
 */
export function requireReviewAction(
  actor: Actor,
  action: ReviewAction,
  from: PublicationStatus,
): void {
  if (actor.role === 'admin' || actor.role === 'coordinator') return;
  if (actor.role === 'viewer') throw new ForbiddenError('Your role (viewer) is read-only.');
  const editorMay = action === 'submit' || (action === 'return' && from === 'submitted');
  if (!editorMay) {
    throw new ForbiddenError(
      `Only a coordinator may ${action === 'return' ? `return a record that is ${from}` : action} an activity.`,
    );
  }
}
