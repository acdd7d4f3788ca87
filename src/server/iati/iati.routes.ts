import { Hono } from 'hono';
import { stream } from 'hono/streaming';
import { z } from 'zod';
import { ActivityListQuery } from '../activities/activities.schemas.js';
import type { AppEnv } from '../http/context.js';
import { describe } from '../http/openapi.js';
import { parseQuery } from '../http/validate.js';
import { exportIati, exportOrganisations } from './export/export.service.js';

const ExportQuery = ActivityListQuery.omit({ limit: true, cursor: true }).extend({
  reporting_org: z
    .string()
    .min(1)
    .optional()
    .describe('Only activities this IATI organisation reports (one file per publisher)'),
});
const tags = ['IATI'];

describe({
  method: 'get',
  path: '/api/v1/iati/activities.xml',
  summary:
    'The selected activities as an IATI 2.03 activity file, streamed (any size, starts at once)',
  tags,
  query: ExportQuery,
  responseType: 'application/xml',
});

describe({
  method: 'get',
  path: '/api/v1/iati/organisations.xml',
  summary: 'The IATI organisation file: one record per publisher of the registry’s activities',
  tags,
  responseType: 'application/xml',
});

export const iatiRoutes = new Hono<AppEnv>()
  .get('/organisations.xml', (c) => {
    c.header('content-type', 'application/xml; charset=utf-8');
    return stream(c, async (s) => {
      await exportOrganisations(
        c.var.db,
        async (chunk) => {
          await s.write(chunk);
        },
        { publisher: c.var.publisher },
      );
    });
  })
  .get('/activities.xml', (c) => {
    const { reporting_org, ...query } = parseQuery(c, ExportQuery);
    c.header('content-type', 'application/xml; charset=utf-8');
    c.header('content-disposition', 'inline; filename="activities.xml"');
    return stream(
      c,
      async (s) => {
        const result = await exportIati(
          c.var.db,
          c.var.actor,
          query,
          async (chunk) => {
            await s.write(chunk);
          },
          {
            publisher: c.var.publisher,
            ...(reporting_org ? { reportingOrgRef: reporting_org } : {}),
          },
        );
        // Records the schema would refuse are named after the document, where a reader can see them.
        for (const k of result.skipped) {
          await s.write(
            `<!-- not exported: ${k.identifier.replace(/--/g, '- -')}: ${k.reasons.join('; ')} -->\n`,
          );
        }
      },
      async (err, s) => {
        console.error(err);
        await s.write(`<!-- export failed: the document above is incomplete -->\n`);
      },
    );
  });
