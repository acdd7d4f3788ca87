import type { MiddlewareHandler } from 'hono';
import type { Actor } from '../auth/actor.js';
import { hashToken, looksLikeToken } from '../auth/tokens.js';
import { UnauthenticatedError } from '../errors.js';
import { findActiveTokenUser } from '../users/users.queries.js';
import type { AppEnv } from './context.js';

/** Resolves the bearer token, if any, to an actor. A malformed or unknown token is a 401, never anonymous. */
export const resolveActor: MiddlewareHandler<AppEnv> = async (c, next) => {
  const header = c.req.header('authorization');
  let actor: Actor | null = null;
  if (header !== undefined) {
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    if (!m?.[1] || !looksLikeToken(m[1])) {
      throw new UnauthenticatedError(
        'The Authorization header must be "Bearer <token>" with a Koordinata token.',
      );
    }
    const user = await findActiveTokenUser(c.var.db, hashToken(m[1]));
    if (!user) throw new UnauthenticatedError('The token is unknown, revoked or expired.');
    actor = {
      userId: user.id,
      email: user.email,
      role: user.role,
      organisationId: user.organisation_id,
      municipalityId: user.municipality_id,
    };
  }
  c.set('actor', actor);
  await next();
};

export function requireActor(c: { var: { actor: Actor | null } }): Actor {
  const actor = c.var.actor;
  if (!actor) throw new UnauthenticatedError();
  return actor;
}
