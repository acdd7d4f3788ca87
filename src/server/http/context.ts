import type { Context } from 'hono';
import type { Actor } from '../auth/actor.js';
import type { Database } from '../db/db.js';
import type { FileStore } from '../documents/documents.storage.js';
import type { Mailer } from '../mail/mail.js';
import type { Publisher } from '../iati/store/from-registry.js';

export interface AppEnv {
  Variables: {
    actor: Actor | null;
    db: Database;
    publisher: Publisher;
    importMaxBytes: number;
    files: FileStore;
    filesMaxBytes: number;
    /** Sends mail when SMTP_URL is configured; null otherwise. */
    mailer: Mailer | null;
  };
}

export type AppContext = Context<AppEnv>;
