import type { ActivityListQuery, ActivityOut } from '../activities/activities.schemas.js';
import { readActivities, selectActivityIds } from '../activities/activities.service.js';
import type { Actor } from '../auth/actor.js';
import type { Database } from '../db/db.js';
import type { OrganisationListQuery } from '../organisations/organisations.schemas.js';
import { searchOrganisations } from '../organisations/organisations.service.js';
import { latinToCyrillic, pickNarrative } from '../text/index.js';
import type { Column, Headers, TabularRow } from './tabular.js';

/** Headers in English, Albanian and Serbian Latin; the Cyrillic is derived, never typed twice. */
export function headers(en: string, sq: string, srLatn: string): Headers {
  return { en, sq, 'sr-Latn': srLatn, 'sr-Cyrl': latinToCyrillic(srLatn) };
}

/** The text of a multilingual field in the reader's language, else the closest one there is. */
export function narrativeIn(n: Readonly<Record<string, string>>, locale: string): string {
  return pickNarrative(n, [locale, 'en', 'sr-Latn', 'sq'])?.text ?? '';
}

export const ACTIVITY_COLUMNS: readonly Column[] = [
  { key: 'id', header: headers('Id', 'Id', 'Id'), type: 'text', width: 38 },
  {
    key: 'iati_identifier',
    header: headers('IATI identifier', 'Identifikuesi IATI', 'IATI identifikator'),
    type: 'text',
  },
  { key: 'title', header: headers('Title', 'Titulli', 'Naziv'), type: 'text', width: 60 },
  { key: 'level', header: headers('Level', 'Niveli', 'Nivo'), type: 'text' },
  { key: 'parent_id', header: headers('Parent', 'Prindi', 'Nadređeni'), type: 'text', width: 38 },
  { key: 'status', header: headers('Status', 'Statusi', 'Status'), type: 'text', width: 8 },
  {
    key: 'planned_start',
    header: headers('Planned start', 'Fillimi i planifikuar', 'Planirani početak'),
    type: 'date',
  },
  {
    key: 'actual_start',
    header: headers('Start date', 'Data e fillimit', 'Datum početka'),
    type: 'date',
  },
  {
    key: 'planned_end',
    header: headers('Planned end', 'Përfundimi i planifikuar', 'Planirani završetak'),
    type: 'date',
  },
  {
    key: 'actual_end',
    header: headers('End date', 'Data e përfundimit', 'Datum završetka'),
    type: 'date',
  },
  {
    key: 'municipalities',
    header: headers('Municipalities', 'Komunat', 'Opštine'),
    type: 'text',
  },
  { key: 'places', header: headers('Places', 'Vendet', 'Mesta'), type: 'text' },
  { key: 'sectors', header: headers('Sectors', 'Sektorët', 'Sektori'), type: 'text' },
  { key: 'funders', header: headers('Donors', 'Donatorët', 'Donatori'), type: 'text' },
  {
    key: 'implementers',
    header: headers(
      'Implementing organisations',
      'Organizatat zbatuese',
      'Organizacije koje sprovode',
    ),
    type: 'text',
  },
  {
    key: 'co_financers',
    header: headers('Co-financing', 'Bashkëfinancim', 'Sufinansiranje'),
    type: 'text',
  },
  {
    key: 'partnership',
    header: headers('Partnership', 'Partneriteti', 'Partnerstvo'),
    type: 'text',
  },
  {
    key: 'children_count',
    header: headers('Sub-activities', 'Nënaktivitete', 'Podaktivnosti'),
    type: 'number',
  },
  {
    key: 'publication_status',
    header: headers('Publication status', 'Statusi i publikimit', 'Status objave'),
    type: 'text',
  },
  {
    key: 'updated_at',
    header: headers('Updated', 'Përditësuar', 'Ažurirano'),
    type: 'date',
  },
];

function orgNames(a: ActivityOut, roles: readonly string[], locale: string): string {
  const names = a.participants
    .filter((p) => roles.includes(p.role))
    .map((p) => p.organisation.acronym ?? narrativeIn(p.organisation.names, locale));
  return [...new Set(names)].join('; ');
}

export function activityRow(a: ActivityOut, locale: string): TabularRow {
  const municipalities = new Set<string>();
  const places: string[] = [];
  for (const l of a.locations) {
    if (l.place?.kind === 'municipality') municipalities.add(narrativeIn(l.place.names, locale));
    else if (l.place) places.push(narrativeIn(l.place.names, locale));
    else if (Object.keys(l.name).length) places.push(narrativeIn(l.name, locale));
  }
  return {
    id: a.id,
    iati_identifier: a.iati_identifier,
    title: narrativeIn(a.title, locale),
    level: a.level,
    parent_id: a.parent_id,
    status: a.status,
    planned_start: a.planned_start,
    actual_start: a.actual_start,
    planned_end: a.planned_end,
    actual_end: a.actual_end,
    municipalities: [...municipalities].join('; '),
    places: places.join('; '),
    sectors: a.sectors
      .map((s) => (s.percentage ? `${s.code} (${s.percentage}%)` : s.code))
      .join('; '),
    funders: orgNames(a, ['funding'], locale),
    implementers: orgNames(a, ['implementing'], locale),
    co_financers: orgNames(a, ['co_financing'], locale),
    partnership: a.partnership.summary.join(' + '),
    children_count: a.children_count,
    publication_status: a.publication_status,
    updated_at: a.updated_at,
  };
}

/**
 * The rows of an activity list export: the list's own filters and visibility, read a page of ids
 * at a time through the list's keyset and presented a page at a time.
 */
export async function* activityRows(
  db: Database,
  actor: Actor | null,
  query: Omit<ActivityListQuery, 'limit' | 'cursor'>,
  locale: string,
  pageSize = 200,
): AsyncGenerator<TabularRow> {
  for await (const ids of selectActivityIds(db, actor, query, pageSize)) {
    for (const a of await readActivities(db, ids)) yield activityRow(a, locale);
  }
}

export const ORGANISATION_COLUMNS: readonly Column[] = [
  { key: 'id', header: headers('Id', 'Id', 'Id'), type: 'text', width: 38 },
  { key: 'name', header: headers('Name', 'Emri', 'Naziv'), type: 'text', width: 50 },
  { key: 'acronym', header: headers('Acronym', 'Akronimi', 'Skraćenica'), type: 'text' },
  { key: 'kind', header: headers('Kind', 'Lloji', 'Vrsta'), type: 'text' },
  {
    key: 'iati_ref',
    header: headers('IATI identifier', 'Identifikuesi IATI', 'IATI identifikator'),
    type: 'text',
  },
  {
    key: 'iati_type',
    header: headers('IATI organisation type', 'Lloji IATI', 'IATI vrsta'),
    type: 'text',
    width: 8,
  },
  { key: 'country', header: headers('Country', 'Shteti', 'Država'), type: 'text', width: 8 },
  { key: 'parent_id', header: headers('Parent', 'Prindi', 'Nadređena'), type: 'text', width: 38 },
  { key: 'website', header: headers('Website', 'Faqja e internetit', 'Veb-sajt'), type: 'text' },
  {
    key: 'publication_status',
    header: headers('Publication status', 'Statusi i publikimit', 'Status objave'),
    type: 'text',
  },
  { key: 'updated_at', header: headers('Updated', 'Përditësuar', 'Ažurirano'), type: 'date' },
];

/** The rows of an organisation list export, page by page through the list's keyset. */
export async function* organisationRows(
  db: Database,
  actor: Actor | null,
  query: Omit<OrganisationListQuery, 'limit' | 'cursor'>,
  locale: string,
  pageSize = 500,
): AsyncGenerator<TabularRow> {
  let cursor: string | undefined;
  for (;;) {
    const page = await searchOrganisations(db, actor, { ...query, limit: pageSize, cursor });
    for (const o of page.items) {
      yield {
        id: o.id,
        name: narrativeIn(o.names, locale),
        acronym: o.acronym,
        kind: o.kind,
        iati_ref: o.iati_ref,
        iati_type: o.iati_type,
        country: o.country,
        parent_id: o.parent_id,
        website: o.website,
        publication_status: o.publication_status,
        updated_at: o.updated_at,
      };
    }
    if (!page.next_cursor) return;
    cursor = page.next_cursor;
  }
}
