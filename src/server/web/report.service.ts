import { z } from 'zod';
import { ActivityListQuery, type ActivityOut } from '../activities/activities.schemas.js';
import { searchActivities } from '../activities/activities.service.js';
import type { Database } from '../db/db.js';
import type { TotalsOut } from '../stats/totals.schemas.js';
import type { Locale } from './i18n.js';
import { pageFigures, type PortalCurrency } from './portal.service.js';

/** The first year the portal's figures cover (the cooperation since 2001). */
export const FIRST_REPORT_YEAR = 2001;

/** A report's year: the same bounds as the activity list's year filters. */
export const ReportYear = z.coerce
  .number({ error: 'the year must be a number such as 2015' })
  .int('the year must be a whole number such as 2015')
  .min(1900, 'the year must be 1900 or later')
  .max(2200, 'the year must be 2200 or earlier');

export interface ReportModel {
  locale: Locale;
  year: number;
  currency: PortalCurrency;
  budget: TotalsOut;
  committed: TotalsOut;
  disbursed: TotalsOut;
  bySector: TotalsOut;
  byMunicipality: TotalsOut;
  /** The published programmes and projects running in the year, in the list's order. */
  activities: ActivityOut[];
  /** The day the report was made (ISO date). */
  made: string;
}

/**
 * Everything a yearly report shows, from the same services as the home page: money dated in the
 * year as the totals engine counts it (docs/decisions/007), and the activities running in it.
 */
export async function loadReport(
  db: Database,
  locale: Locale,
  year: number,
  currency: PortalCurrency = 'EUR',
): Promise<ReportModel> {
  const filters = { year_from: year, year_to: year };
  const figures = pageFigures(db, { lang: locale, currency, filters });
  const budget = await figures({});
  const committed = await figures({ measure: 'commitment' });
  const disbursed = await figures({ measure: 'disbursement' });
  const bySector = await figures({ groupBy: 'sector' });
  const byMunicipality = await figures({ groupBy: 'municipality' });
  const activities: ActivityOut[] = [];
  let cursor: string | undefined;
  for (;;) {
    const page = await searchActivities(
      db,
      null,
      ActivityListQuery.parse({ year_from: year, year_to: year, limit: 200, cursor }),
    );
    activities.push(...page.items);
    if (!page.next_cursor) break;
    cursor = page.next_cursor;
  }
  return {
    locale,
    year,
    currency,
    budget,
    committed,
    disbursed,
    bySector,
    byMunicipality,
    activities,
    made: new Date().toISOString().slice(0, 10),
  };
}
