import { index, route, type RouteConfig } from '@react-router/dev/routes';

/**
 * The back office's screens, all under /office. To add one: write office/routes/<name>.tsx with
 * a loader (and an action for its forms) that calls services from `context.office.services`,
 * add a line here, and a link in office/components/Layout.tsx if it belongs in the menu.
 */
export default [
  index('routes/activities.tsx'),
  route('login', 'routes/login.tsx'),
  route('logout', 'routes/logout.tsx'),
  route('locale', 'routes/locale.tsx'),
  route('account', 'routes/account.tsx'),
  route('users', 'routes/users.tsx'),
  route('invitation/:token', 'routes/invitation.tsx'),
  route('review', 'routes/review.tsx'),
  route('activities/new', 'routes/activity-edit.tsx', { id: 'activity-new' }),
  route('activities/:id', 'routes/activity-edit.tsx', { id: 'activity-edit' }),
  route('activities/:id/history', 'routes/activity-history.tsx'),
  route('activities/:id/review', 'routes/activity-review.tsx'),
  // Dialogue with partners, local needs, data quality, IATI import.
  route('meetings', 'routes/meetings.tsx'),
  route('meetings/new', 'routes/meeting-edit.tsx', { id: 'meeting-new' }),
  route('meetings/:id', 'routes/meeting-edit.tsx', { id: 'meeting-edit' }),
  route('actions', 'routes/actions.tsx'),
  route('needs', 'routes/needs.tsx'),
  route('needs/new', 'routes/need-edit.tsx', { id: 'need-new' }),
  route('needs/:id', 'routes/need-edit.tsx', { id: 'need-edit' }),
  route('quality', 'routes/quality.tsx'),
  route('iati', 'routes/iati.tsx'),
  route('iati/:id', 'routes/iati-upload.tsx'),
  // The activity's money, results and documents; organisations.
  route('activities/:id/money', 'routes/activity-money.tsx'),
  route('activities/:id/results', 'routes/activity-results.tsx'),
  route('activities/:id/documents', 'routes/activity-documents.tsx'),
  route('documents/:id/content', 'routes/document-content.tsx'),
  route('organisations', 'routes/organisations.tsx'),
  route('organisations/new', 'routes/organisation-edit.tsx', { id: 'organisation-new' }),
  route('organisations/:id', 'routes/organisation-edit.tsx', { id: 'organisation-edit' }),
] satisfies RouteConfig;
