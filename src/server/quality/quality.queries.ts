import type { Queryable } from '../db/db.js';

/** Which activities to check: the reader's scope and the filters, all optional. */
export interface QualityScope {
  /** A partner editor's organisation and its units (reporting or taking part). */
  scopeOrganisationIds: string[] | null;
  /** A municipality editor's municipality (activities located in it). */
  scopeMunicipalityId: string | null;
  municipalityId: string | null;
  organisationIds: string[] | null;
}

class Sql {
  readonly params: unknown[] = [];
  p(v: unknown): string {
    this.params.push(v);
    return `$${this.params.length}`;
  }
}

function scopeWhere(s: QualityScope, sql: Sql): string {
  const where: string[] = [];
  const byOrg = (ids: string[]) => {
    const o = sql.p(ids);
    return `(a.reporting_org_id = any(${o}::uuid[]) or exists (select 1 from activity_participant ap
              where ap.activity_id = a.id and ap.organisation_id = any(${o}::uuid[])))`;
  };
  const byMunicipality = (id: string) => {
    const m = sql.p(id);
    return `exists (select 1 from activity_location l join place pl on pl.id = l.place_id
              where l.activity_id = a.id and (pl.id = ${m}::uuid or pl.parent_id = ${m}::uuid))`;
  };
  if (s.scopeOrganisationIds) where.push(byOrg(s.scopeOrganisationIds));
  if (s.scopeMunicipalityId) where.push(byMunicipality(s.scopeMunicipalityId));
  if (s.organisationIds) where.push(byOrg(s.organisationIds));
  if (s.municipalityId) where.push(byMunicipality(s.municipalityId));
  return where.length ? `where ${where.join(' and ')}` : '';
}

/** Activities in scope with their title, as a CTE named `scoped`. */
function scoped(s: QualityScope, sql: Sql): string {
  return `with scoped as (select a.* from activity a ${scopeWhere(s, sql)})`;
}

export interface IssueRow {
  [key: string]: unknown;
  id: string;
  title: Record<string, string>;
}

export async function activitiesMissingDates(db: Queryable, s: QualityScope) {
  const sql = new Sql();
  return db.query<IssueRow & { no_start: boolean; no_end: boolean }>(
    `${scoped(s, sql)}
     select a.id, a.title, (a.planned_start is null and a.actual_start is null) as no_start,
            (a.planned_end is null and a.actual_end is null) as no_end
       from scoped a
      where (a.planned_start is null and a.actual_start is null)
         or (a.planned_end is null and a.actual_end is null)
      order by a.sort_key, a.id`,
    sql.params,
  );
}

export async function activitiesWithoutSector(db: Queryable, s: QualityScope) {
  const sql = new Sql();
  return db.query<IssueRow>(
    `${scoped(s, sql)}
     select a.id, a.title from scoped a
      where not exists (select 1 from activity_sector x where x.activity_id = a.id)
      order by a.sort_key, a.id`,
    sql.params,
  );
}

export async function activitiesWithoutPlace(db: Queryable, s: QualityScope) {
  const sql = new Sql();
  return db.query<IssueRow>(
    `${scoped(s, sql)}
     select a.id, a.title from scoped a
      where not exists (select 1 from activity_location x where x.activity_id = a.id)
      order by a.sort_key, a.id`,
    sql.params,
  );
}

/**
 * Sector shares per vocabulary that do not add up to 100: when a vocabulary has several sectors,
 * or one with a percentage. Sums are computed in SQL numeric and returned as text.
 */
export async function sectorPercentagesOff(db: Queryable, s: QualityScope) {
  const sql = new Sql();
  return db.query<IssueRow & { vocabulary: string; total: string }>(
    `${scoped(s, sql)}
     select a.id, a.title, x.vocabulary, sum(coalesce(x.percentage, 0))::text as total
       from scoped a join activity_sector x on x.activity_id = a.id
      group by a.id, a.title, a.sort_key, x.vocabulary
     having (count(*) > 1 or bool_or(x.percentage is not null))
        and sum(coalesce(x.percentage, 0)) <> 100
      order by a.sort_key, a.id, x.vocabulary`,
    sql.params,
  );
}

export async function locationPercentagesOff(db: Queryable, s: QualityScope) {
  const sql = new Sql();
  return db.query<IssueRow & { total: string }>(
    `${scoped(s, sql)}
     select a.id, a.title, sum(coalesce(x.percentage, 0))::text as total
       from scoped a join activity_location x on x.activity_id = a.id
      group by a.id, a.title, a.sort_key
     having bool_or(x.percentage is not null) and sum(coalesce(x.percentage, 0)) <> 100
      order by a.sort_key, a.id`,
    sql.params,
  );
}

/**
 * The same activity reported by two publishers: pairs the IATI import linked, and pairs with the
 * same title and dates from different reporting organisations that nothing links yet.
 */
export async function duplicatesAcrossPublishers(db: Queryable, s: QualityScope) {
  const sql = new Sql();
  return db.query<
    IssueRow & {
      other_id: string;
      other_title: Record<string, string>;
      publisher: Record<string, string> | null;
      reason: string;
    }
  >(
    `${scoped(s, sql)}
     select a.id, a.title, b.id as other_id, b.title as other_title, o.names as publisher, l.reason
       from scoped a
       join activity_link l on l.activity_id = a.id
       join activity b on b.id = l.linked_activity_id
       left join organisation o on o.id = b.reporting_org_id
      where a.reporting_org_id is distinct from b.reporting_org_id
     union all
     select a.id, a.title, b.id, b.title, o.names, 'same_title_and_dates'
       from scoped a
       join activity b on b.sort_key = a.sort_key and b.id <> a.id
        and coalesce(b.actual_start, b.planned_start) = coalesce(a.actual_start, a.planned_start)
        and coalesce(b.actual_end, b.planned_end) is not distinct from coalesce(a.actual_end, a.planned_end)
        and b.reporting_org_id <> a.reporting_org_id
       left join organisation o on o.id = b.reporting_org_id
      where a.sort_key <> ''
        and not exists (select 1 from activity_link l where
              (l.activity_id = a.id and l.linked_activity_id = b.id)
           or (l.activity_id = b.id and l.linked_activity_id = a.id))
      order by 1, 3`,
    sql.params,
  );
}

const MONEY_ROWS = `
  select activity_id, 'transaction' as row_kind, value::text as value, currency, value_date from activity_transaction
  union all
  select activity_id, 'budget', value::text, currency, value_date from activity_budget
  union all
  select activity_id, 'planned_disbursement', value::text, currency, value_date from activity_planned_disbursement`;

export async function moneyWithoutCurrency(db: Queryable, s: QualityScope) {
  const sql = new Sql();
  return db.query<IssueRow & { row_kind: string; value: string; currency: string | null }>(
    `${scoped(s, sql)}
     select a.id, a.title, m.row_kind, m.value, m.currency
       from scoped a join (${MONEY_ROWS}) m on m.activity_id = a.id
      where m.currency is null
         or not exists (select 1 from codelist_item c where c.codelist = 'Currency' and c.code = m.currency)
      order by a.sort_key, a.id, m.row_kind`,
    sql.params,
  );
}

/** Money whose value date is missing or later than today (no exchange rate can exist yet). */
export async function moneyValueDateIssues(db: Queryable, s: QualityScope, today: string) {
  const sql = new Sql();
  return db.query<
    IssueRow & { row_kind: string; value: string; currency: string; value_date: string | null }
  >(
    `${scoped(s, sql)}
     select a.id, a.title, m.row_kind, m.value, m.currency, m.value_date
       from scoped a join (${MONEY_ROWS}) m on m.activity_id = a.id
      where m.value_date is null or m.value_date > ${sql.p(today)}::date
      order by a.sort_key, a.id, m.row_kind, m.value_date`,
    sql.params,
  );
}

export async function budgetsOverOneYear(db: Queryable, s: QualityScope) {
  const sql = new Sql();
  return db.query<IssueRow & { period_start: string; period_end: string }>(
    `${scoped(s, sql)}
     select a.id, a.title, b.period_start, b.period_end
       from scoped a join activity_budget b on b.activity_id = a.id
      where b.period_end >= (b.period_start + interval '1 year')::date
      order by a.sort_key, a.id, b.period_start`,
    sql.params,
  );
}

export async function endBeforeStart(db: Queryable, s: QualityScope) {
  const sql = new Sql();
  return db.query<IssueRow & { start: string; end: string }>(
    `${scoped(s, sql)}
     select a.id, a.title, coalesce(a.actual_start, a.planned_start) as start,
            coalesce(a.actual_end, a.planned_end) as "end"
       from scoped a
      where coalesce(a.actual_end, a.planned_end) < coalesce(a.actual_start, a.planned_start)
      order by a.sort_key, a.id`,
    sql.params,
  );
}

export async function publishedWithoutDescription(db: Queryable, s: QualityScope) {
  const sql = new Sql();
  return db.query<IssueRow>(
    `${scoped(s, sql)}
     select a.id, a.title from scoped a
      where a.publication_status = 'published'
        and not exists (select 1 from jsonb_each_text(a.description) d where btrim(d.value) <> '')
      order by a.sort_key, a.id`,
    sql.params,
  );
}
