import type { Queryable } from '../../db/db.js';
import { byActivity, groupBy } from '../../shared/group.js';
import type {
  IatiActivity,
  IatiCodeWithPercentage,
  IatiContact,
  IatiLocation,
  IatiOrgRef,
  IatiResult,
  IatiTransaction,
  Narratives,
} from '../iati.model.js';
import {
  loadCore,
  loadLocations,
  loadParticipants,
  loadSimpleRows,
  type CoreRow,
} from './load.queries.js';

const ROLE_CODES: Record<string, string> = {
  funding: '1',
  accountable: '2',
  extending: '3',
  implementing: '4',
};

/** Who publishes when a record names no reporting organisation: the office itself. */
export interface Publisher {
  ref: string;
  type: string;
  name: Narratives;
}

type OrgJson = {
  ref: string | null;
  type: string | null;
  name: Narratives;
  activity_id: string | null;
} | null;

function orgFrom(j: unknown): (IatiOrgRef & { activityId: string | null }) | null {
  const o = j as OrgJson;
  return o ? { ref: o.ref, type: o.type, name: o.name, activityId: o.activity_id } : null;
}

/**
 * Registry texts keep Serbian by script; IATI's Language codelist has only `sr`, so Serbian goes
 * out as `sr` (the Latin text when both were entered) and the reader detects the script again.
 */
function narratives(n: Record<string, string>): Narratives {
  const out: Narratives = {};
  for (const [lang, text] of Object.entries(n)) {
    if (lang === 'sr-Latn' || lang === 'sr-Cyrl') {
      if (lang === 'sr-Latn' || out.sr === undefined) out.sr = text;
    } else out[lang] = text;
  }
  return out;
}

function identifierOf(c: CoreRow, publisher: Publisher): string {
  return c.iati_identifier ?? `${c.reporting_org_ref ?? publisher.ref}-${c.id}`;
}

/**
 * Reads activities back out of the registry as IATI: the registry's own columns, and the jsonb
 * detail an import kept, so that what came in goes out again.
 */
export async function loadIatiActivities(
  db: Queryable,
  ids: readonly string[],
  publisher: Publisher,
): Promise<IatiActivity[]> {
  if (ids.length === 0) return [];
  const core = await loadCore(db, ids);
  const participants = groupBy(await loadParticipants(db, ids), (r) => r.activity_id);
  const locations = groupBy(await loadLocations(db, ids), (r) => r.activity_id);
  const s = await loadSimpleRows(db, ids);
  const by = byActivity;
  const sectors = by(s.sectors);
  const markers = by(s.markers);
  const tags = by(s.tags);
  const budgets = by(s.budgets);
  const documents = by(s.documents);
  const recipients = by(s.recipients);
  const related = by(s.related);
  const transactions = by(s.transactions);
  const planned = by(s.planned);
  const results = by(s.results);
  const indicators = groupBy(s.indicators, (i) => i.result_id);
  const periods = groupBy(s.periods, (p) => p.indicator_id);
  const order = new Map(ids.map((id, i) => [id, i]));
  core.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));

  return core.map((c): IatiActivity => {
    const dates: IatiActivity['dates'] = [];
    for (const [type, date] of [
      ['1', c.planned_start],
      ['2', c.actual_start],
      ['3', c.planned_end],
      ['4', c.actual_end],
    ] as const) {
      if (date) dates.push({ type, isoDate: date, narrative: {} });
    }
    const recips = recipients.get(c.id) ?? [];
    const toCode = (r: (typeof recips)[number]): IatiCodeWithPercentage => ({
      code: r.code,
      vocabulary: r.kind === 'region' ? r.vocabulary : null,
      vocabularyUri: null,
      percentage: r.percentage === null ? null : trimDecimal(r.percentage),
      narrative: r.narrative,
    });
    const results_: IatiResult[] = (results.get(c.id) ?? []).map((r) => ({
      type: r.type,
      aggregationStatus: r.aggregation_status,
      title: r.title,
      description: r.description,
      indicators: (indicators.get(r.id) ?? []).map((i) => ({
        measure: i.measure,
        ascending: i.ascending,
        aggregationStatus: i.aggregation_status,
        title: i.title,
        description: i.description,
        references: i.refs as IatiResult['indicators'][number]['references'],
        baselines: i.baselines as IatiResult['indicators'][number]['baselines'],
        periods: (periods.get(i.id) ?? []).map((p) => ({
          periodStart: p.period_start,
          periodEnd: p.period_end,
          targets: p.targets as IatiResult['indicators'][number]['periods'][number]['targets'],
          actuals: p.actuals as IatiResult['indicators'][number]['periods'][number]['actuals'],
        })),
      })),
    }));
    return {
      identifier: identifierOf(c, publisher),
      defaultLang: c.default_lang,
      defaultCurrency: c.default_currency,
      lastUpdated: c.last_updated_at ?? c.updated_at,
      humanitarian: c.humanitarian,
      hierarchy: c.hierarchy,
      reportingOrg: c.reporting_org_ref
        ? {
            ref: c.reporting_org_ref,
            type: c.reporting_org_type,
            name: narratives(c.reporting_org_names ?? {}),
            secondaryReporter: null,
          }
        : {
            ref: publisher.ref,
            type: publisher.type,
            name: publisher.name,
            secondaryReporter: null,
          },
      title: narratives(c.title),
      descriptions: [
        ...(Object.keys(c.description).length
          ? [{ type: '1', narrative: narratives(c.description) }]
          : []),
        ...c.other_descriptions,
      ],
      participatingOrgs: (participants.get(c.id) ?? []).map((p) => ({
        ref: p.ref,
        type: p.org_type ?? p.iati_type,
        name: narratives(p.names),
        role: ROLE_CODES[p.role] ?? '4',
        activityId: p.iati_activity_ref,
        crsChannelCode: p.crs_channel_code,
      })),
      status: c.status,
      dates,
      contacts: c.contacts as IatiContact[],
      scope: c.scope,
      recipientCountries: recips.filter((r) => r.kind === 'country').map(toCode),
      recipientRegions: recips.filter((r) => r.kind === 'region').map(toCode),
      locations: (locations.get(c.id) ?? []).map((l): IatiLocation => {
        const x = l.iati as Partial<Record<string, unknown>>;
        const fromPlace = l.place_code !== null && !Object.keys(x).length;
        return {
          ref: l.ref,
          reach: (x.reach as string | null | undefined) ?? null,
          locationIds: (x.location_ids as IatiLocation['locationIds'] | undefined) ?? [],
          name: Object.keys(l.name).length ? l.name : (l.place_names ?? {}),
          description: (x.description as Narratives | undefined) ?? {},
          activityDescription: (x.activity_description as Narratives | undefined) ?? {},
          administrative: (x.administrative as IatiLocation['administrative'] | undefined) ?? [],
          point:
            l.lat !== null && l.lon !== null
              ? {
                  srsName:
                    (x.srs_name as string | null | undefined) ??
                    'http://www.opengis.net/def/crs/EPSG/0/4326',
                  lat: l.lat,
                  lon: l.lon,
                }
              : fromPlace && l.place_lat !== null && l.place_lon !== null
                ? {
                    srsName: 'http://www.opengis.net/def/crs/EPSG/0/4326',
                    lat: l.place_lat,
                    lon: l.place_lon,
                  }
                : null,
          exactness: (x.exactness as string | null | undefined) ?? (fromPlace ? '2' : null),
          locationClass:
            (x.location_class as string | null | undefined) ?? (fromPlace ? '2' : null),
          featureDesignation:
            (x.feature_designation as string | null | undefined) ??
            (fromPlace ? (l.place_kind === 'settlement' ? 'PPL' : 'ADM2') : null),
        };
      }),
      sectors: (sectors.get(c.id) ?? []).map((r) => ({
        code: r.code,
        vocabulary: r.vocabulary,
        vocabularyUri: null,
        percentage: r.percentage === null ? null : trimDecimal(r.percentage),
        narrative: r.narrative,
      })),
      tags: (tags.get(c.id) ?? []).map((t) => ({
        vocabulary: t.vocabulary,
        vocabularyUri: null,
        code: t.code,
        narrative: {},
      })),
      policyMarkers: (markers.get(c.id) ?? []).map((m) => ({
        vocabulary: m.vocabulary,
        vocabularyUri: null,
        code: m.code,
        significance: m.significance,
        narrative: {},
      })),
      collaborationType: c.collaboration_type,
      defaultFlowType: c.default_flow_type,
      defaultFinanceType: c.default_finance_type,
      defaultAidTypes: c.default_aid_types.map((t) => ({ code: t.code, vocabulary: t.vocabulary })),
      defaultTiedStatus: c.default_tied_status,
      budgets: (budgets.get(c.id) ?? []).map((b) => ({
        type: b.type,
        status: b.status,
        periodStart: b.period_start,
        periodEnd: b.period_end,
        value: { amount: b.value, currency: b.currency, valueDate: b.value_date },
      })),
      plannedDisbursements: (planned.get(c.id) ?? []).map((p) => ({
        type: p.type,
        periodStart: p.period_start,
        periodEnd: p.period_end,
        value: { amount: p.value, currency: p.currency, valueDate: p.value_date },
        provider: orgFrom(p.provider),
        receiver: orgFrom(p.receiver),
      })),
      capitalSpend: c.capital_spend === null ? null : trimDecimal(c.capital_spend),
      transactions: (transactions.get(c.id) ?? []).map((t): IatiTransaction => ({
        ref: t.ref,
        humanitarian: t.humanitarian,
        type: t.type,
        date: t.date,
        value: { amount: t.value, currency: t.currency, valueDate: t.value_date },
        description: t.description,
        provider: orgFrom(t.provider),
        receiver: orgFrom(t.receiver),
        disbursementChannel: t.disbursement_channel,
        sectors: t.sectors as IatiCodeWithPercentage[],
        recipientCountry: t.recipient_country,
        recipientRegion: t.recipient_region as IatiTransaction['recipientRegion'],
        flowType: t.flow_type,
        financeType: t.finance_type,
        aidTypes: t.aid_types as IatiTransaction['aidTypes'],
        tiedStatus: t.tied_status,
      })),
      documentLinks: (documents.get(c.id) ?? []).map((d) => ({
        url: d.url,
        format: d.format ?? formatOf(d.url),
        title: d.title,
        description: d.description,
        // A link entered without a category is, to IATI, a web page about the activity (A12).
        categories: d.categories.length ? d.categories : ['A12'],
        languages: d.languages,
        documentDate: d.document_date,
      })),
      relatedActivities: (related.get(c.id) ?? []).map((r) => ({ ref: r.ref, type: r.type })),
      conditions: c.conditions as IatiActivity['conditions'],
      results: results_,
    };
  });
}

/** numeric(7,4) prints "50.0000"; IATI files write "50". */
export function trimDecimal(v: string): string {
  return v.includes('.') ? v.replace(/0+$/, '').replace(/\.$/, '') : v;
}

/** The media type of a linked document, from its extension; web pages otherwise. */
export function formatOf(url: string): string {
  const path = url.split(/[?#]/)[0]?.toLowerCase() ?? '';
  if (path.endsWith('.pdf')) return 'application/pdf';
  if (path.endsWith('.docx'))
    return 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
  if (path.endsWith('.doc')) return 'application/msword';
  if (path.endsWith('.xlsx'))
    return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  if (path.endsWith('.xls')) return 'application/vnd.ms-excel';
  if (path.endsWith('.json')) return 'application/json';
  if (path.endsWith('.xml')) return 'application/xml';
  if (path.endsWith('.csv')) return 'text/csv';
  return 'text/html';
}
