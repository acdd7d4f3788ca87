import type { Actor } from '../auth/actor.js';
import { requireRole } from '../auth/permissions.js';
import type { Database, Queryable } from '../db/db.js';
import { belgradeDate } from '../meetings/belgrade-time.js';
import { organisationSubtree } from '../organisations/organisations.queries.js';
import { withDerivedScripts } from '../text/index.js';
import {
  fixUrl,
  qualityMessage,
  WORDS,
  type MessageParam,
  type QualityKind,
  type Severity,
} from './quality.messages.js';
import {
  activitiesMissingDates,
  activitiesWithoutPlace,
  activitiesWithoutSector,
  budgetsOverOneYear,
  duplicatesAcrossPublishers,
  endBeforeStart,
  locationPercentagesOff,
  moneyValueDateIssues,
  moneyWithoutCurrency,
  publishedWithoutDescription,
  sectorPercentagesOff,
  type IssueRow,
  type QualityScope,
} from './quality.queries.js';
import type { QualityIssue, QualityQuery, QualityReport } from './quality.schemas.js';

function issue(
  kind: QualityKind,
  severity: Severity,
  row: IssueRow,
  params: Record<string, MessageParam> = {},
  details: Record<string, unknown> = {},
): QualityIssue {
  return {
    kind,
    severity,
    record_type: 'activity',
    id: row.id,
    title: withDerivedScripts(row.title).text,
    message: qualityMessage(kind, params),
    fix_url: fixUrl(kind, row.id),
    details,
  };
}

function word(key: string): MessageParam {
  return (WORDS as Record<string, MessageParam>)[key] ?? key;
}

function nameOf(n: Record<string, string> | null): string {
  if (!n) return '?';
  return n.en ?? n['sr-Latn'] ?? n.sq ?? Object.values(n)[0] ?? '?';
}

type Check = (db: Queryable, s: QualityScope, today: string) => Promise<QualityIssue[]>;

const CHECKS: Record<QualityKind, Check> = {
  missing_dates: async (db, s) =>
    (await activitiesMissingDates(db, s)).map((r) =>
      issue(
        'missing_dates',
        r.no_start ? 'error' : 'warning',
        r,
        { which: word(r.no_start && r.no_end ? 'start_end' : r.no_start ? 'start' : 'end') },
        { no_start: r.no_start, no_end: r.no_end },
      ),
    ),
  missing_sector: async (db, s) =>
    (await activitiesWithoutSector(db, s)).map((r) => issue('missing_sector', 'error', r)),
  missing_place: async (db, s) =>
    (await activitiesWithoutPlace(db, s)).map((r) => issue('missing_place', 'warning', r)),
  sector_percentages: async (db, s) =>
    (await sectorPercentagesOff(db, s)).map((r) =>
      issue(
        'sector_percentages',
        'error',
        r,
        { vocabulary: r.vocabulary, sum: Number(r.total) },
        { vocabulary: r.vocabulary, sum: r.total },
      ),
    ),
  location_percentages: async (db, s) =>
    (await locationPercentagesOff(db, s)).map((r) =>
      issue('location_percentages', 'warning', r, { sum: Number(r.total) }, { sum: r.total }),
    ),
  duplicate_publishers: async (db, s) =>
    (await duplicatesAcrossPublishers(db, s)).map((r) =>
      issue(
        'duplicate_publishers',
        r.reason === 'same_title_and_dates' ? 'warning' : 'info',
        r,
        {
          publisher: nameOf(r.publisher),
          other: nameOf(r.other_title),
          reason: word(r.reason),
        },
        { other_id: r.other_id, reason: r.reason },
      ),
    ),
  money_without_currency: async (db, s) =>
    (await moneyWithoutCurrency(db, s)).map((r) =>
      issue(
        'money_without_currency',
        'error',
        r,
        { row: word(r.row_kind), value: r.value, currency: r.currency ?? '' },
        { row: r.row_kind, value: r.value, currency: r.currency },
      ),
    ),
  money_value_date: async (db, s, today) =>
    (await moneyValueDateIssues(db, s, today)).map((r) =>
      issue(
        'money_value_date',
        'warning',
        r,
        { row: word(r.row_kind), value: r.value, currency: r.currency, date: r.value_date ?? '' },
        { row: r.row_kind, value: r.value, currency: r.currency, value_date: r.value_date },
      ),
    ),
  budget_period_over_year: async (db, s) =>
    (await budgetsOverOneYear(db, s)).map((r) =>
      issue(
        'budget_period_over_year',
        'error',
        r,
        { start: r.period_start, end: r.period_end },
        { period_start: r.period_start, period_end: r.period_end },
      ),
    ),
  end_before_start: async (db, s) =>
    (await endBeforeStart(db, s)).map((r) =>
      issue(
        'end_before_start',
        'error',
        r,
        { start: r.start, end: r.end },
        { start: r.start, end: r.end },
      ),
    ),
  published_without_description: async (db, s) =>
    (await publishedWithoutDescription(db, s)).map((r) =>
      issue('published_without_description', 'error', r),
    ),
};

/**
 * What is missing or inconsistent in the activities the reader may edit: staff and viewers see
 * every activity, a partner editor those of their organisation, a municipality editor those in
 * their municipality. Every issue links to the section of the back-office form that fixes it.
 */
export async function qualityReport(
  db: Database,
  actor: Actor | null,
  q: QualityQuery,
  clock: { now?: Date } = {},
): Promise<QualityReport> {
  const a = requireRole(
    actor,
    ['admin', 'coordinator', 'viewer', 'partner_editor', 'municipality_editor'],
    'read the data-quality list',
  );
  const scope: QualityScope = {
    scopeOrganisationIds:
      a.role === 'partner_editor'
        ? a.organisationId
          ? await organisationSubtree(db, a.organisationId)
          : []
        : null,
    scopeMunicipalityId: a.role === 'municipality_editor' ? a.municipalityId : null,
    municipalityId: q.municipality ?? null,
    organisationIds: q.organisation ? await organisationSubtree(db, q.organisation) : null,
  };
  const today = belgradeDate(clock.now ?? new Date());
  const kinds = (q.kind?.length ? q.kind : (Object.keys(CHECKS) as QualityKind[])).filter(
    (k, i, all) => all.indexOf(k) === i,
  );
  const all: QualityIssue[] = [];
  for (const kind of kinds) all.push(...(await CHECKS[kind](db, scope, today)));
  const filtered = q.severity?.length ? all.filter((i) => q.severity?.includes(i.severity)) : all;
  const counts: Record<string, number> = {};
  for (const i of filtered) counts[i.kind] = (counts[i.kind] ?? 0) + 1;
  return {
    total: filtered.length,
    counts,
    items: filtered.slice(q.offset, q.offset + q.limit),
  };
}
