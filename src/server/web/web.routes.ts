import { Hono } from 'hono';
import { searchActivities } from '../activities/activities.service.js';
import { ActivityListQuery } from '../activities/activities.schemas.js';
import type { AppEnv } from '../http/context.js';
import { homePage } from './home.page.js';
import { isLocale, negotiateLocale } from './i18n.js';

/** Public pages; the language is in the URL (/sq/, /sr-Latn/, /sr-Cyrl/, /en/). */
export const webRoutes = new Hono<AppEnv>()
  .get('/', (c) => c.redirect(`/${negotiateLocale(c.req.header('accept-language'))}/`, 302))
  .get('/:lang{(?:sq|sr-Latn|sr-Cyrl|en)}', async (c) => {
    const lang = c.req.param('lang');
    if (!isLocale(lang)) return c.notFound();
    // The public page shows what anonymous callers may see, whoever asks.
    const page = await searchActivities(
      c.var.db,
      null,
      ActivityListQuery.parse({ hierarchy: '1', limit: '200' }),
    );
    const programmes = page.items.sort((a, b) =>
      (a.actual_start ?? a.planned_start ?? '9999').localeCompare(
        b.actual_start ?? b.planned_start ?? '9999',
      ),
    );
    return c.html(homePage(lang, programmes));
  });
