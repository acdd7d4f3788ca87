import type { Actor } from '../auth/actor.js';
import { requireRole } from '../auth/permissions.js';
import { recordAudit } from '../audit/audit.queries.js';
import type { Database, Queryable } from '../db/db.js';
import { ConflictError, NotFoundError, ValidationError, type FieldIssue } from '../errors.js';
import { staleVersion } from '../organisations/organisations.service.js';
import { decodeCursor, encodeCursor } from '../shared/cursor.js';
import type { Page } from '../shared/schemas.js';
import { escapeLike, foldQuery, normaliseNarratives, withDerivedScripts } from '../text/index.js';
import {
  countPlaceChildren,
  countPlaceReferences,
  deletePlace,
  findPlaceById,
  findPlaceByKindCode,
  findPlaceDetailById,
  findPlaceDetailByKindCode,
  insertPlace,
  listPlaces,
  placeAncestors,
  updatePlace,
  type PlaceDetailRow,
  type PlaceFilter,
  type PlaceKind,
  type PlaceListRow,
  type PlaceReferences,
  type PlaceWrite,
} from './places.queries.js';
import {
  PARENT_KIND,
  type PlaceChildrenQuery,
  type PlaceCreate,
  type PlaceDetailOut,
  type PlaceListQuery,
  type PlaceOut,
  type PlaceUpdate,
} from './places.schemas.js';
import { placeSearchText } from './places.search.js';

const WRITERS: readonly Actor['role'][] = ['admin', 'coordinator'];

export function presentPlace(row: PlaceListRow | PlaceDetailRow, withGeometry: boolean): PlaceOut {
  const { text, derived } = withDerivedScripts(row.names);
  return {
    id: row.id,
    kind: row.kind,
    code: row.code,
    parent_id: row.parent_id,
    names: text,
    names_derived: derived,
    focus: row.focus,
    lat: row.lat,
    lon: row.lon,
    population: row.population,
    attributes: row.attributes,
    ...(withGeometry ? { geometry: row.geometry ?? null } : {}),
    version: row.version,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

async function presentDetail(db: Queryable, row: PlaceDetailRow): Promise<PlaceDetailOut> {
  // One after the other: inside a transaction both run on the same connection anyway.
  const ancestors = await placeAncestors(db, row.id);
  const children = await countPlaceChildren(db, row.id);
  return {
    ...presentPlace(row, true),
    geometry: row.geometry,
    ancestors: ancestors.map((a) => ({
      id: a.id,
      kind: a.kind,
      code: a.code,
      names: withDerivedScripts(a.names).text,
    })),
    children_count: children,
  };
}

async function page(
  db: Queryable,
  q: PlaceChildrenQuery,
  scope: Pick<PlaceFilter, 'parentId' | 'municipalityId'>,
): Promise<Page<PlaceOut>> {
  const folded = q.q ? foldQuery(q.q) : '';
  const withGeometry = q.include?.includes('geometry') ?? false;
  const rows = await listPlaces(db, {
    ...scope,
    foldedQ: folded ? escapeLike(folded) : null,
    kinds: q.kind?.length ? q.kind : null,
    focus: q.focus ?? null,
    withGeometry,
    cursor: decodeCursor(q.cursor),
    limit: q.limit,
  });
  const more = rows.length > q.limit;
  const items = rows.slice(0, q.limit);
  const last = items.at(-1);
  return {
    items: items.map((r) => presentPlace(r, withGeometry)),
    next_cursor: more && last ? encodeCursor({ k: last.sort_key, id: last.id }) : null,
  };
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The gazetteer is public: anyone may read it, signed in or not. */
export async function searchPlaces(db: Database, q: PlaceListQuery): Promise<Page<PlaceOut>> {
  let municipalityId: string | null = null;
  if (q.municipality !== undefined) {
    const m = UUID_RE.test(q.municipality)
      ? { id: q.municipality }
      : await findPlaceByKindCode(db, 'municipality', q.municipality);
    // An unknown municipality filters everything out, as an unknown parent does.
    if (!m) return { items: [], next_cursor: null };
    municipalityId = m.id;
  }
  return page(db, q, { parentId: q.parent ?? null, municipalityId });
}

export async function getPlace(db: Database, id: string): Promise<PlaceDetailOut> {
  const row = await findPlaceDetailById(db, id);
  if (!row) throw new NotFoundError('Place', id);
  return presentDetail(db, row);
}

export async function getPlaceByCode(
  db: Database,
  kind: PlaceKind,
  code: string,
): Promise<PlaceDetailOut> {
  const row = await findPlaceDetailByKindCode(db, kind, code);
  if (!row) throw new NotFoundError('Place', `${kind} ${code}`);
  return presentDetail(db, row);
}

export async function listPlaceChildren(
  db: Database,
  id: string,
  q: PlaceChildrenQuery,
): Promise<Page<PlaceOut>> {
  if (!(await findPlaceById(db, id))) throw new NotFoundError('Place', id);
  return page(db, q, { parentId: id, municipalityId: null });
}

type PlaceFields = Omit<PlaceWrite, 'search_text'>;

function toWrite(p: PlaceFields): PlaceWrite {
  const names = normaliseNarratives(p.names);
  return { ...p, names, search_text: placeSearchText(p.kind, p.code, names) };
}

/** Codes the gazetteer and other modules look places up by; settlements are free-form. */
const CODE_RULES: Readonly<Record<PlaceKind, { re: RegExp; message: string } | null>> = {
  country: { re: /^[A-Z]{2}$/, message: 'a country code is ISO 3166-1 alpha-2, such as RS' },
  district: {
    re: /^[A-Z]{2}-[A-Z0-9]{1,3}$/,
    message: 'a district code is ISO 3166-2, such as RS-24',
  },
  municipality: {
    re: /^\d{5}$/,
    message: 'a municipality code is its five-digit RGZ number, such as 70963',
  },
  settlement: null,
};

/** The level rules: country > district > municipality > settlement, each under the level above. */
async function validate(db: Queryable, w: PlaceWrite, selfId: string | null): Promise<void> {
  const issues: FieldIssue[] = [];
  if (Object.keys(w.names).length === 0)
    issues.push({ path: 'names', message: 'needs a name in at least one language' });
  const rule = CODE_RULES[w.kind];
  if (rule && !rule.re.test(w.code)) issues.push({ path: 'code', message: rule.message });
  if ((w.lat === null) !== (w.lon === null)) {
    issues.push({
      path: w.lat === null ? 'lat' : 'lon',
      message: 'give both lat and lon, or neither',
    });
  }
  const parentKind = PARENT_KIND[w.kind];
  if (parentKind === null) {
    if (w.parent_id !== null)
      issues.push({ path: 'parent_id', message: 'a country has no parent' });
  } else if (w.parent_id === null) {
    issues.push({
      path: 'parent_id',
      message: `a ${w.kind} must have a ${parentKind} as its parent`,
    });
  } else {
    const parent = await findPlaceById(db, w.parent_id);
    if (!parent) issues.push({ path: 'parent_id', message: `place ${w.parent_id} does not exist` });
    else if (parent.kind !== parentKind) {
      issues.push({
        path: 'parent_id',
        message: `a ${w.kind}'s parent must be a ${parentKind}, not a ${parent.kind}`,
      });
    }
  }
  if (issues.length) throw new ValidationError(issues);
  const same = await findPlaceByKindCode(db, w.kind, w.code);
  if (same && same.id !== selfId) {
    throw new ConflictError(`A ${w.kind} with code ${w.code} already exists (${same.id}).`, {
      id: same.id,
    });
  }
}

export async function createPlace(
  db: Database,
  actor: Actor | null,
  input: PlaceCreate,
): Promise<PlaceDetailOut> {
  const a = requireRole(actor, WRITERS, 'create places');
  const w = toWrite(input);
  return db.transaction(async (tx) => {
    await validate(tx, w, null);
    const row = await insertPlace(tx, w);
    await recordAudit(tx, {
      userId: a.userId,
      entity: 'place',
      entityId: row.id,
      action: 'create',
      version: row.version,
      before: null,
      after: row,
    });
    return presentDetail(tx, row);
  });
}

export async function patchPlace(
  db: Database,
  actor: Actor | null,
  id: string,
  patch: PlaceUpdate,
): Promise<PlaceDetailOut> {
  const a = requireRole(actor, WRITERS, 'edit places');
  return db.transaction(async (tx) => {
    const current = await findPlaceDetailById(tx, id);
    if (!current) throw new NotFoundError('Place', id);
    const { version, ...changes } = patch;
    if (version !== current.version) throw staleVersion('Place', id, version, current.version);
    const w = toWrite({
      kind: current.kind,
      code: changes.code ?? current.code,
      parent_id: changes.parent_id === undefined ? current.parent_id : changes.parent_id,
      names: changes.names ?? current.names,
      focus: changes.focus ?? current.focus,
      lat: changes.lat === undefined ? current.lat : changes.lat,
      lon: changes.lon === undefined ? current.lon : changes.lon,
      population: changes.population === undefined ? current.population : changes.population,
      geometry: changes.geometry === undefined ? current.geometry : changes.geometry,
      attributes: changes.attributes ?? current.attributes,
    });
    await validate(tx, w, id);
    const row = await updatePlace(tx, id, version, w);
    if (!row) {
      const now = await findPlaceById(tx, id);
      throw staleVersion('Place', id, version, now?.version ?? null);
    }
    await recordAudit(tx, {
      userId: a.userId,
      entity: 'place',
      entityId: id,
      action: 'update',
      version: row.version,
      before: current,
      after: row,
    });
    return presentDetail(tx, row);
  });
}

function describeReferences(r: PlaceReferences): string {
  const parts = [
    [r.children, 'child place(s)'],
    [r.activity_locations, 'activity location(s)'],
    [r.organisations, 'organisation(s)'],
    [r.users, 'user(s)'],
  ] as const;
  return parts
    .filter(([n]) => n > 0)
    .map(([n, what]) => `${n} ${what}`)
    .join(', ');
}

function isForeignKeyViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && 'code' in err && err.code === '23503';
}

export async function removePlace(
  db: Database,
  actor: Actor | null,
  id: string,
  version: number | null,
): Promise<void> {
  const a = requireRole(actor, WRITERS, 'delete places');
  await db.transaction(async (tx) => {
    const current = await findPlaceDetailById(tx, id);
    if (!current) throw new NotFoundError('Place', id);
    if (version !== null && version !== current.version)
      throw staleVersion('Place', id, version, current.version);
    const refs = await countPlaceReferences(tx, id);
    const used = describeReferences(refs);
    if (used) {
      throw new ConflictError(
        `Place ${id} is still referenced by ${used}; move or remove those first.`,
        { references: refs },
      );
    }
    try {
      await deletePlace(tx, id);
    } catch (err) {
      // A reference added since the count above: the same answer, not a 422 about a foreign key.
      if (isForeignKeyViolation(err))
        throw new ConflictError(
          `Place ${id} was just referenced by another record; reload and try again.`,
        );
      throw err;
    }
    await recordAudit(tx, {
      userId: a.userId,
      entity: 'place',
      entityId: id,
      action: 'delete',
      version: current.version,
      before: current,
      after: null,
    });
  });
}
