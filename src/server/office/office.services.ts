/**
 * What the back office's loaders and actions may call: the same services the API calls, handed to
 * the React Router app through its load context. The app imports only the types from here, so
 * there is one copy of each rule and one module instance at run time.
 */
import { historyOf } from '../audit/audit.service.js';
import { restoreActivityVersion } from '../activities/activities.restore.js';
import {
  createActivity,
  draftOf,
  getActivity,
  patchActivity,
  requireActivityInScope,
  searchActivities,
} from '../activities/activities.service.js';
import type { ActivityOut } from '../activities/activities.schemas.js';
import type { Actor } from '../auth/actor.js';
import type { Database } from '../db/db.js';
import { ForbiddenError } from '../errors.js';
import { ActivityListQuery, ActivityUpdate } from '../activities/activities.schemas.js';
import { officeSectors } from '../codelists/codelists.vocabularies.js';
import {
  acceptInvitation,
  inviteUser,
  listAllInvitations,
  openInvitation,
} from '../invitations/invitations.service.js';
import { searchOrganisations } from '../organisations/organisations.service.js';
import { OrganisationListQuery } from '../organisations/organisations.schemas.js';
import { searchPlaces } from '../places/places.service.js';
import { PlaceListQuery } from '../places/places.schemas.js';
import { reviewActivity, reviewTrail } from '../review/review.service.js';
import { changePassword, setUserLocale, signIn, signOut } from '../sessions/sessions.service.js';
import { foldForSearch, latinToCyrillic } from '../text/index.js';

/** Whether the actor's role and scope let them change this activity (to show or hide the form). */
async function canEditActivity(db: Database, actor: Actor, activity: ActivityOut) {
  if (actor.role === 'viewer') return false;
  try {
    await requireActivityInScope(db, actor, activity, 'edit this activity');
    return true;
  } catch (e) {
    if (e instanceof ForbiddenError) return false;
    throw e;
  }
}

export const officeServices = {
  canEditActivity,
  signIn,
  signOut,
  changePassword,
  setUserLocale,
  inviteUser,
  listAllInvitations,
  openInvitation,
  acceptInvitation,
  searchActivities,
  getActivity,
  createActivity,
  patchActivity,
  draftOf,
  reviewActivity,
  reviewTrail,
  historyOf,
  restoreActivityVersion,
  searchOrganisations,
  searchPlaces,
  officeSectors,
  foldForSearch,
  latinToCyrillic,
  schemas: { ActivityListQuery, ActivityUpdate, OrganisationListQuery, PlaceListQuery },
};
export type OfficeServices = typeof officeServices;
