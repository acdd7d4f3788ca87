import { randomUUID } from 'node:crypto';
import type { Actor, Role } from '../../src/server/auth/actor.js';
import type { Database } from '../../src/server/db/db.js';
import { createApp } from '../../src/server/http/app.js';
import { createOrganisation } from '../../src/server/organisations/organisations.service.js';
import type { OrganisationCreate } from '../../src/server/organisations/organisations.schemas.js';
import { OrganisationCreate as OrganisationCreateSchema } from '../../src/server/organisations/organisations.schemas.js';
import { findPlaceByKindCode } from '../../src/server/places/places.queries.js';
import { createToken, createUser } from '../../src/server/users/users.service.js';

/** A short unique suffix, so each test's rows are its own. */
export function uniq(): string {
  return randomUUID().slice(0, 8);
}

export interface TestUser {
  actor: Actor;
  token: string;
  headers: Record<string, string>;
}

export async function makeUser(
  db: Database,
  role: Role,
  scope: { organisation?: string; municipality?: string } = {},
): Promise<TestUser> {
  const email = `${role}-${uniq()}@test.koordinata`;
  const user = await createUser(db, {
    email,
    password: 'correct horse battery staple',
    role,
    organisation: scope.organisation ?? null,
    municipality: scope.municipality ?? null,
  });
  const { token } = await createToken(db, email);
  return {
    actor: {
      userId: user.id,
      email: user.email,
      role: user.role,
      organisationId: user.organisation_id,
      municipalityId: user.municipality_id,
    },
    token,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
  };
}

export const SYSTEM: Actor = {
  userId: '00000000-0000-0000-0000-0000000000aa',
  email: 'system@test.koordinata',
  role: 'admin',
  organisationId: null,
  municipalityId: null,
};

export async function makeOrganisation(db: Database, overrides: Partial<OrganisationCreate> = {}) {
  const input = OrganisationCreateSchema.parse({
    names: { en: `Test partner ${uniq()}` },
    kind: 'ngo',
    publication_status: 'published',
    ...overrides,
  });
  return createOrganisation(db, SYSTEM, input);
}

export async function municipality(db: Database, code: '70963' | '70351' | '70815') {
  const place = await findPlaceByKindCode(db, 'municipality', code);
  if (!place)
    throw new Error(`municipality ${code} is not in the gazetteer; is the reference data loaded?`);
  return place;
}

export function testApp(db: Database) {
  return createApp({ db });
}
