import { serve, type ServerType } from '@hono/node-server';
import type { Config } from './config/config.js';
import type { Database } from './db/db.js';
import { fileStoreFromConfig } from './documents/documents.storage.js';
import { createApp } from './http/app.js';
import { smtpMailer } from './mail/mail.js';

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

/** Serves the API and the web pages on one port. The process keeps no state of its own. */
export async function startServer(config: Config, db: Database): Promise<RunningServer> {
  const app = createApp({
    db,
    publisherRef: config.IATI_PUBLISHER_REF,
    importMaxBytes: config.IATI_IMPORT_MAX_BYTES,
    files: fileStoreFromConfig(config),
    filesMaxBytes: config.FILES_MAX_BYTES,
    mailer: config.SMTP_URL ? smtpMailer(config.SMTP_URL) : null,
    ...(config.PUBLIC_URL ? { publicUrl: config.PUBLIC_URL } : {}),
  });
  const server = await new Promise<ServerType>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, hostname: config.HOST, port: config.PORT }, () =>
      resolve(s),
    );
    s.once('error', reject);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  const host = config.HOST === '0.0.0.0' || config.HOST === '::' ? 'localhost' : config.HOST;
  return {
    url: config.PUBLIC_URL ?? `http://${host}:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
