import { Hono } from 'hono';
import { z } from 'zod';
import { ActivityListQuery } from '../activities/activities.schemas.js';
import type { AppContext, AppEnv } from '../http/context.js';
import { describe } from '../http/openapi.js';
import { parseQuery } from '../http/validate.js';
import { OrganisationListQuery } from '../organisations/organisations.schemas.js';
import { isLocale, LOCALES, negotiateLocale } from '../web/i18n.js';
import {
  ACTIVITY_COLUMNS,
  activityRows,
  ORGANISATION_COLUMNS,
  organisationRows,
} from './exports.lists.js';
import { totalsExportRoutes } from './exports.totals.js';
import { respondTabular } from './respond.js';
import { TABULAR_CONTENT_TYPES, type TabularFormat } from './tabular.js';

export const ExportLang = z
  .enum(LOCALES)
  .optional()
  .describe(
    'Language of the headers and texts: sq, sr-Latn, sr-Cyrl or en (else Accept-Language, else en)',
  );

/** The language of an export: `lang` in the query, else Accept-Language, else English. */
export function exportLocale(c: AppContext, lang: string | undefined): string {
  if (lang && isLocale(lang)) return lang;
  const accept = c.req.header('accept-language');
  return accept ? negotiateLocale(accept) : 'en';
}

const ActivityExportQuery = ActivityListQuery.omit({ limit: true, cursor: true }).extend({
  lang: ExportLang,
});
const OrganisationExportQuery = OrganisationListQuery.omit({ limit: true, cursor: true }).extend({
  lang: ExportLang,
});

const FORMATS: readonly TabularFormat[] = ['csv', 'xlsx'];
const today = () => new Date().toISOString().slice(0, 10);

export const exportRoutes = new Hono<AppEnv>();

for (const format of FORMATS) {
  const what = format === 'csv' ? 'CSV (UTF-8 with BOM, for Excel)' : 'XLSX';
  describe({
    method: 'get',
    path: `/api/v1/activities.${format}`,
    summary: `The activity list as ${what}: the same filters as the JSON list, every page, streamed`,
    tags: ['Exports'],
    query: ActivityExportQuery,
    responseType: TABULAR_CONTENT_TYPES[format],
  });
  describe({
    method: 'get',
    path: `/api/v1/organisations.${format}`,
    summary: `The organisation list as ${what}: the same filters as the JSON list, streamed`,
    tags: ['Exports'],
    query: OrganisationExportQuery,
    responseType: TABULAR_CONTENT_TYPES[format],
  });

  exportRoutes.get(`/activities.${format}`, async (c) => {
    const { lang, ...query } = parseQuery(c, ActivityExportQuery);
    const locale = exportLocale(c, lang);
    return respondTabular(
      c,
      format,
      `activities-${today()}`,
      ACTIVITY_COLUMNS,
      activityRows(c.var.db, c.var.actor, query, locale),
      { locale, sheetName: 'Activities' },
    );
  });
  exportRoutes.get(`/organisations.${format}`, async (c) => {
    const { lang, ...query } = parseQuery(c, OrganisationExportQuery);
    const locale = exportLocale(c, lang);
    return respondTabular(
      c,
      format,
      `organisations-${today()}`,
      ORGANISATION_COLUMNS,
      organisationRows(c.var.db, c.var.actor, query, locale),
      { locale, sheetName: 'Organisations' },
    );
  });
}

exportRoutes.route('/', totalsExportRoutes);
