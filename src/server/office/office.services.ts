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
// Dialogue, local needs, data quality, IATI uploads and invitation mail.
import {
  createAction,
  patchAction,
  searchActions,
  summariseActions,
} from '../meetings/actions.service.js';
import { createCalendarToken } from '../meetings/meetings.calendar.js';
import {
  createMeeting,
  getMeeting,
  patchMeeting,
  searchMeetings,
} from '../meetings/meetings.service.js';
import {
  ActionCreate,
  ActionListQuery,
  ActionUpdate,
  MeetingCreate,
  MeetingListQuery,
  MeetingUpdate,
} from '../meetings/meetings.schemas.js';
import { meetingVocabulary } from '../meetings/meetings.vocabulary.js';
import { createNeed, getNeed, patchNeed, searchNeeds } from '../needs/needs.service.js';
import { NeedCreate, NeedListQuery, NeedUpdate } from '../needs/needs.schemas.js';
import { qualityReport } from '../quality/quality.service.js';
import { QualityQuery } from '../quality/quality.schemas.js';
import {
  confirmUpload,
  getUpload,
  previewUpload,
  recentUploads,
} from '../iati/import/uploads.service.js';
import { mailInvitation } from '../invitations/invitations.mail.js';
// Money, results, documents and organisations: the screens of the activity's records.
import { rm } from 'node:fs/promises';
import { contentDisposition } from '../exports/respond.js';
import { getCodelist } from '../codelists/codelists.service.js';
import {
  addDocument,
  listDocuments,
  openDocumentContent,
  removeDocument,
  requireOwnerEditor,
} from '../documents/documents.service.js';
import { DocumentCreate } from '../documents/documents.schemas.js';
import { readMultipartUpload } from '../documents/documents.upload.js';
import { listMoney, moneySummary, saveMoneyChanges } from '../money/money.service.js';
import {
  createOrganisation,
  getOrganisation,
  patchOrganisation,
  requireOrganisationEditor,
} from '../organisations/organisations.service.js';
import { OrganisationCreate, OrganisationUpdate } from '../organisations/organisations.schemas.js';
import {
  createResult,
  getResult,
  listResults,
  removeResult,
  updateResult,
} from '../results/results.service.js';
import { ResultInput, ResultUpdate } from '../results/results.schemas.js';

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

/** Whether the actor may change this organisation (partner editors: only their own). */
async function canEditOrganisation(db: Database, actor: Actor, id: string) {
  if (actor.role === 'viewer') return false;
  try {
    await requireOrganisationEditor(db, actor, id);
    return true;
  } catch (e) {
    if (e instanceof ForbiddenError) return false;
    throw e;
  }
}

const recordServices = {
  getCodelist,
  listMoney,
  moneySummary,
  saveMoneyChanges,
  listResults,
  getResult,
  createResult,
  updateResult,
  removeResult,
  requireOwnerEditor,
  readMultipartUpload,
  addDocument,
  listDocuments,
  openDocumentContent,
  removeDocument,
  contentDisposition,
  removeTempFile: (path: string) => rm(path, { force: true }),
  getOrganisation,
  createOrganisation,
  patchOrganisation,
  canEditOrganisation,
};
const recordSchemas = {
  DocumentCreate,
  OrganisationCreate,
  OrganisationUpdate,
  ResultInput,
  ResultUpdate,
};

export const officeServices = {
  ...recordServices,
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
  // Dialogue, local needs, data quality, IATI uploads and invitation mail.
  dialogue: {
    searchMeetings,
    getMeeting,
    createMeeting,
    patchMeeting,
    meetingVocabulary,
    createCalendarToken,
    searchActions,
    summariseActions,
    createAction,
    patchAction,
    searchNeeds,
    getNeed,
    createNeed,
    patchNeed,
    qualityReport,
    previewUpload,
    getUpload,
    recentUploads,
    confirmUpload,
    schemas: {
      MeetingCreate,
      MeetingUpdate,
      MeetingListQuery,
      ActionCreate,
      ActionUpdate,
      ActionListQuery,
      NeedCreate,
      NeedUpdate,
      NeedListQuery,
      QualityQuery,
    },
  },
  mailInvitation,
  schemas: {
    ActivityListQuery,
    ActivityUpdate,
    OrganisationListQuery,
    PlaceListQuery,
    ...recordSchemas,
  },
};
export type OfficeServices = typeof officeServices;
