/**
 * Server-side helpers shared by the dialogue, local-needs, quality and IATI import screens: role
 * checks with a readable refusal, the vocabularies in the reader's language, and the choices the
 * forms offer (organisations, municipalities, settlements, activities).
 */
import { data, type AppLoadContext } from 'react-router';
import type { Actor } from '../../src/server/auth/actor.js';
import { loadChoices, type Choice } from './activity-data.server';
import {
  fieldIssues,
  formatters,
  isServiceError,
  office,
  pick,
  requireActor,
  translator,
} from './context.server';

export type Role = Actor['role'];

/** The actor, when their role is one of these; otherwise the error page with status 403. */
export function requireRoles(
  context: AppLoadContext,
  request: Request,
  roles: readonly Role[],
): Actor {
  const actor = requireActor(context, request);
  if (!roles.includes(actor.role)) {
    const t = translator(context);
    throw data(
      { message: roles.map((r) => t(`role.${r}` as 'role.admin')).join(', ') },
      { status: 403 },
    );
  }
  return actor;
}

/** A text of a vocabulary in the reader's language (sr-Cyrl is derived by the services). */
export function label(context: AppLoadContext, n: Record<string, string>): string {
  return pick(n, office(context).locale);
}

export function vocabulary(context: AppLoadContext) {
  const o = office(context);
  const v = o.services.dialogue.meetingVocabulary();
  const lbl = (n: Record<string, string>) => pick(n, o.locale);
  return {
    kinds: v.kinds.map((k) => ({ value: k.code, label: lbl(k.label) })),
    topics: v.topics.map((k) => ({
      value: k.code,
      label: lbl(k.label),
      group: k.group ?? 'dialogue',
    })),
    statuses: v.action_statuses.map((k) => ({ value: k.code, label: lbl(k.label) })),
  };
}

export interface DialogueChoices {
  organisations: Choice[];
  municipalities: Choice[];
  settlements: Choice[];
  places: Choice[];
  activities: Choice[];
  sectors: Choice[];
}

export async function dialogueChoices(
  context: AppLoadContext,
  actor: Actor,
): Promise<DialogueChoices> {
  const o = office(context);
  const f = formatters(context);
  const c = await loadChoices(context, actor);
  const acts = await o.services.searchActivities(
    o.db,
    actor,
    o.services.schemas.ActivityListQuery.parse({ limit: '200' }),
  );
  return {
    organisations: c.organisations,
    municipalities: c.places
      .filter((p) => p.kind === 'municipality')
      .map((p) => ({ value: p.id, label: p.label })),
    settlements: c.places
      .filter((p) => p.kind === 'settlement')
      .map((p) => ({ value: p.id, label: p.label })),
    places: c.places.map((p) => ({ value: p.id, label: p.label })),
    activities: acts.items
      .map((a) => ({ value: a.id, label: pick(a.title, o.locale) }))
      .sort((a, b) => f.compare(a.label, b.label)),
    sectors: c.sectors,
  };
}

/** A service's refusal of bad input as lines to show above the form; anything else rethrown. */
export function inputProblems(context: AppLoadContext, e: unknown): string[] {
  if (isServiceError(e) && [400, 409, 413, 422].includes(e.status)) {
    const t = translator(context);
    return fieldIssues(e).map((i) =>
      i.path ? t('error.field', { field: i.path, message: i.message }) : i.message,
    );
  }
  throw e;
}

/** Posted narratives in the three written languages; empty ones are left out. */
export function narratives(form: FormData, name: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const l of ['sq', 'sr-Latn', 'en']) {
    const v = form.get(`${name}.${l}`);
    if (typeof v === 'string' && v.trim() !== '') out[l] = v.trim();
  }
  return out;
}

/** Every posted value of a repeated field (checkboxes, multiple selects), without blanks. */
export function all(form: FormData, name: string): string[] {
  return form.getAll(name).filter((v): v is string => typeof v === 'string' && v !== '');
}
