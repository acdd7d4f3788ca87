import { Hono } from 'hono';
import type { AppEnv } from './context.js';
import { activityRoutes } from '../activities/activities.routes.js';
import { codelistRoutes } from '../codelists/codelists.routes.js';
import { currencyRoutes } from '../currency/currency.routes.js';
import { placeRoutes } from '../places/places.routes.js';
import { documentRoutes, ownerDocumentRoutes } from '../documents/documents.routes.js';
import { activityResultRoutes, resultRoutes } from '../results/results.routes.js';
import { exportRoutes } from '../exports/exports.routes.js';
import { iatiRoutes } from '../iati/iati.routes.js';
import { moneyRoutes } from '../money/money.routes.js';
import { organisationRoutes } from '../organisations/organisations.routes.js';
import { statsRoutes } from '../stats/stats.routes.js';
import { portalApiRoutes } from '../web/portal.routes.js';
import { actionRoutes, calendarRoutes, meetingRoutes } from '../meetings/meetings.routes.js';
import { needRoutes } from '../needs/needs.routes.js';
import { qualityRoutes } from '../quality/quality.routes.js';
import { reviewRoutes } from '../review/review.routes.js';
import { invitationRoutes } from '../invitations/invitations.routes.js';
import { accountRoutes } from '../sessions/account.routes.js';

/** Every resource is one sub-app, mounted here. */
export const apiRoutes = (publicUrl?: string) =>
  new Hono<AppEnv>()
    .route('/organisations', organisationRoutes)
    .route('/activities', reviewRoutes)
    .route('/activities', activityRoutes)
    .route('/activities', moneyRoutes)
    .route('/codelists', codelistRoutes)
    .route('/places', placeRoutes)
    .route('/iati', iatiRoutes)
    .route('/currencies', currencyRoutes)
    .route('/stats', statsRoutes)
    .route('/portal', portalApiRoutes)
    .route('/documents', documentRoutes)
    .route('/results', resultRoutes)
    .route('/', activityResultRoutes)
    .route('/', ownerDocumentRoutes)
    .route('/', exportRoutes)
    .route('/', calendarRoutes)
    .route('/meetings', meetingRoutes)
    .route('/actions', actionRoutes)
    .route('/needs', needRoutes)
    .route('/quality', qualityRoutes)
    .route('/invitations', invitationRoutes(publicUrl))
    .route('/me', accountRoutes);
