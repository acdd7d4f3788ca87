import { Hono } from 'hono';
import { stream } from 'hono/streaming';
import { z } from 'zod';
import { ActivityListQuery } from '../activities/activities.schemas.js';
import type { AppEnv } from '../http/context.js';
import { describe } from '../http/openapi.js';
import { parseQuery } from '../http/validate.js';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { streamSSE } from 'hono/streaming';
import { requireRole } from '../auth/permissions.js';
import { BadRequestError } from '../errors.js';
import { exportIati, exportOrganisations } from './export/export.service.js';
import { getImportRun, importIati, type ImportReport } from './import/import.service.js';
import { parsedFile } from './import/parsed-file.js';
import { Uuid } from '../shared/schemas.js';
import { parseWith } from '../http/validate.js';
import type { AppContext } from '../http/context.js';

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

const ImportQuery = z.object({
  dry_run: z
    .enum(['true', 'false'])
    .default('false')
    .describe('Report what would change without writing'),
  strict: z.enum(['true', 'false']).default('false').describe('Reject the whole file on any error'),
  publisher: z
    .string()
    .min(1)
    .optional()
    .describe('Reject activities that another organisation reports'),
});

describe({
  method: 'post',
  path: '/api/v1/iati/imports',
  summary:
    'Import an IATI activity file (the XML as the body, or a multipart field "file"). With Accept: text/event-stream, progress events precede the report.',
  tags,
  auth: 'required',
  query: ImportQuery,
  status: 200,
});
describe({
  method: 'get',
  path: '/api/v1/iati/imports/:id',
  summary: 'An import run: status, counts and problems',
  tags,
  auth: 'required',
  params: z.object({ id: Uuid }),
});

/** The upload as a byte stream: a raw XML body, or the "file" part of a multipart form. */
async function uploadStream(c: AppContext): Promise<{ stream: Readable; name: string | null }> {
  const type = c.req.header('content-type') ?? '';
  if (type.startsWith('multipart/form-data')) {
    const form = await c.req.formData();
    const file = form.get('file');
    if (!(file instanceof File))
      throw new BadRequestError('Send the IATI file in a multipart field named "file".');
    return {
      stream: Readable.fromWeb(file.stream() as WebReadableStream<Uint8Array>),
      name: file.name,
    };
  }
  const body = c.req.raw.body;
  if (!body) throw new BadRequestError('Send the IATI XML file as the request body.');
  return {
    stream: Readable.fromWeb(body as WebReadableStream<Uint8Array>),
    name: c.req.header('x-file-name') ?? null,
  };
}

export const iatiRoutes = new Hono<AppEnv>()
  .post('/imports', async (c) => {
    const actor = requireRole(c.var.actor, ['admin', 'coordinator'], 'import IATI files');
    const q = parseQuery(c, ImportQuery);
    const length = Number(c.req.header('content-length') ?? '0');
    if (length > c.var.importMaxBytes) {
      throw new BadRequestError(
        `The file is ${length} bytes; the limit is ${c.var.importMaxBytes}.`,
      );
    }
    const upload = await uploadStream(c);
    const run = (
      onProgress?: (p: { activities: number; bytes: number }) => void,
    ): Promise<ImportReport> =>
      importIati(c.var.db, actor, parsedFile(upload.stream, { maxBytes: c.var.importMaxBytes }), {
        fileName: upload.name,
        dryRun: q.dry_run === 'true',
        strict: q.strict === 'true',
        ...(q.publisher ? { publisher: q.publisher } : {}),
        ...(onProgress ? { onProgress } : {}),
      });
    if ((c.req.header('accept') ?? '').includes('text/event-stream')) {
      return streamSSE(c, async (s) => {
        let last = 0;
        const report = await run((p) => {
          const now = Date.now();
          if (now - last < 250) return;
          last = now;
          void s.writeSSE({ event: 'progress', data: JSON.stringify(p) });
        });
        await s.writeSSE({ event: 'report', data: JSON.stringify(report) });
      });
    }
    const report = await run();
    return c.json(report, report.status === 'rejected' ? 422 : 200);
  })
  .get('/imports/:id', async (c) => {
    const { id } = parseWith(z.object({ id: Uuid }), c.req.param());
    return c.json(await getImportRun(c.var.db, c.var.actor, id));
  })
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
