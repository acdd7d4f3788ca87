import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hono } from 'hono';
import { sweepOrphanFiles } from '../documents/documents.service.js';
import { localFileStore, type FileStore } from '../documents/documents.storage.js';
import { HTTPException } from 'hono/http-exception';
import type { Database } from '../db/db.js';
import type { Mailer } from '../mail/mail.js';
import { AppError, BadRequestError, fromDatabaseError, NotFoundError } from '../errors.js';
import { resolveActor } from './auth.middleware.js';
import type { AppEnv } from './context.js';
import { openApiDocument } from './openapi.js';
import { officePublisher } from '../iati/publisher.js';
import { apiReferencePage } from './reference.page.js';
import { apiRoutes } from './routes.js';
import { webRoutes } from '../web/web.routes.js';
import { mountOffice } from '../office/office.mount.js';

export interface AppOptions {
  db: Database;
  publicUrl?: string;
  publisherRef?: string;
  importMaxBytes?: number;
  /** Where document files go; by default a directory under the system's temporary directory. */
  files?: FileStore;
  filesMaxBytes?: number;
  /** Sends invitation mail; without it the link is only shown to the admin. */
  mailer?: Mailer | null;
}

function errorBody(e: AppError) {
  return {
    error: {
      code: e.code,
      message: e.message,
      ...(e.details === undefined ? {} : { details: e.details }),
    },
  };
}

export function createApp({
  db,
  publicUrl,
  publisherRef,
  importMaxBytes,
  files,
  filesMaxBytes,
  mailer,
}: AppOptions) {
  const publisher = officePublisher(publisherRef ?? 'RS-KOORDINACIONO-TELO');
  const fileStore = files ?? localFileStore(join(tmpdir(), 'koordinata-files'));
  const maxFileBytes = filesMaxBytes ?? 50 * 1024 ** 2;
  const app = new Hono<AppEnv>({ strict: false });

  app.use('*', async (c, next) => {
    c.set('db', db);
    c.set('actor', null);
    c.set('publisher', publisher);
    c.set('importMaxBytes', importMaxBytes ?? 2 * 1024 ** 3);
    c.set('files', fileStore);
    c.set('filesMaxBytes', maxFileBytes);
    c.set('mailer', mailer ?? null);
    await next();
    // a deleted owner took its documents along: remove their files that nothing else uses
    const deletes =
      c.req.method === 'DELETE' || (c.req.method === 'POST' && c.req.path.startsWith('/office'));
    if (deletes && c.res.status < 400) await sweepOrphanFiles(db, fileStore);
  });

  app.get('/healthz', async (c) => {
    await db.query('select 1');
    return c.json({ status: 'ok', engine: db.engine });
  });

  app.use('/api/*', resolveActor);
  app.get('/api/v1/openapi.json', (c) => c.json(openApiDocument(publicUrl)));
  app.get('/api/v1/docs', (c) => c.html(apiReferencePage(openApiDocument(publicUrl))));
  app.route('/api/v1', apiRoutes(publicUrl));
  mountOffice(app, {
    db,
    importMaxBytes: importMaxBytes ?? 2 * 1024 ** 3,
    mailer: mailer ?? null,
    files: fileStore,
    filesMaxBytes: maxFileBytes,
    ...(publicUrl ? { publicUrl } : {}),
  });
  app.route('/', webRoutes);

  app.notFound((c) => {
    const e = new NotFoundError('Route', `${c.req.method} ${c.req.path}`);
    return c.json(errorBody(e), 404);
  });

  app.onError((err, c) => {
    let e: AppError | null = err instanceof AppError ? err : fromDatabaseError(err);
    if (!e && err instanceof HTTPException) {
      e =
        err.status === 400
          ? new BadRequestError(err.message)
          : new AppError('internal', 500, err.message);
    }
    if (!e) {
      console.error(err);
      e = new AppError('internal', 500, 'Something went wrong on the server.');
    }
    return c.json(errorBody(e), e.status);
  });

  return app;
}

export type App = ReturnType<typeof createApp>;
