import type { Queryable } from '../db/db.js';
import type { AreaGeometry } from '../places/places.geometry.js';

/**
 * The portal's read-only aggregates. Money stays numeric in SQL and leaves as text; the counting
 * rule is written out in docs/decisions/010-public-portal.md until the totals engine replaces it.
 */

export type Measure = 'budget' | 'commitment' | 'disbursement';
export type GroupBy = 'year' | 'sector' | 'municipality' | 'organisation';

/** IATI TransactionType codes of the transaction measures. */
const TRANSACTION_TYPE: Record<Exclude<Measure, 'budget'>, string> = {
  commitment: '2',
  disbursement: '3',
};

/**
 * The money rows of a measure, counted once between a programme and its projects: a published
 * activity keeps, per currency, only the part of its own figure that its published
 * sub-activities do not report (own minus the children's sum, floored at 0), and each of its rows
 * is scaled by that part. Of an activity's budgets, revised ones (type 2) replace the original
 * ones. The selection filters after the rule, so a project's money never comes back through its
 * programme.
 */
function moneySql(measure: Measure, within: string | null): string {
  const raw =
    measure === 'budget'
      ? `select b.activity_id, b.value, b.currency, extract(year from b.period_start)::int as year
          from activity_budget b join activity a on a.id = b.activity_id
         where a.publication_status = 'published'
           and b.type = (select max(b2.type) from activity_budget b2 where b2.activity_id = b.activity_id)`
      : `select t.activity_id, t.value, t.currency, extract(year from t.date)::int as year
          from activity_transaction t join activity a on a.id = t.activity_id
         where a.publication_status = 'published' and t.type = '${TRANSACTION_TYPE[measure]}'`;
  return `with raw as (${raw}),
    own as (select activity_id, currency, sum(value) as v from raw group by activity_id, currency),
    kids as (select c.parent_id as activity_id, r.currency, sum(r.value) as v
               from raw r join activity c on c.id = r.activity_id
              where c.parent_id is not null group by c.parent_id, r.currency),
    part as (select o.activity_id, o.currency,
               case when o.v > 0 then greatest(o.v - coalesce(k.v, 0), 0) / o.v else 1 end as f
               from own o left join kids k on k.activity_id = o.activity_id and k.currency = o.currency)
    select r.activity_id, r.value * p.f as value, r.currency, r.year
      from raw r join part p on p.activity_id = r.activity_id and p.currency = r.currency
     where p.f > 0${within ? ` and r.activity_id = any(${within}::uuid[])` : ''}`;
}

/**
 * How an activity's money divides among the keys of a grouping: by the percentages given when
 * every row has one, otherwise in equal parts. An activity with no row goes to the null key.
 */
function sharesSql(group: Exclude<GroupBy, 'year'>): string {
  const rows =
    group === 'municipality'
      ? `select l.activity_id,
            (case p.kind when 'municipality' then p.id when 'settlement' then p.parent_id end)::text as key,
            l.percentage
          from activity_location l join place p on p.id = l.place_id`
      : group === 'sector'
        ? `select activity_id, code as key, percentage from activity_sector where vocabulary = '99'`
        : `select activity_id, organisation_id::text as key, null::numeric as percentage
            from activity_participant where role = 'funding'`;
  return `select activity_id, key,
      case when count(percentage) over w = count(*) over w and sum(percentage) over w > 0
        then percentage / sum(percentage) over w
        else 1.0 / count(*) over w end as share
    from (${rows}) r window w as (partition by activity_id)`;
}

export interface TotalRow {
  [key: string]: unknown;
  currency: string;
  key: string | null;
  value: string;
}

/** One row per currency (and key, when grouped), the value a decimal string. */
export async function sumMoney(
  db: Queryable,
  measure: Measure,
  groupBy: GroupBy | null,
  activityIds: readonly string[] | null,
): Promise<TotalRow[]> {
  const params: unknown[] = [];
  if (activityIds) params.push(activityIds);
  const money = moneySql(measure, activityIds ? '$1' : null);
  if (groupBy === null) {
    return db.query<TotalRow>(
      `select m.currency, null as key, round(sum(m.value), 2)::text as value
         from (${money}) m group by m.currency order by m.currency`,
      params,
    );
  }
  if (groupBy === 'year') {
    return db.query<TotalRow>(
      `select m.currency, m.year::text as key, round(sum(m.value), 2)::text as value
         from (${money}) m group by m.currency, m.year order by m.currency, m.year`,
      params,
    );
  }
  return db.query<TotalRow>(
    `select m.currency, s.key, round(sum(m.value * coalesce(s.share, 1)), 2)::text as value
       from (${money}) m left join (${sharesSql(groupBy)}) s on s.activity_id = m.activity_id
       group by m.currency, s.key order by m.currency, s.key`,
    params,
  );
}

export async function countPublished(
  db: Queryable,
  activityIds: readonly string[] | null,
): Promise<number> {
  const rows = await db.query<{ n: number }>(
    `select count(*)::int as n from activity
      where publication_status = 'published'${activityIds ? ' and id = any($1::uuid[])' : ''}`,
    activityIds ? [activityIds] : [],
  );
  return rows[0]?.n ?? 0;
}

export interface NameRow {
  [key: string]: unknown;
  id: string;
  names: Record<string, string>;
  acronym: string | null;
}

export async function organisationNames(db: Queryable, ids: readonly string[]): Promise<NameRow[]> {
  if (!ids.length) return [];
  return db.query<NameRow>(
    `select id::text, names, acronym from organisation where id = any($1::uuid[])`,
    [ids],
  );
}

export async function placeNames(db: Queryable, ids: readonly string[]): Promise<NameRow[]> {
  if (!ids.length) return [];
  return db.query<NameRow>(
    `select id::text, names, null as acronym from place where id = any($1::uuid[])`,
    [ids],
  );
}

export interface AreaRow {
  [key: string]: unknown;
  id: string;
  code: string;
  names: Record<string, string>;
  focus: boolean;
  lat: number | null;
  lon: number | null;
  geometry: AreaGeometry | null;
}

/** The municipalities the gazetteer has polygons for (the focus three and their neighbours). */
export async function municipalityAreas(db: Queryable): Promise<AreaRow[]> {
  return db.query<AreaRow>(
    `select id::text, code, names, focus, lat, lon, geometry from place
      where kind = 'municipality' and geometry is not null order by code`,
  );
}

export interface PointRow {
  [key: string]: unknown;
  id: string;
  kind: string;
  code: string;
  names: Record<string, string>;
  lat: number;
  lon: number;
  activities: number;
}

/** Places with a point where published activities (of the selection) are located. */
export async function activityPoints(
  db: Queryable,
  activityIds: readonly string[] | null,
): Promise<PointRow[]> {
  return db.query<PointRow>(
    `select p.id::text, p.kind, p.code, p.names, p.lat, p.lon, count(distinct a.id)::int as activities
       from activity_location l
       join activity a on a.id = l.activity_id
       join place p on p.id = l.place_id
      where a.publication_status = 'published' and p.lat is not null and p.lon is not null
        and p.kind in ('municipality', 'settlement')
        ${activityIds ? 'and a.id = any($1::uuid[])' : ''}
      group by p.id, p.kind, p.code, p.names, p.lat, p.lon
      order by activities desc, p.code
      limit 500`,
    activityIds ? [activityIds] : [],
  );
}

/** Points of the given places (an activity's locations), with their municipality. */
export async function placePoints(
  db: Queryable,
  ids: readonly string[],
): Promise<(PointRow & { municipality_id: string | null })[]> {
  if (!ids.length) return [];
  return db.query(
    `select p.id::text, p.kind, p.code, p.names, p.lat, p.lon, 1 as activities,
        (case p.kind when 'municipality' then p.id when 'settlement' then p.parent_id end)::text as municipality_id
       from place p where p.id = any($1::uuid[])`,
    [ids],
  );
}

export interface PlaceOption {
  [key: string]: unknown;
  id: string;
  kind: string;
  code: string;
  parent_id: string | null;
  names: Record<string, string>;
}

/** The focus municipalities and their settlements, for the explorer's place filters. */
export async function focusPlaces(db: Queryable): Promise<PlaceOption[]> {
  return db.query<PlaceOption>(
    `select id::text, kind, code, parent_id::text, names from place
      where focus and kind in ('municipality', 'settlement')`,
  );
}

export interface OrgOption {
  [key: string]: unknown;
  id: string;
  names: Record<string, string>;
  acronym: string | null;
}

/** Organisations taking part in published activities. */
export async function partnerOptions(db: Queryable): Promise<OrgOption[]> {
  return db.query<OrgOption>(
    `select o.id::text, o.names, o.acronym from organisation o
      where o.publication_status = 'published' and exists (
        select 1 from activity_participant ap join activity a on a.id = ap.activity_id
         where ap.organisation_id = o.id and a.publication_status = 'published')`,
  );
}

export interface ProgrammeOption {
  [key: string]: unknown;
  id: string;
  title: Record<string, string>;
  start_year: number | null;
  end_year: number | null;
  status: string | null;
}

/** Published top-level programmes, with their years, for the timeline and the filter. */
export async function programmeOptions(db: Queryable): Promise<ProgrammeOption[]> {
  return db.query<ProgrammeOption>(
    `select id::text, title, start_year, end_year, status from activity
      where publication_status = 'published' and hierarchy = 1 and parent_id is null
      order by coalesce(start_year, end_year, 9999), sort_key`,
  );
}

export interface ResultRow {
  [key: string]: unknown;
  result_title: Record<string, string>;
  type: string;
  indicator_title: Record<string, string>;
  measure: string;
  period_start: string | null;
  period_end: string | null;
  targets: { value?: string | null }[] | null;
  actuals: { value?: string | null }[] | null;
}

/** An activity's results with each indicator's periods (targets and actuals). */
export async function activityResults(db: Queryable, activityId: string): Promise<ResultRow[]> {
  return db.query<ResultRow>(
    `select r.title as result_title, r.type, i.title as indicator_title, i.measure,
        p.period_start::text, p.period_end::text, p.targets, p.actuals
       from activity_result r
       join result_indicator i on i.result_id = r.id
       left join indicator_period p on p.indicator_id = i.id
      where r.activity_id = $1
      order by r.position, i.position, p.position`,
    [activityId],
  );
}

export interface TransactionSumRow {
  [key: string]: unknown;
  type: string;
  currency: string;
  value: string;
}

/** An activity's own committed and disbursed money, per currency. */
export async function activityTransactionSums(
  db: Queryable,
  activityId: string,
): Promise<TransactionSumRow[]> {
  return db.query<TransactionSumRow>(
    `select type, currency, sum(value)::text as value from activity_transaction
      where activity_id = $1 and type in ('2', '3') group by type, currency order by type, currency`,
    [activityId],
  );
}

/** Published children of an activity. */
export async function childActivities(
  db: Queryable,
  parentId: string,
): Promise<{ id: string; title: Record<string, string> }[]> {
  return db.query(
    `select id::text, title from activity
      where parent_id = $1 and publication_status = 'published' order by sort_key, id limit 500`,
    [parentId],
  );
}
