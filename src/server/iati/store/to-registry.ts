import type { ActivityWrite, ListsWrite } from '../../activities/activities.queries.js';
import type { ParticipantRole } from '../../activities/activities.schemas.js';
import { foldForSearch, normaliseNarratives, searchDocument } from '../../text/index.js';
import type { IatiActivity, IatiOrgRef, IatiProblem } from '../iati.model.js';
import type { IatiExtrasWrite } from './store.queries.js';

const ROLE_BY_CODE: Record<string, ParticipantRole> = {
  '1': 'funding',
  '2': 'accountable',
  '3': 'extending',
  '4': 'implementing',
};

const DATE_TYPES = {
  planned_start: '1',
  actual_start: '2',
  planned_end: '3',
  actual_end: '4',
} as const;

export interface Resolved {
  /** Registry organisation ids for IATI organisation references, by reference object. */
  org(o: IatiOrgRef): string | null;
  /** The gazetteer place of a location, by its index in `activity.locations`. */
  place(index: number): string | null;
  parentId: string | null;
}

export interface RegistryRecord {
  core: ActivityWrite;
  lists: ListsWrite;
  extras: IatiExtrasWrite;
  columns: {
    default_lang: string | null;
    last_updated_at: string | null;
    capital_spend: string | null;
    conditions: unknown;
    contacts: unknown[];
    other_descriptions: unknown[];
  };
  problems: IatiProblem[];
}

function pct(p: string | null): number | null {
  if (p === null || p.trim() === '') return null;
  const n = Number(p);
  return Number.isFinite(n) ? n : null;
}

function year(date: string | null): number | null {
  return date ? Number(date.slice(0, 4)) : null;
}

function orgJson(o: (IatiOrgRef & { activityId: string | null }) | null) {
  return o ? { ref: o.ref, type: o.type, name: o.name, activity_id: o.activityId } : null;
}

/**
 * Maps one parsed IATI activity onto the registry's rows. What the registry's own columns cannot
 * hold (narratives of dates, location details, transaction sectors …) travels in jsonb columns,
 * so that an export gives back what was imported.
 */
export function toRegistry(
  a: IatiActivity,
  r: Resolved,
  publication: ActivityWrite['publication_status'],
): RegistryRecord {
  const problems: IatiProblem[] = [];
  const warn = (code: string, message: string, path: string) =>
    problems.push({
      severity: 'warning',
      code,
      message,
      activity: a.identifier,
      line: null,
      column: null,
      path,
    });

  const dateOf = (t: string) => a.dates.find((d) => d.type === t)?.isoDate ?? null;
  const title = normaliseNarratives(a.title);
  const general = a.descriptions.find((d) => d.type === '1');
  const description = normaliseNarratives(general?.narrative ?? {});
  const dates = {
    planned_start: dateOf(DATE_TYPES.planned_start),
    actual_start: dateOf(DATE_TYPES.actual_start),
    planned_end: dateOf(DATE_TYPES.planned_end),
    actual_end: dateOf(DATE_TYPES.actual_end),
  };
  const reportingOrgId = r.org(a.reportingOrg);
  const critical = (code: string, message: string, path: string) =>
    problems.push({
      severity: 'critical',
      code,
      message,
      activity: a.identifier,
      line: null,
      column: null,
      path,
    });
  // The registry holds these rules as constraints: an activity breaking them cannot be stored.
  if (dates.planned_start && dates.planned_end && dates.planned_end < dates.planned_start) {
    critical(
      'registry.end_before_start',
      `planned end ${dates.planned_end} is before planned start ${dates.planned_start}`,
      'activity-date',
    );
  }
  if (dates.actual_start && dates.actual_end && dates.actual_end < dates.actual_start) {
    critical(
      'registry.end_before_start',
      `actual end ${dates.actual_end} is before actual start ${dates.actual_start}`,
      'activity-date',
    );
  }
  if (a.hierarchy !== null && (a.hierarchy < 1 || a.hierarchy > 5)) {
    critical('registry.hierarchy', `hierarchy ${a.hierarchy} is outside 1–5`, '@hierarchy');
  }
  a.sectors.forEach((sct, i) => {
    const p = pct(sct.percentage);
    if (sct.percentage !== null && (p === null || p < 0 || p > 100)) {
      critical(
        'registry.percentage',
        `sector percentage "${sct.percentage}" is not between 0 and 100`,
        `sector[${i + 1}]`,
      );
    }
  });

  const participants: ListsWrite['participants'] = [];
  const seen = new Set<string>();
  a.participatingOrgs.forEach((p, i) => {
    const role = ROLE_BY_CODE[p.role];
    const id = r.org(p);
    if (!role)
      return warn(
        'participant.role',
        `participating-org has role "${p.role}", not one of 1–4; left out`,
        `participating-org[${i + 1}]`,
      );
    if (!id)
      return warn(
        'participant.unnamed',
        'participating-org has neither a ref nor a name; left out',
        `participating-org[${i + 1}]`,
      );
    const key = `${id}/${role}`;
    if (seen.has(key)) return;
    seen.add(key);
    participants.push({
      organisation_id: id,
      role,
      iati_activity_ref: p.activityId,
      org_type: p.type,
      crs_channel_code: p.crsChannelCode,
    });
  });

  const validPoint = (pt: IatiActivity['locations'][number]['point'], i: number) => {
    if (!pt) return null;
    if (Math.abs(pt.lat) <= 90 && Math.abs(pt.lon) <= 180) return pt;
    warn(
      'location.point_range',
      `point ${pt.lat} ${pt.lon} is not a latitude and longitude; left out`,
      `location[${i + 1}]/point`,
    );
    return null;
  };
  const locations: ListsWrite['locations'] = a.locations.map((l, i) => {
    const point = validPoint(l.point, i);
    return {
      place_id: r.place(i),
      lat: point?.lat ?? null,
      lon: point?.lon ?? null,
      name: l.name,
      percentage: null,
      ref: l.ref,
      iati: {
        reach: l.reach,
        location_ids: l.locationIds,
        description: l.description,
        activity_description: l.activityDescription,
        administrative: l.administrative,
        srs_name: l.point?.srsName ?? null,
        exactness: l.exactness,
        location_class: l.locationClass,
        feature_designation: l.featureDesignation,
      },
    };
  });

  const sectors: ListsWrite['sectors'] = [];
  const sectorKeys = new Set<string>();
  for (const s of a.sectors) {
    const vocabulary = s.vocabulary ?? '1';
    const key = `${vocabulary}/${s.code}`;
    if (sectorKeys.has(key)) {
      warn(
        'sector.duplicate',
        `sector ${s.code} (vocabulary ${vocabulary}) is listed twice; kept once`,
        'sector',
      );
      continue;
    }
    sectorKeys.add(key);
    sectors.push({
      vocabulary,
      code: s.code,
      percentage: pct(s.percentage),
      narrative: s.narrative,
    });
  }

  const currencyOf = (c: string | null) => c ?? a.defaultCurrency;
  const budgets: ListsWrite['budgets'] = [];
  a.budgets.forEach((b, i) => {
    const currency = currencyOf(b.value.currency);
    if (!currency)
      return warn(
        'budget.no_currency',
        'budget has no currency and the activity no default currency; left out',
        `budget[${i + 1}]`,
      );
    if (b.value.amount.trim().startsWith('-'))
      return warn('budget.negative', 'budget value is negative; left out', `budget[${i + 1}]`);
    if (b.periodEnd < b.periodStart)
      return warn(
        'budget.end_before_start',
        'budget period ends before it starts; left out',
        `budget[${i + 1}]`,
      );
    budgets.push({
      type: b.type ?? '1',
      status: b.status ?? '1',
      period_start: b.periodStart,
      period_end: b.periodEnd,
      value: b.value.amount,
      currency,
      value_date: b.value.valueDate || b.periodStart,
      note: null,
    });
  });

  const transactions: IatiExtrasWrite['transactions'] = [];
  a.transactions.forEach((t, i) => {
    const currency = currencyOf(t.value.currency);
    if (!currency)
      return warn(
        'transaction.no_currency',
        'transaction has no currency and the activity no default currency; left out',
        `transaction[${i + 1}]`,
      );
    transactions.push({
      ref: t.ref,
      humanitarian: t.humanitarian,
      type: t.type,
      date: t.date,
      value: t.value.amount,
      currency,
      value_date: t.value.valueDate || t.date,
      description: t.description,
      provider_org_id: t.provider ? r.org(t.provider) : null,
      provider: orgJson(t.provider),
      provider_activity_id: t.provider?.activityId ?? null,
      receiver_org_id: t.receiver ? r.org(t.receiver) : null,
      receiver: orgJson(t.receiver),
      receiver_activity_id: t.receiver?.activityId ?? null,
      disbursement_channel: t.disbursementChannel,
      sectors: t.sectors,
      recipient_country: t.recipientCountry,
      recipient_region: t.recipientRegion,
      flow_type: t.flowType,
      finance_type: t.financeType,
      aid_types: t.aidTypes,
      tied_status: t.tiedStatus,
    });
  });

  const plannedDisbursements: IatiExtrasWrite['planned_disbursements'] = [];
  a.plannedDisbursements.forEach((p, i) => {
    const currency = currencyOf(p.value.currency);
    if (!currency)
      return warn(
        'planned_disbursement.no_currency',
        'planned disbursement has no currency; left out',
        `planned-disbursement[${i + 1}]`,
      );
    plannedDisbursements.push({
      type: p.type,
      period_start: p.periodStart,
      period_end: p.periodEnd,
      value: p.value.amount,
      currency,
      value_date: p.value.valueDate || p.periodStart,
      provider: orgJson(p.provider),
      receiver: orgJson(p.receiver),
    });
  });

  const core: ActivityWrite = {
    iati_identifier: a.identifier,
    parent_id: r.parentId,
    hierarchy: a.hierarchy ?? 1,
    title,
    description,
    status: a.status,
    ...dates,
    scope: a.scope,
    default_currency: a.defaultCurrency,
    reporting_org_id: reportingOrgId,
    collaboration_type: a.collaborationType,
    default_flow_type: a.defaultFlowType,
    default_finance_type: a.defaultFinanceType,
    default_aid_types: a.defaultAidTypes.map((t) => ({
      vocabulary: t.vocabulary ?? '1',
      code: t.code,
    })),
    default_tied_status: a.defaultTiedStatus,
    humanitarian: a.humanitarian,
    illustrative: false,
    publication_status: publication,
    search_text: searchDocument([
      ...Object.values(title),
      ...Object.values(description),
      a.identifier,
      ...Object.values(a.reportingOrg.name),
      a.reportingOrg.ref,
      ...a.participatingOrgs.flatMap((p) => [...Object.values(p.name), p.ref]),
    ]),
    sort_key: foldForSearch(
      title.en ?? title['sr-Latn'] ?? title.sq ?? Object.values(title)[0] ?? a.identifier,
    ),
    start_year: year(dates.actual_start ?? dates.planned_start),
    end_year: year(dates.actual_end ?? dates.planned_end),
  };

  return {
    core,
    lists: {
      participants,
      locations,
      sectors,
      policy_markers: dedupe(
        a.policyMarkers.map((m) => ({
          vocabulary: m.vocabulary ?? '1',
          code: m.code,
          significance: m.significance,
        })),
      ),
      tags: dedupe(a.tags.map((t) => ({ vocabulary: t.vocabulary, code: t.code }))),
      budgets,
      document_links: a.documentLinks.map((d) => ({
        url: d.url,
        title: d.title,
        category: d.categories[0] ?? null,
        format: d.format,
        language: d.languages[0] ?? null,
        document_date: d.documentDate,
        note: null,
        description: d.description,
        categories: d.categories,
        languages: d.languages,
      })),
    },
    extras: {
      transactions,
      planned_disbursements: plannedDisbursements,
      recipients: [
        ...a.recipientCountries.map((c) => ({
          kind: 'country' as const,
          vocabulary: '',
          code: c.code,
          percentage: c.percentage,
          narrative: c.narrative,
        })),
        ...a.recipientRegions.map((c) => ({
          kind: 'region' as const,
          vocabulary: c.vocabulary ?? '1',
          code: c.code,
          percentage: c.percentage,
          narrative: c.narrative,
        })),
      ],
      results: a.results.map((res) => ({
        type: res.type,
        aggregation_status: res.aggregationStatus,
        title: res.title,
        description: res.description,
        indicators: res.indicators.map((ind) => ({
          measure: ind.measure,
          ascending: ind.ascending,
          aggregation_status: ind.aggregationStatus,
          title: ind.title,
          description: ind.description,
          refs: ind.references,
          baselines: ind.baselines,
          periods: ind.periods.map((p) => ({
            period_start: p.periodStart,
            period_end: p.periodEnd,
            targets: p.targets,
            actuals: p.actuals,
          })),
        })),
      })),
      related: dedupe(a.relatedActivities.map((x) => ({ ref: x.ref, type: x.type }))),
    },
    columns: {
      default_lang: a.defaultLang,
      last_updated_at: a.lastUpdated,
      capital_spend: a.capitalSpend,
      conditions: a.conditions,
      contacts: a.contacts,
      other_descriptions: a.descriptions
        .filter((d) => d.type !== '1')
        .map((d) => ({ type: d.type, narrative: d.narrative })),
    },
    problems,
  };
}

function dedupe<T>(items: T[]): T[] {
  const seen = new Set<string>();
  return items.filter((x) => {
    const k = JSON.stringify(x);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
