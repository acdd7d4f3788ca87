import { randomUUID } from 'node:crypto';
import type { Queryable } from '../db/db.js';

/*
 * Registry rows for the totals tests, written straight into the tables (the facts are derived
 * from the tables, whichever way the rows got there).
 */

export interface ActivitySpec {
  id?: string;
  iati?: string | null;
  parent?: string | null;
  published?: boolean;
  status?: string;
  reportingOrg?: string | null;
}

export async function addOrg(db: Queryable, name: string): Promise<string> {
  const id = randomUUID();
  await db.query(
    `insert into organisation (id, names, kind, publication_status) values ($1, $2, 'ngo', 'published')`,
    [id, JSON.stringify({ en: name })],
  );
  return id;
}

export async function addActivity(db: Queryable, spec: ActivitySpec = {}): Promise<string> {
  const id = spec.id ?? randomUUID();
  await db.query(
    `insert into activity (id, iati_identifier, parent_id, hierarchy, title, status, publication_status,
       reporting_org_id)
     values ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      id,
      spec.iati ?? null,
      spec.parent ?? null,
      spec.parent ? 2 : 1,
      JSON.stringify({ en: `Activity ${id.slice(0, 8)}` }),
      spec.status ?? '2',
      spec.published === false ? 'draft' : 'published',
      spec.reportingOrg ?? null,
    ],
  );
  return id;
}

export async function addParticipant(
  db: Queryable,
  activityId: string,
  orgId: string,
  role: string,
  iatiActivityRef: string | null = null,
  position = 0,
): Promise<void> {
  await db.query(
    `insert into activity_participant (activity_id, organisation_id, role, iati_activity_ref, position)
     values ($1, $2, $3, $4, $5)`,
    [activityId, orgId, role, iatiActivityRef, position],
  );
}

export async function addSector(
  db: Queryable,
  activityId: string,
  vocabulary: string,
  code: string,
  percentage: number | null,
): Promise<void> {
  await db.query(
    `insert into activity_sector (activity_id, vocabulary, code, percentage) values ($1, $2, $3, $4)`,
    [activityId, vocabulary, code, percentage],
  );
}

export async function addLocation(
  db: Queryable,
  activityId: string,
  placeId: string | null,
  percentage: number | null,
): Promise<void> {
  await db.query(
    `insert into activity_location (activity_id, place_id, percentage, lat, lon)
     values ($1, $2, $3, $4, $5)`,
    [activityId, placeId, percentage, placeId ? null : 42.3, placeId ? null : 21.6],
  );
}

export interface TransactionSpec {
  type: string;
  date: string;
  value: string;
  currency?: string;
  valueDate?: string;
  providerOrg?: string | null;
  providerActivity?: string | null;
  receiverActivity?: string | null;
  sectors?: { code: string; vocabulary?: string | null; percentage?: string | null }[];
}

export async function addTransaction(
  db: Queryable,
  activityId: string,
  t: TransactionSpec,
): Promise<string> {
  const id = randomUUID();
  await db.query(
    `insert into activity_transaction (id, activity_id, type, date, value, currency, value_date,
       provider_org_id, provider_activity_id, receiver_activity_id, sectors)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [
      id,
      activityId,
      t.type,
      t.date,
      t.value,
      t.currency ?? 'EUR',
      t.valueDate ?? t.date,
      t.providerOrg ?? null,
      t.providerActivity ?? null,
      t.receiverActivity ?? null,
      JSON.stringify(t.sectors ?? []),
    ],
  );
  return id;
}

export interface BudgetSpec {
  type?: '1' | '2';
  start: string;
  end: string;
  value: string;
  currency?: string;
  valueDate?: string;
}

export async function addBudget(db: Queryable, activityId: string, b: BudgetSpec): Promise<void> {
  await db.query(
    `insert into activity_budget (activity_id, type, period_start, period_end, value, currency, value_date)
     values ($1, $2, $3, $4, $5, $6, $7)`,
    [
      activityId,
      b.type ?? '1',
      b.start,
      b.end,
      b.value,
      b.currency ?? 'EUR',
      b.valueDate ?? b.start,
    ],
  );
}

export async function addRate(
  db: Queryable,
  currency: string,
  date: string,
  perEur: string,
): Promise<void> {
  await db.query(
    `insert into exchange_rate (currency, rate_date, per_eur, source) values ($1, $2, $3, 'test quotes')
     on conflict (currency, rate_date) do update set per_eur = excluded.per_eur, source = excluded.source`,
    [currency, date, perEur],
  );
}
