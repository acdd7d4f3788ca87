import type { Context } from 'hono';
import type { Actor } from '../auth/actor.js';
import type { Database } from '../db/db.js';

export interface AppEnv {
  Variables: {
    actor: Actor | null;
    db: Database;
  };
}

export type AppContext = Context<AppEnv>;
