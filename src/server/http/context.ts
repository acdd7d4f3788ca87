import type { Context } from 'hono';
import type { Actor } from '../auth/actor.js';
import type { Database } from '../db/db.js';
import type { Publisher } from '../iati/store/from-registry.js';

export interface AppEnv {
  Variables: {
    actor: Actor | null;
    db: Database;
    publisher: Publisher;
    importMaxBytes: number;
  };
}

export type AppContext = Context<AppEnv>;
