import { Hono } from 'hono';
import { stream } from 'hono/streaming';
import { z } from 'zod';
import type { ActivityOut } from '../activities/activities.schemas.js';
import { searchActivities } from '../activities/activities.service.js';
import type { Database } from '../db/db.js';
import type { AppContext, AppEnv } from '../http/context.js';
import { describe } from '../http/openapi.js';
import { parseQuery } from '../http/validate.js';
import { csvLine } from './csv.js';
import { isLocale, type Locale } from './i18n.js';
import { nameIn, SelectionQuery } from './portal.service.js';
import { suggest } from './portal.search.js';

const tags = ['Portal'];
const Lang = z.enum(['sq', 'sr-Latn', 'sr-Cyrl', 'en']).default('en').describe('Language of texts');
const DownloadQuery = SelectionQuery.extend({ lang: Lang });
const SuggestQuery = z.object({
  q: z.string().trim().min(1, 'give a few letters to search for').max(200),
  lang: Lang,
});
const SuggestOut = z.object({
  items: z.array(
    z.object({
      kind: z.enum(['activity', 'organisation', 'place']),
      kind_label: z.string(),
      label: z.string(),
      href: z.string(),
    }),
  ),
});

describe({
  method: 'get',
  path: '/api/v1/portal/activities.csv',
  summary: 'The published activities of a selection as CSV, streamed (UTF-8 with BOM)',
  tags,
  query: DownloadQuery,
  responseType: 'text/csv',
});
describe({
  method: 'get',
  path: '/api/v1/portal/activities.json',
  summary: 'The published activities of a selection as one JSON document, streamed',
  tags,
  query: DownloadQuery,
  responseType: 'application/json',
});
describe({
  method: 'get',
  path: '/api/v1/portal/suggest',
  summary: 'Suggestions as one types: activities, partners and places, in any script',
  tags,
  query: SuggestQuery,
  response: SuggestOut,
});

const ACTIVITY_COLUMNS = [
  'id',
  'iati_identifier',
  'level',
  'title',
  'status',
  'start',
  'end',
  'funding',
  'implementing',
  'places',
  'sectors',
  'budget',
  'budget_currency',
] as const;

function activityRow(locale: Locale, a: ActivityOut): string[] {
  const orgsIn = (role: string) =>
    a.participants
      .filter((p) => p.role === role)
      .map((p) => nameIn(locale, p.organisation.names, p.organisation.acronym))
      .join('; ');
  const revised = a.budgets.filter((b) => b.type === '2');
  const budgets = revised.length ? revised : a.budgets;
  const currencies = [...new Set(budgets.map((b) => b.currency))];
  // Amounts of one currency are added as decimal strings by the database elsewhere; here a
  // single currency's values are joined, never summed in floating point.
  return [
    a.id,
    a.iati_identifier ?? '',
    a.level,
    nameIn(locale, a.title),
    a.status ?? '',
    a.actual_start ?? a.planned_start ?? '',
    a.actual_end ?? a.planned_end ?? '',
    orgsIn('funding'),
    orgsIn('implementing'),
    a.locations
      .map((l) => (l.place ? nameIn(locale, l.place.names) : nameIn(locale, l.name)))
      .join('; '),
    a.sectors.map((s) => s.code).join('; '),
    budgets.map((b) => b.value).join(' + '),
    currencies.join('; '),
  ];
}

/** Every page of a selection's activities, in the list's order. */
async function* activityPages(db: Database, q: SelectionQuery): AsyncGenerator<ActivityOut[]> {
  let cursor: string | undefined;
  for (;;) {
    const page = await searchActivities(db, null, { ...q, limit: 200, cursor });
    if (page.items.length) yield page.items;
    if (!page.next_cursor) return;
    cursor = page.next_cursor;
  }
}

function attachment(c: AppContext, type: string, name: string) {
  c.header('Content-Type', type);
  c.header('Content-Disposition', `attachment; filename="${name}"`);
}

function localeOf(lang: string): Locale {
  return isLocale(lang) ? lang : 'en';
}

export const portalApiRoutes = new Hono<AppEnv>()
  .get('/activities.csv', (c) => {
    const { lang, ...q } = parseQuery(c, DownloadQuery);
    const locale = localeOf(lang);
    attachment(c, 'text/csv; charset=utf-8', 'activities.csv');
    return stream(c, async (s) => {
      await s.write('\uFEFF' + csvLine([...ACTIVITY_COLUMNS]));
      for await (const page of activityPages(c.var.db, q))
        await s.write(page.map((a) => csvLine(activityRow(locale, a))).join(''));
    });
  })
  .get('/activities.json', (c) => {
    const { lang: _lang, ...q } = parseQuery(c, DownloadQuery);
    attachment(c, 'application/json; charset=utf-8', 'activities.json');
    return stream(c, async (s) => {
      await s.write('{"items":[');
      let first = true;
      for await (const page of activityPages(c.var.db, q)) {
        for (const a of page) {
          await s.write((first ? '\n' : ',\n') + JSON.stringify(a));
          first = false;
        }
      }
      await s.write('\n]}\n');
    });
  })
  .get('/suggest', async (c) => {
    const q = parseQuery(c, SuggestQuery);
    return c.json({ items: await suggest(c.var.db, localeOf(q.lang), q.q) });
  });
