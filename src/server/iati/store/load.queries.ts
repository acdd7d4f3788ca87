import type { Queryable } from '../../db/db.js';

/** Everything an IATI export needs of a batch of activities, in one round trip per table. */

export interface CoreRow {
  [key: string]: unknown;
  id: string;
  iati_identifier: string | null;
  hierarchy: number;
  title: Record<string, string>;
  description: Record<string, string>;
  other_descriptions: { type: string; narrative: Record<string, string> }[];
  status: string | null;
  planned_start: string | null;
  actual_start: string | null;
  planned_end: string | null;
  actual_end: string | null;
  scope: string | null;
  default_currency: string | null;
  default_lang: string | null;
  last_updated_at: string | null;
  updated_at: string;
  collaboration_type: string | null;
  default_flow_type: string | null;
  default_finance_type: string | null;
  default_aid_types: { vocabulary: string; code: string }[];
  default_tied_status: string | null;
  humanitarian: boolean | null;
  capital_spend: string | null;
  conditions: unknown;
  contacts: unknown[];
  reporting_org_ref: string | null;
  reporting_org_type: string | null;
  reporting_org_names: Record<string, string> | null;
}

export async function loadCore(db: Queryable, ids: readonly string[]): Promise<CoreRow[]> {
  return db.query<CoreRow>(
    `select a.id, a.iati_identifier, a.hierarchy, a.title, a.description, a.other_descriptions, a.status,
            a.planned_start, a.actual_start, a.planned_end, a.actual_end, a.scope, a.default_currency,
            a.default_lang, a.last_updated_at, a.updated_at, a.collaboration_type, a.default_flow_type,
            a.default_finance_type, a.default_aid_types, a.default_tied_status, a.humanitarian,
            a.capital_spend::text as capital_spend, a.conditions, a.contacts,
            o.iati_ref as reporting_org_ref, o.iati_type as reporting_org_type, o.names as reporting_org_names
       from activity a left join organisation o on o.id = a.reporting_org_id
      where a.id = any($1::uuid[])`,
    [ids],
  );
}

export interface ParticipantLoadRow {
  [key: string]: unknown;
  activity_id: string;
  role: string;
  iati_activity_ref: string | null;
  org_type: string | null;
  crs_channel_code: string | null;
  ref: string | null;
  iati_type: string | null;
  names: Record<string, string>;
}

export async function loadParticipants(
  db: Queryable,
  ids: readonly string[],
): Promise<ParticipantLoadRow[]> {
  return db.query<ParticipantLoadRow>(
    `select p.activity_id, p.role, p.iati_activity_ref, p.org_type, p.crs_channel_code,
            o.iati_ref as ref, o.iati_type, o.names
       from activity_participant p join organisation o on o.id = p.organisation_id
      where p.activity_id = any($1::uuid[]) and p.role in ('funding', 'accountable', 'extending', 'implementing')
      order by p.activity_id, p.position`,
    [ids],
  );
}

export interface LocationLoadRow {
  [key: string]: unknown;
  activity_id: string;
  ref: string | null;
  name: Record<string, string>;
  lat: number | null;
  lon: number | null;
  iati: Record<string, unknown>;
  place_kind: string | null;
  place_code: string | null;
  place_names: Record<string, string> | null;
  place_lat: number | null;
  place_lon: number | null;
}

export async function loadLocations(
  db: Queryable,
  ids: readonly string[],
): Promise<LocationLoadRow[]> {
  return db.query<LocationLoadRow>(
    `select l.activity_id, l.ref, l.name, l.lat, l.lon, l.iati, p.kind as place_kind, p.code as place_code,
            p.names as place_names, p.lat as place_lat, p.lon as place_lon
       from activity_location l left join place p on p.id = l.place_id
      where l.activity_id = any($1::uuid[]) order by l.activity_id, l.position`,
    [ids],
  );
}

export interface SimpleRows {
  sectors: {
    activity_id: string;
    vocabulary: string;
    code: string;
    percentage: string | null;
    narrative: Record<string, string>;
  }[];
  markers: { activity_id: string; vocabulary: string; code: string; significance: string | null }[];
  tags: { activity_id: string; vocabulary: string; code: string }[];
  budgets: {
    activity_id: string;
    type: string;
    status: string;
    period_start: string;
    period_end: string;
    value: string;
    currency: string;
    value_date: string;
  }[];
  documents: {
    activity_id: string;
    url: string;
    title: Record<string, string>;
    description: Record<string, string>;
    format: string | null;
    categories: string[];
    languages: string[];
    document_date: string | null;
  }[];
  recipients: {
    activity_id: string;
    kind: string;
    vocabulary: string;
    code: string;
    percentage: string | null;
    narrative: Record<string, string>;
  }[];
  related: { activity_id: string; ref: string; type: string }[];
  transactions: {
    activity_id: string;
    ref: string | null;
    humanitarian: boolean | null;
    type: string;
    date: string;
    value: string;
    currency: string;
    value_date: string;
    description: Record<string, string>;
    provider: unknown;
    receiver: unknown;
    disbursement_channel: string | null;
    sectors: unknown[];
    recipient_country: string | null;
    recipient_region: unknown;
    flow_type: string | null;
    finance_type: string | null;
    aid_types: unknown[];
    tied_status: string | null;
  }[];
  planned: {
    activity_id: string;
    type: string | null;
    period_start: string;
    period_end: string | null;
    value: string;
    currency: string;
    value_date: string;
    provider: unknown;
    receiver: unknown;
  }[];
  results: {
    activity_id: string;
    id: string;
    type: string;
    aggregation_status: boolean | null;
    title: Record<string, string>;
    description: Record<string, string>;
  }[];
  indicators: {
    result_id: string;
    id: string;
    measure: string;
    ascending: boolean | null;
    aggregation_status: boolean | null;
    title: Record<string, string>;
    description: Record<string, string>;
    refs: unknown[];
    baselines: unknown[];
  }[];
  periods: {
    indicator_id: string;
    period_start: string;
    period_end: string;
    targets: unknown[];
    actuals: unknown[];
  }[];
}

export async function loadSimpleRows(db: Queryable, ids: readonly string[]): Promise<SimpleRows> {
  const p = [ids];
  const q = <T>(sql: string) => db.query(sql, p) as Promise<T[]>;
  const sectors = await q<SimpleRows['sectors'][number]>(
    `select activity_id, vocabulary, code, percentage::text as percentage, narrative from activity_sector
      where activity_id = any($1::uuid[]) order by activity_id, position`,
  );
  const markers = await q<SimpleRows['markers'][number]>(
    `select activity_id, vocabulary, code, significance from activity_policy_marker
      where activity_id = any($1::uuid[]) order by activity_id, vocabulary, code`,
  );
  const tags = await q<SimpleRows['tags'][number]>(
    `select activity_id, vocabulary, code from activity_tag where activity_id = any($1::uuid[]) order by activity_id, vocabulary, code`,
  );
  const budgets = await q<SimpleRows['budgets'][number]>(
    `select activity_id, type, status, period_start, period_end, value::text as value, currency, value_date
       from activity_budget where activity_id = any($1::uuid[]) order by activity_id, position`,
  );
  const documents = await q<SimpleRows['documents'][number]>(
    `select activity_id, url, title, description, format, categories, languages, document_date
       from document_link where activity_id = any($1::uuid[]) order by activity_id, position`,
  );
  const recipients = await q<SimpleRows['recipients'][number]>(
    `select activity_id, kind, vocabulary, code, percentage::text as percentage, narrative from activity_recipient
      where activity_id = any($1::uuid[]) order by activity_id, position`,
  );
  const related = await q<SimpleRows['related'][number]>(
    `select activity_id, ref, type from activity_related where activity_id = any($1::uuid[]) order by activity_id, position`,
  );
  const transactions = await q<SimpleRows['transactions'][number]>(
    `select activity_id, ref, humanitarian, type, date, value::text as value, currency, value_date, description,
            provider, receiver, disbursement_channel, sectors, recipient_country, recipient_region, flow_type,
            finance_type, aid_types, tied_status
       from activity_transaction where activity_id = any($1::uuid[]) order by activity_id, position`,
  );
  const planned = await q<SimpleRows['planned'][number]>(
    `select activity_id, type, period_start, period_end, value::text as value, currency, value_date, provider, receiver
       from activity_planned_disbursement where activity_id = any($1::uuid[]) order by activity_id, position`,
  );
  const results = await q<SimpleRows['results'][number]>(
    `select activity_id, id, type, aggregation_status, title, description from activity_result
      where activity_id = any($1::uuid[]) order by activity_id, position`,
  );
  const resultIds = results.map((r) => r.id);
  const indicators = resultIds.length
    ? await db.query<SimpleRows['indicators'][number]>(
        `select result_id, id, measure, ascending, aggregation_status, title, description, refs, baselines
           from result_indicator where result_id = any($1::uuid[]) order by result_id, position`,
        [resultIds],
      )
    : [];
  const indicatorIds = indicators.map((i) => i.id);
  const periods = indicatorIds.length
    ? await db.query<SimpleRows['periods'][number]>(
        `select indicator_id, period_start, period_end, targets, actuals from indicator_period
          where indicator_id = any($1::uuid[]) order by indicator_id, position`,
        [indicatorIds],
      )
    : [];
  return {
    sectors,
    markers,
    tags,
    budgets,
    documents,
    recipients,
    related,
    transactions,
    planned,
    results,
    indicators,
    periods,
  };
}

export interface PublisherRow {
  [key: string]: unknown;
  ref: string | null;
  iati_type: string | null;
  names: Record<string, string> | null;
  updated_at: string | null;
}

/** The reporting organisations of published activities; a null ref stands for the office itself. */
export async function loadPublishers(db: Queryable): Promise<PublisherRow[]> {
  return db.query<PublisherRow>(
    `select distinct o.iati_ref as ref, o.iati_type, o.names, o.updated_at
       from activity a left join organisation o on o.id = a.reporting_org_id
      where a.publication_status = 'published'
      order by 1 nulls first`,
  );
}
