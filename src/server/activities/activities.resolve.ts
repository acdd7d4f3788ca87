import type { Queryable } from '../db/db.js';
import { findOrganisationByRefOrId } from '../organisations/organisations.queries.js';
import { findPlaceById, findPlaceByKindCode } from '../places/places.queries.js';
import { findActivitiesByKeys } from './activities.queries.js';

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Filters name things the way people do (an RGZ code, an IATI identifier) as well as by id. An
 * unknown key matches nothing rather than failing, so a shared URL keeps working after a deletion.
 * The all-zero UUID stands in for "matches nothing".
 */
const NOTHING = '00000000-0000-0000-0000-000000000000';

export async function resolveMunicipalities(
  db: Queryable,
  keys: readonly string[],
): Promise<string[]> {
  const ids: string[] = [];
  for (const key of keys) {
    const place = UUID_RE.test(key)
      ? await findPlaceById(db, key)
      : await findPlaceByKindCode(db, 'municipality', key);
    if (place) ids.push(place.id);
  }
  return ids.length ? ids : [NOTHING];
}

export async function resolveOrganisations(
  db: Queryable,
  keys: readonly string[],
): Promise<string[]> {
  const ids: string[] = [];
  for (const key of keys) {
    const org = await findOrganisationByRefOrId(db, key);
    if (org) ids.push(org.id);
  }
  return ids.length ? ids : [NOTHING];
}

export async function resolveActivityKeys(
  db: Queryable,
  keys: readonly string[],
): Promise<string[]> {
  const found = await findActivitiesByKeys(db, keys);
  return found.length ? found.map((f) => f.id) : [NOTHING];
}
