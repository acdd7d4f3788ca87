import { Hono } from 'hono';
import type { AppEnv } from './context.js';
import { activityRoutes } from '../activities/activities.routes.js';
import { codelistRoutes } from '../codelists/codelists.routes.js';
import { placeRoutes } from '../places/places.routes.js';
import { iatiRoutes } from '../iati/iati.routes.js';
import { organisationRoutes } from '../organisations/organisations.routes.js';
import { reviewRoutes } from '../review/review.routes.js';
import { invitationRoutes } from '../invitations/invitations.routes.js';
import { accountRoutes } from '../sessions/account.routes.js';

/** Every resource is one sub-app, mounted here. */
export const apiRoutes = (publicUrl?: string) =>
  new Hono<AppEnv>()
    .route('/organisations', organisationRoutes)
    .route('/activities', reviewRoutes)
    .route('/activities', activityRoutes)
    .route('/codelists', codelistRoutes)
    .route('/places', placeRoutes)
    .route('/iati', iatiRoutes)
    .route('/invitations', invitationRoutes(publicUrl))
    .route('/me', accountRoutes);
