import type { ActivityOut } from '../activities/activities.schemas.js';
import { searchActivities } from '../activities/activities.service.js';
import type { Database } from '../db/db.js';
import { searchOrganisations } from '../organisations/organisations.service.js';
import type { OrganisationOut } from '../organisations/organisations.schemas.js';
import { searchPlaces } from '../places/places.service.js';
import type { PlaceOut } from '../places/places.schemas.js';
import { ActivityListQuery } from '../activities/activities.schemas.js';
import { OrganisationListQuery } from '../organisations/organisations.schemas.js';
import { PlaceListQuery } from '../places/places.schemas.js';
import { t, type Locale } from './i18n.js';
import { href } from './layout.js';
import { nameIn } from './portal.service.js';

/**
 * Search across activities, partners and places with the registry's folded search, so case,
 * diacritics and script do not matter (presevo, Прешево and Preshevë find the same records).
 */
export interface SearchHits {
  activities: ActivityOut[];
  organisations: OrganisationOut[];
  places: PlaceOut[];
}

export async function searchEverything(
  db: Database,
  q: string,
  limit: number,
): Promise<SearchHits> {
  const [activities, organisations, places] = await Promise.all([
    searchActivities(db, null, ActivityListQuery.parse({ q, limit })),
    searchOrganisations(db, null, OrganisationListQuery.parse({ q, limit })),
    searchPlaces(db, PlaceListQuery.parse({ q, limit, kind: 'municipality,settlement' })),
  ]);
  return {
    activities: activities.items,
    organisations: organisations.items,
    places: places.items,
  };
}

export interface Suggestion {
  kind: 'activity' | 'organisation' | 'place';
  kind_label: string;
  label: string;
  href: string;
}

export function placeHref(locale: Locale, p: { kind: string; code: string; id: string }): string {
  return p.kind === 'municipality'
    ? href(locale, `/municipality/${p.code}`)
    : href(locale, `/projects?settlement=${p.id}`);
}

export async function suggest(
  db: Database,
  locale: Locale,
  q: string,
  limit = 4,
): Promise<Suggestion[]> {
  const hits = await searchEverything(db, q, limit);
  return [
    ...hits.activities.map((a) => ({
      kind: 'activity' as const,
      kind_label: t(locale, 'search.activities'),
      label: nameIn(locale, a.title),
      href: href(locale, `/project/${a.id}`),
    })),
    ...hits.organisations.map((o) => ({
      kind: 'organisation' as const,
      kind_label: t(locale, 'search.organisations'),
      label: nameIn(locale, o.names, o.acronym),
      href: href(locale, `/partner/${o.id}`),
    })),
    ...hits.places.map((p) => ({
      kind: 'place' as const,
      kind_label: t(locale, 'search.places'),
      label: nameIn(locale, p.names),
      href: placeHref(locale, p),
    })),
  ];
}
