import type { Queryable } from '../db/db.js';
import type { AreaGeometry } from '../places/places.geometry.js';

/**
 * The portal's read-only lookups. Its money figures come from the totals engine
 * (src/server/stats), never from here.
 */

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
