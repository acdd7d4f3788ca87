import { TRANSACTION_COLS } from '../iati/store/store.queries.js';
import type { Queryable } from '../db/db.js';
import { convertedSql, rateAt } from '../currency/currency.queries.js';

export type PartyJson = {
  organisation_id?: string | null;
  ref: string | null;
  type: string | null;
  name: Record<string, string>;
  activity_id: string | null;
} | null;

export type TransactionRow = {
  id: string;
  activity_id: string;
  ref: string | null;
  humanitarian: boolean | null;
  type: string;
  date: string;
  value: string;
  currency: string;
  value_date: string;
  description: Record<string, string>;
  provider_org_id: string | null;
  provider: PartyJson;
  provider_activity_id: string | null;
  receiver_org_id: string | null;
  receiver: PartyJson;
  receiver_activity_id: string | null;
  disbursement_channel: string | null;
  sectors: unknown[];
  recipient_country: string | null;
  recipient_region: unknown;
  flow_type: string | null;
  finance_type: string | null;
  aid_types: unknown[];
  tied_status: string | null;
};
export type TransactionWrite = Omit<TransactionRow, 'id' | 'activity_id'>;

export type PlannedRow = {
  id: string;
  activity_id: string;
  type: string | null;
  period_start: string;
  period_end: string | null;
  value: string;
  currency: string;
  value_date: string;
  provider: PartyJson;
  receiver: PartyJson;
};
export type PlannedWrite = Omit<PlannedRow, 'id' | 'activity_id'>;

export type BudgetRow = {
  id: string;
  activity_id: string;
  type: string;
  status: string;
  period_start: string;
  period_end: string;
  value: string;
  currency: string;
  value_date: string;
  note: string | null;
};
export type BudgetWrite = Omit<BudgetRow, 'id' | 'activity_id'>;

/** A money table and the columns a row of it is written with, in order. */
interface Table {
  name: string;
  columns: readonly string[];
  /** Casts of parameters whose type the driver cannot infer. */
  casts: Readonly<Record<string, string>>;
  select: string;
  order: string;
}

const JSONB = '::jsonb';

export const TRANSACTIONS: Table = {
  name: 'activity_transaction',
  // the same columns the IATI import writes
  columns: TRANSACTION_COLS,
  casts: {
    description: JSONB,
    provider: JSONB,
    receiver: JSONB,
    sectors: JSONB,
    recipient_region: JSONB,
    aid_types: JSONB,
    date: '::date',
    value_date: '::date',
    value: '::numeric',
  },
  select: `id, activity_id, ref, humanitarian, type, date::text as date, value::text as value,
    currency, value_date::text as value_date, description, provider_org_id, provider,
    provider_activity_id, receiver_org_id, receiver, receiver_activity_id, disbursement_channel,
    sectors, recipient_country, recipient_region, flow_type, finance_type, aid_types, tied_status`,
  order: 'date, position, id',
};

export const PLANNED: Table = {
  name: 'activity_planned_disbursement',
  columns: [
    'type',
    'period_start',
    'period_end',
    'value',
    'currency',
    'value_date',
    'provider',
    'receiver',
  ],
  casts: {
    provider: JSONB,
    receiver: JSONB,
    period_start: '::date',
    period_end: '::date',
    value_date: '::date',
    value: '::numeric',
  },
  select: `id, activity_id, type, period_start::text as period_start,
    period_end::text as period_end, value::text as value, currency,
    value_date::text as value_date, provider, receiver`,
  order: 'period_start, position, id',
};

export const BUDGETS: Table = {
  name: 'activity_budget',
  columns: [
    'type',
    'status',
    'period_start',
    'period_end',
    'value',
    'currency',
    'value_date',
    'note',
  ],
  casts: {
    period_start: '::date',
    period_end: '::date',
    value_date: '::date',
    value: '::numeric',
  },
  select: `id, activity_id, type, status, period_start::text as period_start,
    period_end::text as period_end, value::text as value, currency,
    value_date::text as value_date, note`,
  order: 'position, period_start, id',
};

function param(t: Table, column: string, n: number): string {
  return `$${n}${t.casts[column] ?? ''}`;
}

function values(t: Table, row: Record<string, unknown>): unknown[] {
  return t.columns.map((c) => {
    const v = row[c];
    return t.casts[c] === JSONB && v !== null && v !== undefined ? JSON.stringify(v) : v;
  });
}

export async function listRows<R extends Record<string, unknown>>(
  db: Queryable,
  t: Table,
  activityId: string,
): Promise<R[]> {
  return db.query<R>(
    `select ${t.select} from ${t.name} where activity_id = $1 order by ${t.order}`,
    [activityId],
  );
}

export async function findRow<R extends Record<string, unknown>>(
  db: Queryable,
  t: Table,
  activityId: string,
  id: string,
): Promise<R | null> {
  const [row] = await db.query<R>(
    `select ${t.select} from ${t.name} where activity_id = $1 and id = $2`,
    [activityId, id],
  );
  return row ?? null;
}

/** Adds a row after the activity's last one. */
export async function insertRow<R extends Record<string, unknown>>(
  db: Queryable,
  t: Table,
  activityId: string,
  row: Record<string, unknown>,
): Promise<R> {
  const params = t.columns.map((c, i) => param(t, c, i + 2));
  const [out] = await db.query<R>(
    `insert into ${t.name} (activity_id, position, ${t.columns.join(', ')})
     select $1, coalesce((select max(position) + 1 from ${t.name} where activity_id = $1), 0),
            ${params.join(', ')}
     returning ${t.select}`,
    [activityId, ...values(t, row)],
  );
  if (!out) throw new Error(`insert into ${t.name} returned nothing`);
  return out;
}

export async function updateRow<R extends Record<string, unknown>>(
  db: Queryable,
  t: Table,
  activityId: string,
  id: string,
  row: Record<string, unknown>,
): Promise<R | null> {
  const sets = t.columns.map((c, i) => `${c} = ${param(t, c, i + 3)}`);
  const [out] = await db.query<R>(
    `update ${t.name} set ${sets.join(', ')} where activity_id = $1 and id = $2
     returning ${t.select}`,
    [activityId, id, ...values(t, row)],
  );
  return out ?? null;
}

export async function deleteRow(
  db: Queryable,
  t: Table,
  activityId: string,
  id: string,
): Promise<boolean> {
  const rows = await db.query(
    `delete from ${t.name} where activity_id = $1 and id = $2 returning id`,
    [activityId, id],
  );
  return rows.length > 0;
}

/**
 * A change to an activity's money is a change of the activity: its version goes up. With
 * `expected`, only if the stored version is that one; null when it is not.
 */
export async function bumpActivityVersion(
  db: Queryable,
  activityId: string,
  userId: string,
  expected: number | null,
): Promise<number | null> {
  const [row] = await db.query<{ version: number }>(
    `update activity set version = version + 1, updated_at = now(), updated_by = $2
      where id = $1 and ($3::int is null or version = $3::int)
      returning version`,
    [activityId, userId, expected],
  );
  return row?.version ?? null;
}

export type MeasureRow = { measure: string; rows: number; no_rate: number; total: string | null };

/**
 * Totals per measure of one activity in `currency`, each row converted with the quotes in force
 * on its value date and summed unrounded in SQL numeric. Budgets: a revised budget (type 2)
 * replaces the original of the same period. Transactions: 1 incoming funds, 2 commitment,
 * 3 disbursement, 4 expenditure.
 */
export async function moneyTotals(
  db: Queryable,
  activityId: string,
  currency: string,
): Promise<MeasureRow[]> {
  const conv = (alias: string) =>
    convertedSql(`${alias}.value`, `${alias}.currency`, '$2::text', 'fx', 'tx');
  const rates = (alias: string) =>
    `left join lateral ${rateAt(`${alias}.currency`, `${alias}.value_date`)} fx on true
     left join lateral ${rateAt('$2::text', `${alias}.value_date`)} tx on true`;
  return db.query<MeasureRow>(
    `select measure, count(*)::int as rows, count(*) filter (where v is null)::int as no_rate,
            sum(v)::text as total
       from (
         select 'budget' as measure, ${conv('b')} as v
           from activity_budget b ${rates('b')}
          where b.activity_id = $1
            and not (b.type = '1' and exists (
              select 1 from activity_budget r
               where r.activity_id = b.activity_id and r.type = '2'
                 and r.period_start = b.period_start and r.period_end = b.period_end))
         union all
         select 'planned_disbursement', ${conv('p')}
           from activity_planned_disbursement p ${rates('p')}
          where p.activity_id = $1
         union all
         select case t.type when '1' then 'incoming_funds' when '2' then 'commitment'
                            when '3' then 'disbursement' else 'expenditure' end, ${conv('t')}
           from activity_transaction t ${rates('t')}
          where t.activity_id = $1 and t.type in ('1', '2', '3', '4')
       ) x
      group by measure`,
    [activityId, currency],
  );
}
