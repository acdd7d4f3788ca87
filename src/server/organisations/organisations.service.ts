import type { Actor } from '../auth/actor.js';
import { canSeeUnpublished } from '../auth/actor.js';
import {
  inScope,
  requirePublicationChange,
  requireRole,
  requireSignedIn,
} from '../auth/permissions.js';
import { recordAudit } from '../audit/audit.queries.js';
import { checkCodes } from '../codelists/codelists.check.js';
import type { Database, Queryable } from '../db/db.js';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
  type FieldIssue,
} from '../errors.js';
import { findPlaceById } from '../places/places.queries.js';
import { decodeCursor, encodeCursor } from '../shared/cursor.js';
import type { Page } from '../shared/schemas.js';
import {
  escapeLike,
  foldForSearch,
  foldQuery,
  normaliseNarratives,
  searchDocument,
  withDerivedScripts,
} from '../text/index.js';
import {
  countOrganisationReferences,
  deleteOrganisation,
  findOrganisationById,
  insertOrganisation,
  isOrganisationAncestor,
  listOrganisations,
  organisationSubtree,
  updateOrganisation,
  type OrganisationRow,
  type OrganisationWrite,
} from './organisations.queries.js';
import type {
  OrganisationCreate,
  OrganisationListQuery,
  OrganisationOut,
  OrganisationUpdate,
} from './organisations.schemas.js';

export function presentOrganisation(row: OrganisationRow): OrganisationOut {
  const { text, derived } = withDerivedScripts(row.names);
  return {
    id: row.id,
    names: text,
    names_derived: derived,
    acronym: row.acronym,
    iati_ref: row.iati_ref,
    iati_type: row.iati_type,
    country: row.country,
    kind: row.kind,
    parent_id: row.parent_id,
    place_id: row.place_id,
    website: row.website,
    contacts: row.contacts,
    publication_status: row.publication_status,
    illustrative: row.illustrative,
    version: row.version,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

function toWrite(o: Omit<OrganisationWrite, 'search_text' | 'sort_key'>): OrganisationWrite {
  const names = normaliseNarratives(o.names);
  const primary = names.en ?? names['sr-Latn'] ?? names.sq ?? Object.values(names)[0] ?? '';
  return {
    ...o,
    names,
    search_text: searchDocument([...Object.values(names), o.acronym, o.iati_ref]),
    sort_key: foldForSearch(primary),
  };
}

async function validate(db: Database, o: OrganisationWrite, selfId: string | null): Promise<void> {
  const issues: FieldIssue[] = await checkCodes(db, [
    { path: 'iati_type', codelist: 'OrganisationType', code: o.iati_type },
    { path: 'country', codelist: 'Country', code: o.country },
  ]);
  if (Object.keys(o.names).length === 0)
    issues.push({ path: 'names', message: 'needs a name in at least one language' });
  if (o.parent_id) {
    const parent = await findOrganisationById(db, o.parent_id);
    if (!parent)
      issues.push({ path: 'parent_id', message: `organisation ${o.parent_id} does not exist` });
    else if (selfId && (await isOrganisationAncestor(db, selfId, o.parent_id))) {
      issues.push({
        path: 'parent_id',
        message: 'an organisation cannot be placed under itself or one of its own units',
      });
    }
  }
  if (o.place_id) {
    const place = await findPlaceById(db, o.place_id);
    if (!place) issues.push({ path: 'place_id', message: `place ${o.place_id} does not exist` });
    else if (o.kind === 'municipality' && place.kind !== 'municipality') {
      issues.push({
        path: 'place_id',
        message: 'a municipality organisation must point at a municipality place',
      });
    }
  }
  if (issues.length) throw new ValidationError(issues);
}

async function scopeOf(
  db: Queryable,
  actor: Actor,
  row: { id: string; place_id: string | null },
): Promise<boolean> {
  const subtree = actor.organisationId ? await organisationSubtree(db, actor.organisationId) : [];
  return inScope(
    actor,
    { organisationIds: [row.id], municipalityIds: row.place_id ? [row.place_id] : [] },
    subtree,
  );
}

export async function getOrganisation(
  db: Database,
  actor: Actor | null,
  id: string,
): Promise<OrganisationOut> {
  const row = await findOrganisationById(db, id);
  if (!row || (row.publication_status !== 'published' && !canSeeUnpublished(actor))) {
    throw new NotFoundError('Organisation', id);
  }
  return presentOrganisation(row);
}

export async function searchOrganisations(
  db: Database,
  actor: Actor | null,
  q: OrganisationListQuery,
): Promise<Page<OrganisationOut>> {
  const folded = q.q ? foldQuery(q.q) : '';
  const rows = await listOrganisations(db, {
    foldedQ: folded ? escapeLike(folded) : null,
    kinds: q.kind?.length ? q.kind : null,
    parentId: q.parent ?? null,
    publicationStatuses: canSeeUnpublished(actor)
      ? q.publication_status?.length
        ? q.publication_status
        : null
      : ['published'],
    cursor: decodeCursor(q.cursor),
    limit: q.limit,
  });
  const more = rows.length > q.limit;
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return {
    items: page.map(presentOrganisation),
    next_cursor: more && last ? encodeCursor({ k: last.sort_key, id: last.id }) : null,
  };
}

export async function createOrganisation(
  db: Database,
  actor: Actor | null,
  input: OrganisationCreate,
): Promise<OrganisationOut> {
  const a = requireRole(actor, ['admin', 'coordinator'], 'create organisations');
  requirePublicationChange(a, null, input.publication_status);
  const w = toWrite(input);
  await validate(db, w, null);
  return db.transaction(async (tx) => {
    const row = await insertOrganisation(tx, w, a.userId);
    await recordAudit(tx, {
      userId: a.userId,
      entity: 'organisation',
      entityId: row.id,
      action: 'create',
      version: row.version,
      before: null,
      after: row,
    });
    return presentOrganisation(row);
  });
}

export async function patchOrganisation(
  db: Database,
  actor: Actor | null,
  id: string,
  patch: OrganisationUpdate,
): Promise<OrganisationOut> {
  const a = requireSignedIn(actor);
  const current = await findOrganisationById(db, id);
  if (!current) throw new NotFoundError('Organisation', id);
  if (!(await scopeOf(db, a, current))) {
    throw new ForbiddenError('This organisation is outside your scope.');
  }
  const { version, ...changes } = patch;
  const next = toWrite({ ...current, ...changes });
  if (a.role === 'partner_editor' || a.role === 'municipality_editor') {
    if (
      next.kind !== current.kind ||
      next.parent_id !== current.parent_id ||
      next.place_id !== current.place_id
    ) {
      throw new ForbiddenError(
        'Only a coordinator may change an organisation’s kind, parent or place.',
      );
    }
  }
  requirePublicationChange(a, current.publication_status, next.publication_status);
  if (version !== current.version) throw staleVersion('Organisation', id, version, current.version);
  await validate(db, next, id);
  return db.transaction(async (tx) => {
    const row = await updateOrganisation(tx, id, version, next, a.userId);
    if (!row) {
      const now = await findOrganisationById(tx, id);
      throw staleVersion('Organisation', id, version, now?.version ?? null);
    }
    await recordAudit(tx, {
      userId: a.userId,
      entity: 'organisation',
      entityId: id,
      action: 'update',
      version: row.version,
      before: current,
      after: row,
    });
    return presentOrganisation(row);
  });
}

export async function removeOrganisation(
  db: Database,
  actor: Actor | null,
  id: string,
  version: number | null,
): Promise<void> {
  const a = requireRole(actor, ['admin', 'coordinator'], 'delete organisations');
  const current = await findOrganisationById(db, id);
  if (!current) throw new NotFoundError('Organisation', id);
  if (version !== null && version !== current.version)
    throw staleVersion('Organisation', id, version, current.version);
  const refs = await countOrganisationReferences(db, id);
  if (refs > 0) {
    throw new ConflictError(
      `Organisation ${id} is still referenced ${refs} time(s) by activities, units or users; remove those first.`,
      { references: refs },
    );
  }
  await db.transaction(async (tx) => {
    await deleteOrganisation(tx, id);
    await recordAudit(tx, {
      userId: a.userId,
      entity: 'organisation',
      entityId: id,
      action: 'delete',
      version: current.version,
      before: current,
      after: null,
    });
  });
}

/** The organisation, when the actor may edit it (documents attached to it need the same right). */
export async function requireOrganisationEditor(
  db: Database,
  actor: Actor | null,
  id: string,
): Promise<{ actor: Actor; organisation: OrganisationRow }> {
  const a = requireSignedIn(actor);
  const organisation = await findOrganisationById(db, id);
  if (!organisation) throw new NotFoundError('Organisation', id);
  if (!(await scopeOf(db, a, organisation)))
    throw new ForbiddenError('This organisation is outside your scope.');
  return { actor: a, organisation };
}

export function staleVersion(
  entity: string,
  id: string,
  sent: number,
  current: number | null,
): ConflictError {
  return new ConflictError(
    `${entity} ${id} was changed by someone else: you sent version ${sent}, the current version is ${current ?? 'gone'}. Reload, review their changes and save again.`,
    { sent_version: sent, current_version: current },
  );
}
