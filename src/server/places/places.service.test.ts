import { randomInt, randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { testDb } from '../../../tests/support/db.js';
import type { Actor, Role } from '../auth/actor.js';
import { listAudit } from '../audit/audit.queries.js';
import type { Database } from '../db/db.js';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  UnauthenticatedError,
  ValidationError,
} from '../errors.js';
import { OrganisationCreate } from '../organisations/organisations.schemas.js';
import { createOrganisation } from '../organisations/organisations.service.js';
import { loadGazetteer } from './places.load.js';
import { PlaceCreate, PlaceListQuery } from './places.schemas.js';
import {
  createPlace,
  getPlace,
  getPlaceByCode,
  patchPlace,
  removePlace,
  searchPlaces,
} from './places.service.js';

let db: Database;
let rs: string;
let preševo: string;
const actor = (role: Role): Actor => ({
  userId: randomUUID(),
  email: `${role}@test`,
  role,
  organisationId: null,
  municipalityId: null,
});
const coordinator = actor('coordinator');

beforeAll(async () => {
  db = await testDb();
  await loadGazetteer(db);
  rs = (await getPlaceByCode(db, 'country', 'RS')).id;
  preševo = (await getPlaceByCode(db, 'municipality', '70963')).id;
});

const tag = () => randomUUID().slice(0, 8);
/** Unique per test run, and never a real RGZ number (those start with 7). */
const municipalityCode = () => String(randomInt(80_000, 100_000));
const districtCode = () => `RS-${randomUUID().replace(/-/g, '').slice(0, 3).toUpperCase()}`;

/** Oldest first. listAudit orders by its text-cast id ("10" < "9"), so sort by number here. */
async function history(id: string) {
  return (await listAudit(db, 'place', id)).sort((a, b) => Number(a.id) - Number(b.id));
}

async function create(input: Record<string, unknown>, who: Actor | null = coordinator) {
  return createPlace(db, who, PlaceCreate.parse(input));
}

async function issuePaths(p: Promise<unknown>): Promise<string[]> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ValidationError);
  return ((err as ValidationError).details as { path: string }[]).map((i) => i.path);
}

describe('places service: writes', () => {
  it('creates a district > municipality > settlement chain, searchable in both scripts and audited', async () => {
    const district = await create({
      kind: 'district',
      code: districtCode(),
      parent_id: rs,
      names: { 'sr-Latn': `Test okrug ${tag()}` },
    });
    const municipality = await create({
      kind: 'municipality',
      code: municipalityCode(),
      parent_id: district.id,
      names: { 'sr-Latn': `Opština ${tag()}` },
    });
    const name = `Đurđevac ${tag()}`;
    const settlement = await create({
      kind: 'settlement',
      code: `test-${tag()}`,
      parent_id: municipality.id,
      names: { 'sr-Latn': name },
      lat: 42.4,
      lon: 21.7,
      population: 120,
    });
    expect(settlement.names['sr-Cyrl']).toMatch(/^Ђурђевац /);
    expect(settlement.names_derived).toEqual(['sr-Cyrl']);
    expect(settlement.ancestors.map((a) => a.id)).toEqual([rs, district.id, municipality.id]);
    expect(settlement.version).toBe(1);

    const cyrillic = await searchPlaces(
      db,
      PlaceListQuery.parse({ q: `Ђурђевац ${name.slice(-8)}` }),
    );
    expect(cyrillic.items.map((p) => p.id)).toEqual([settlement.id]);
    const ascii = await searchPlaces(
      db,
      PlaceListQuery.parse({ q: `djurdjevac ${name.slice(-8)}` }),
    );
    expect(ascii.items.map((p) => p.id)).toEqual([settlement.id]);

    const audit = await history(settlement.id);
    expect(audit.map((a) => [a.action, a.user_id])).toEqual([['create', coordinator.userId]]);
  });

  it('keeps each kind under the level above it', async () => {
    const district = await getPlaceByCode(db, 'district', 'RS-24');
    expect(
      await issuePaths(
        create({
          kind: 'settlement',
          code: `test-${tag()}`,
          parent_id: district.id,
          names: { en: 'x' },
        }),
      ),
    ).toEqual(['parent_id']);
    const settlement = (
      await searchPlaces(
        db,
        PlaceListQuery.parse({ municipality: '70963', kind: 'settlement', limit: '1' }),
      )
    ).items[0];
    expect(
      await issuePaths(
        create({
          kind: 'municipality',
          code: municipalityCode(),
          parent_id: settlement?.id,
          names: { en: 'x' },
        }),
      ),
    ).toEqual(['parent_id']);
    expect(
      await issuePaths(
        create({ kind: 'district', code: districtCode(), parent_id: preševo, names: { en: 'x' } }),
      ),
    ).toEqual(['parent_id']);
    expect(
      await issuePaths(create({ kind: 'country', code: 'XK', parent_id: rs, names: { en: 'x' } })),
    ).toEqual(['parent_id']);
    expect(
      await issuePaths(
        create({ kind: 'municipality', code: municipalityCode(), names: { en: 'x' } }),
      ),
    ).toEqual(['parent_id']);
    expect(
      await issuePaths(
        create({
          kind: 'settlement',
          code: `test-${tag()}`,
          parent_id: randomUUID(),
          names: { en: 'x' },
        }),
      ),
    ).toEqual(['parent_id']);
  });

  it('checks codes by kind and coordinates in pairs', async () => {
    expect(
      await issuePaths(
        create({
          kind: 'municipality',
          code: 'PRESEVO',
          parent_id: (await getPlaceByCode(db, 'district', 'RS-24')).id,
          names: { en: 'x' },
        }),
      ),
    ).toEqual(['code']);
    expect(
      await issuePaths(
        create({
          kind: 'settlement',
          code: `test-${tag()}`,
          parent_id: preševo,
          names: { en: 'x' },
          lat: 42.3,
        }),
      ),
    ).toEqual(['lon']);
  });

  it('refuses a second place with the same kind and code', async () => {
    const code = `test-${tag()}`;
    await create({ kind: 'settlement', code, parent_id: preševo, names: { en: 'First' } });
    await expect(
      create({ kind: 'settlement', code, parent_id: preševo, names: { en: 'Second' } }),
    ).rejects.toBeInstanceOf(ConflictError);
  });

  it('updates with the version read, refuses a stale one, and audits before and after', async () => {
    const p = await create({
      kind: 'settlement',
      code: `test-${tag()}`,
      parent_id: preševo,
      names: { 'sr-Latn': 'Staro' },
    });
    const bujanovac = await getPlaceByCode(db, 'municipality', '70351');
    const moved = await patchPlace(db, coordinator, p.id, {
      version: 1,
      parent_id: bujanovac.id,
      names: { 'sr-Latn': 'Novo', sq: 'E re' },
    });
    expect(moved.version).toBe(2);
    expect(moved.parent_id).toBe(bujanovac.id);
    expect(moved.names).toMatchObject({ 'sr-Latn': 'Novo', 'sr-Cyrl': 'Ново', sq: 'E re' });

    const stale = await patchPlace(db, coordinator, p.id, { version: 1, focus: true }).catch(
      (e: unknown) => e,
    );
    expect(stale).toBeInstanceOf(ConflictError);
    expect((stale as ConflictError).details).toEqual({ sent_version: 1, current_version: 2 });

    // A settlement cannot be moved under a district.
    await expect(
      patchPlace(db, coordinator, p.id, {
        version: 2,
        parent_id: (await getPlaceByCode(db, 'district', 'RS-23')).id,
      }),
    ).rejects.toBeInstanceOf(ValidationError);

    const audit = await history(p.id);
    expect(audit.map((a) => a.action)).toEqual(['create', 'update']);
    expect((audit[1]?.before as { names: Record<string, string> }).names).toEqual({
      'sr-Latn': 'Staro',
    });
  });

  it('deletes an unreferenced place and refuses one still referenced', async () => {
    const leaf = await create({
      kind: 'settlement',
      code: `test-${tag()}`,
      parent_id: preševo,
      names: { en: 'Leaf' },
    });
    await expect(removePlace(db, coordinator, leaf.id, 5)).rejects.toBeInstanceOf(ConflictError);
    await removePlace(db, coordinator, leaf.id, 1);
    await expect(getPlace(db, leaf.id)).rejects.toBeInstanceOf(NotFoundError);
    expect((await listAudit(db, 'place', leaf.id)).map((a) => a.action)).toEqual([
      'create',
      'delete',
    ]);

    const busy = await removePlace(db, coordinator, preševo, null).catch((e: unknown) => e);
    expect(busy).toBeInstanceOf(ConflictError);
    expect((busy as ConflictError).message).toMatch(/still referenced by \d+ child place/);
    expect(await getPlace(db, preševo)).toMatchObject({ code: '70963' });

    const office = await create({
      kind: 'settlement',
      code: `test-${tag()}`,
      parent_id: preševo,
      names: { en: 'Office village' },
    });
    await createOrganisation(
      db,
      coordinator,
      OrganisationCreate.parse({ names: { en: `NGO ${tag()}` }, kind: 'ngo', place_id: office.id }),
    );
    const referenced = await removePlace(db, coordinator, office.id, null).catch((e: unknown) => e);
    expect(referenced).toBeInstanceOf(ConflictError);
    expect((referenced as ConflictError).message).toContain('1 organisation(s)');
  });

  it('lets only coordinators and admins write', async () => {
    const input = {
      kind: 'settlement',
      code: `test-${tag()}`,
      parent_id: preševo,
      names: { en: 'x' },
    };
    await expect(create(input, null)).rejects.toBeInstanceOf(UnauthenticatedError);
    for (const role of ['viewer', 'partner_editor', 'municipality_editor'] as const) {
      await expect(create(input, actor(role))).rejects.toBeInstanceOf(ForbiddenError);
    }
    await expect(removePlace(db, actor('viewer'), preševo, null)).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    const made = await create(input, actor('admin'));
    await expect(patchPlace(db, null, made.id, { version: 1, focus: true })).rejects.toBeInstanceOf(
      UnauthenticatedError,
    );
  });
});
