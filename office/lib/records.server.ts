/**
 * Server-side helpers shared by the activity's money, results and documents screens and the
 * organisation editor: the activity in the reader's language, organisations to choose from,
 * codelist choices, and service errors placed beside the field they are about.
 */
import type { AppLoadContext } from 'react-router';
import type { ActivityOut } from '../../src/server/activities/activities.schemas.js';
import type { Actor } from '../../src/server/auth/actor.js';
import { formatters, office, pick, rethrowAsPage } from './context.server';

export interface Choice {
  value: string;
  label: string;
}

export interface ActivityHead {
  id: string;
  title: string;
  version: number;
  status: string;
  defaultCurrency: string | null;
  canEdit: boolean;
}

export async function activityHead(
  context: AppLoadContext,
  actor: Actor,
  id: string,
): Promise<{ head: ActivityHead; activity: ActivityOut }> {
  const o = office(context);
  let activity: ActivityOut;
  try {
    activity = await o.services.getActivity(o.db, actor, id);
  } catch (e) {
    return rethrowAsPage(e);
  }
  return {
    activity,
    head: {
      id: activity.id,
      title: pick(activity.title, o.locale),
      version: activity.version,
      status: activity.publication_status,
      defaultCurrency: activity.default_currency,
      canEdit: await o.services.canEditActivity(o.db, actor, activity),
    },
  };
}

/** Every organisation the actor can see, by name in the reader's language and order. */
export async function organisationChoices(
  context: AppLoadContext,
  actor: Actor,
): Promise<Choice[]> {
  const o = office(context);
  const f = formatters(context);
  const s = o.services;
  const page = await s.searchOrganisations(
    o.db,
    actor,
    s.schemas.OrganisationListQuery.parse({ limit: '500' }),
  );
  return page.items
    .map((org) => ({
      value: org.id,
      label: pick(org.names, o.locale) + (org.acronym ? ` (${org.acronym})` : ''),
    }))
    .sort((a, b) => f.compare(a.label, b.label));
}

/** A codelist's codes with their names in the reader's language (English where none). */
export async function codelistChoices(context: AppLoadContext, name: string): Promise<Choice[]> {
  const o = office(context);
  const list = await o.services.getCodelist(o.db, name, { lang: o.locale, status: 'active' });
  return list.items.map((i) => ({ value: i.code, label: `${i.code} — ${i.label ?? i.code}` }));
}

export interface FieldError {
  field: string;
  message: string;
}

/** The municipalities and settlements of the three municipalities, labelled as in the editor. */
export async function placeChoices(context: AppLoadContext): Promise<Choice[]> {
  const o = office(context);
  const f = formatters(context);
  const s = o.services;
  const page = await s.searchPlaces(
    o.db,
    s.schemas.PlaceListQuery.parse({
      focus: 'true',
      kind: 'municipality,settlement',
      limit: '500',
    }),
  );
  const byId = new Map(page.items.map((p) => [p.id, p]));
  return page.items
    .map((p) => {
      const name = pick(p.names, o.locale);
      const parent = p.parent_id ? byId.get(p.parent_id) : undefined;
      return {
        value: p.id,
        label:
          p.kind === 'settlement' && parent ? `${name} (${pick(parent.names, o.locale)})` : name,
      };
    })
    .sort((a, b) => f.compare(a.label, b.label));
}
