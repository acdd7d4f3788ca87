import { getActivity, requireActivityEditor } from '../activities/activities.service.js';
import type { ActivityOut } from '../activities/activities.schemas.js';
import type { Actor } from '../auth/actor.js';
import { recordAudit } from '../audit/audit.queries.js';
import { checkCodes, type CodeCheck } from '../codelists/codelists.check.js';
import {
  aidTypeCodelist,
  regionCodelist,
  sectorCodelist,
} from '../codelists/codelists.vocabularies.js';
import { convertMany } from '../currency/currency.convert.js';
import { decimal, formatDecimal } from '../currency/decimal.js';
import type { Database } from '../db/db.js';
import { ConflictError, NotFoundError, ValidationError, type FieldIssue } from '../errors.js';
import { findOrganisationsByIds } from '../organisations/organisations.queries.js';
import { staleVersion } from '../organisations/organisations.service.js';
import {
  BUDGETS,
  bumpActivityVersion,
  deleteRow,
  findRow,
  insertRow,
  listRows,
  moneyTotals,
  PLANNED,
  TRANSACTIONS,
  updateRow,
  type BudgetRow,
  type PartyJson,
  type PlannedRow,
  type TransactionRow,
} from './money.queries.js';
import {
  BudgetIn,
  MEASURES,
  PlannedDisbursementIn,
  TransactionIn,
  type BudgetOut,
  type Converted,
  type MoneySummaryOut,
  type Party,
  type PartyOut,
  type PlannedDisbursementOut,
  type TransactionOut,
} from './money.schemas.js';

/** The three kinds of money row an activity has, each in its own table. */
export type MoneyKind = 'transactions' | 'planned-disbursements' | 'budgets';

interface KindSpec<In, Row, Out> {
  table: typeof TRANSACTIONS;
  /** Name in messages and in the activity's history. */
  entity: string;
  auditKey: string;
  write: (db: Database, input: In, activity: ActivityOut) => Promise<Record<string, unknown>>;
  present: (row: Row, activityVersion: number) => Out;
}

// ---- shared checks ----

function currencyOf(given: string | null, activity: ActivityOut, issues: FieldIssue[]): string {
  const currency = given ?? activity.default_currency;
  if (!currency) {
    issues.push({
      path: 'currency',
      message: 'give a currency: the activity has no default currency',
      code: 'currency_missing',
    });
    return '';
  }
  return currency;
}

async function parties(
  db: Database,
  input: Record<string, Party | null>,
  issues: FieldIssue[],
): Promise<Record<string, PartyJson>> {
  const ids = Object.values(input)
    .map((p) => p?.organisation_id)
    .filter((x): x is string => typeof x === 'string');
  const orgs = new Map((await findOrganisationsByIds(db, ids)).map((o) => [o.id, o]));
  const out: Record<string, PartyJson> = {};
  for (const [key, p] of Object.entries(input)) {
    if (!p) {
      out[key] = null;
      continue;
    }
    const named = Object.values(p.narrative).some((t) => t.trim() !== '');
    if (p.organisation_id) {
      const org = orgs.get(p.organisation_id);
      if (!org) {
        issues.push({
          path: `${key}.organisation_id`,
          message: `organisation ${p.organisation_id} does not exist`,
          code: 'not_found',
        });
        out[key] = null;
        continue;
      }
      out[key] = {
        organisation_id: org.id,
        ref: org.iati_ref,
        type: org.iati_type,
        name: named ? p.narrative : org.names,
        activity_id: p.activity_id,
      };
    } else {
      out[key] = {
        organisation_id: null,
        ref: null,
        type: null,
        name: p.narrative,
        activity_id: p.activity_id,
      };
    }
  }
  return out;
}

function partyOut(json: PartyJson, organisationId: string | null | undefined): PartyOut {
  if (!json) return null;
  return {
    organisation_id: organisationId ?? json.organisation_id ?? null,
    ref: json.ref,
    type: json.type,
    name: json.name,
    activity_id: json.activity_id,
  };
}

async function finish(db: Database, issues: FieldIssue[], codes: CodeCheck[]): Promise<void> {
  issues.push(...(await checkCodes(db, codes)));
  if (issues.length) throw new ValidationError(issues);
}

// ---- the three kinds ----

const transactionSpec: KindSpec<TransactionIn, TransactionRow, TransactionOut> = {
  table: TRANSACTIONS,
  entity: 'Transaction',
  auditKey: 'transaction',
  async write(db, t, activity) {
    const issues: FieldIssue[] = [];
    const currency = currencyOf(t.currency, activity, issues);
    const p = await parties(db, { provider: t.provider, receiver: t.receiver }, issues);
    const codes: CodeCheck[] = [
      { path: 'type', codelist: 'TransactionType', code: t.type },
      { path: 'currency', codelist: 'Currency', code: currency || null },
      {
        path: 'disbursement_channel',
        codelist: 'DisbursementChannel',
        code: t.disbursement_channel,
      },
      { path: 'recipient_country', codelist: 'Country', code: t.recipient_country },
      { path: 'flow_type', codelist: 'FlowType', code: t.flow_type },
      { path: 'finance_type', codelist: 'FinanceType', code: t.finance_type },
      { path: 'tied_status', codelist: 'TiedStatus', code: t.tied_status },
    ];
    t.sectors.forEach((s, i) => {
      const list = sectorCodelist(s.vocabulary);
      if (list) codes.push({ path: `sectors.${i}.code`, codelist: list, code: s.code });
    });
    t.aid_types.forEach((a, i) => {
      const list = aidTypeCodelist(a.vocabulary);
      if (list) codes.push({ path: `aid_types.${i}.code`, codelist: list, code: a.code });
    });
    if (t.recipient_region) {
      const list = regionCodelist(t.recipient_region.vocabulary);
      if (list)
        codes.push({
          path: 'recipient_region.code',
          codelist: list,
          code: t.recipient_region.code,
        });
    }
    await finish(db, issues, codes);
    return {
      ref: t.ref,
      humanitarian: t.humanitarian,
      type: t.type,
      date: t.date,
      value: t.value,
      currency,
      value_date: t.value_date ?? t.date,
      description: t.description,
      provider_org_id: p.provider?.organisation_id ?? null,
      provider: p.provider ?? null,
      provider_activity_id: p.provider?.activity_id ?? null,
      receiver_org_id: p.receiver?.organisation_id ?? null,
      receiver: p.receiver ?? null,
      receiver_activity_id: p.receiver?.activity_id ?? null,
      disbursement_channel: t.disbursement_channel,
      // The shape the IATI store keeps (and exports) for transaction sectors.
      sectors: t.sectors.map((s) => ({
        code: s.code,
        vocabulary: s.vocabulary,
        vocabularyUri: null,
        percentage: null,
        narrative: s.narrative,
      })),
      recipient_country: t.recipient_country,
      recipient_region: t.recipient_region,
      flow_type: t.flow_type,
      finance_type: t.finance_type,
      aid_types: t.aid_types,
      tied_status: t.tied_status,
    };
  },
  present: (r, activity_version) => ({
    id: r.id,
    activity_id: r.activity_id,
    type: r.type,
    date: r.date,
    value: r.value,
    currency: r.currency,
    value_date: r.value_date,
    ref: r.ref,
    humanitarian: r.humanitarian,
    description: r.description,
    provider: partyOut(r.provider, r.provider_org_id),
    receiver: partyOut(r.receiver, r.receiver_org_id),
    disbursement_channel: r.disbursement_channel,
    sectors: r.sectors,
    recipient_country: r.recipient_country,
    recipient_region: r.recipient_region,
    flow_type: r.flow_type,
    finance_type: r.finance_type,
    aid_types: r.aid_types,
    tied_status: r.tied_status,
    activity_version,
  }),
};

const plannedSpec: KindSpec<PlannedDisbursementIn, PlannedRow, PlannedDisbursementOut> = {
  table: PLANNED,
  entity: 'Planned disbursement',
  auditKey: 'planned_disbursement',
  async write(db, p, activity) {
    const issues: FieldIssue[] = [];
    const currency = currencyOf(p.currency, activity, issues);
    const parts = await parties(db, { provider: p.provider, receiver: p.receiver }, issues);
    await finish(db, issues, [
      { path: 'type', codelist: 'BudgetType', code: p.type },
      { path: 'currency', codelist: 'Currency', code: currency || null },
    ]);
    return {
      type: p.type,
      period_start: p.period_start,
      period_end: p.period_end,
      value: p.value,
      currency,
      value_date: p.value_date ?? p.period_start,
      provider: parts.provider ?? null,
      receiver: parts.receiver ?? null,
    };
  },
  present: (r, activity_version) => ({
    id: r.id,
    activity_id: r.activity_id,
    type: r.type,
    period_start: r.period_start,
    period_end: r.period_end,
    value: r.value,
    currency: r.currency,
    value_date: r.value_date,
    provider: partyOut(r.provider, null),
    receiver: partyOut(r.receiver, null),
    activity_version,
  }),
};

const budgetSpec: KindSpec<BudgetIn, BudgetRow, BudgetOut> = {
  table: BUDGETS,
  entity: 'Budget',
  auditKey: 'budget',
  async write(db, b, activity) {
    const issues: FieldIssue[] = [];
    const currency = currencyOf(b.currency, activity, issues);
    await finish(db, issues, [
      { path: 'type', codelist: 'BudgetType', code: b.type },
      { path: 'status', codelist: 'BudgetStatus', code: b.status },
      { path: 'currency', codelist: 'Currency', code: currency || null },
    ]);
    return {
      type: b.type,
      status: b.status,
      period_start: b.period_start,
      period_end: b.period_end,
      value: b.value,
      currency,
      value_date: b.value_date ?? b.period_start,
      note: b.note,
    };
  },
  present: (r, activity_version) => ({
    id: r.id,
    activity_id: r.activity_id,
    type: r.type,
    status: r.status,
    period_start: r.period_start,
    period_end: r.period_end,
    value: r.value,
    currency: r.currency,
    value_date: r.value_date,
    note: r.note,
    activity_version,
  }),
};

type AnySpec = KindSpec<
  unknown,
  Record<string, unknown>,
  { value: string; currency: string; value_date: string }
>;

const SPECS: Record<MoneyKind, AnySpec> = {
  transactions: transactionSpec as unknown as AnySpec,
  'planned-disbursements': plannedSpec as unknown as AnySpec,
  budgets: budgetSpec as unknown as AnySpec,
};

export type MoneyIn = TransactionIn | PlannedDisbursementIn | BudgetIn;
export type MoneyOut = TransactionOut | PlannedDisbursementOut | BudgetOut;

/** Adds `converted` to each row: its value in `currency` with the quotes of its value date. */
async function withConversions<T extends { value: string; currency: string; value_date: string }>(
  db: Database,
  rows: T[],
  currency: string | undefined,
): Promise<(T & { converted?: Converted })[]> {
  if (!currency) return rows;
  const conversions = await convertMany(
    db,
    rows.map((r) => ({ value: r.value, from: r.currency, to: currency, date: r.value_date })),
  );
  return rows.map((r, i) => {
    const c = conversions[i];
    return {
      ...r,
      converted: {
        currency,
        value: c?.value ?? null,
        rates: c?.rates ?? [],
        reason: c?.missing?.reason ?? null,
      },
    };
  });
}

export async function listMoney(
  db: Database,
  actor: Actor | null,
  kind: MoneyKind,
  activityId: string,
  currency?: string,
): Promise<{ items: MoneyOut[] }> {
  const activity = await getActivity(db, actor, activityId);
  const spec = SPECS[kind];
  const rows = await listRows<Record<string, unknown>>(db, spec.table, activityId);
  const items = rows.map((r) => spec.present(r, activity.version));
  return { items: (await withConversions(db, items, currency)) as MoneyOut[] };
}

export async function getMoney(
  db: Database,
  actor: Actor | null,
  kind: MoneyKind,
  activityId: string,
  id: string,
  currency?: string,
): Promise<MoneyOut> {
  const activity = await getActivity(db, actor, activityId);
  const spec = SPECS[kind];
  const row = await findRow<Record<string, unknown>>(db, spec.table, activityId, id);
  if (!row) throw new NotFoundError(spec.entity, id);
  const [out] = await withConversions(db, [spec.present(row, activity.version)], currency);
  return out as MoneyOut;
}

/**
 * Writes one money row (a new one, a replacement, or a deletion with `input` null), raising the
 * activity's version and recording the change in its history, all in one transaction.
 */
async function writeMoney(
  db: Database,
  actor: Actor | null,
  kind: MoneyKind,
  activityId: string,
  id: string | null,
  input: (MoneyIn & { version?: number | undefined }) | null,
  expectedVersion: number | null,
): Promise<MoneyOut | null> {
  const { actor: a, activity } = await requireActivityEditor(db, actor, activityId);
  const spec = SPECS[kind];
  if (expectedVersion !== null && expectedVersion !== activity.version)
    throw staleVersion('Activity', activityId, expectedVersion, activity.version);
  const write = input ? await spec.write(db, input, activity) : null;
  return db.transaction(async (tx) => {
    const before = id
      ? await findRow<Record<string, unknown>>(tx, spec.table, activityId, id)
      : null;
    if (id && !before) throw new NotFoundError(spec.entity, id);
    let after: Record<string, unknown> | null = null;
    if (write && id) after = await updateRow(tx, spec.table, activityId, id, write);
    else if (write) after = await insertRow(tx, spec.table, activityId, write);
    else if (id) await deleteRow(tx, spec.table, activityId, id);
    const version = await bumpActivityVersion(tx, activityId, a.userId, expectedVersion);
    if (version === null) {
      throw new ConflictError(
        `Activity ${activityId} was changed by someone else meanwhile. Reload and try again.`,
      );
    }
    await recordAudit(tx, {
      userId: a.userId,
      entity: 'activity',
      entityId: activityId,
      action: 'update',
      version,
      before: { [spec.auditKey]: before },
      after: { [spec.auditKey]: after },
    });
    return after ? (spec.present(after, version) as MoneyOut) : null;
  });
}

export async function createMoney(
  db: Database,
  actor: Actor | null,
  kind: MoneyKind,
  activityId: string,
  input: MoneyIn,
): Promise<MoneyOut> {
  const out = await writeMoney(db, actor, kind, activityId, null, input, input.version ?? null);
  if (!out) throw new Error('a created money row came back empty');
  return out;
}

export async function replaceMoney(
  db: Database,
  actor: Actor | null,
  kind: MoneyKind,
  activityId: string,
  id: string,
  input: MoneyIn,
): Promise<MoneyOut> {
  const out = await writeMoney(db, actor, kind, activityId, id, input, input.version ?? null);
  if (!out) throw new Error('a replaced money row came back empty');
  return out;
}

export async function removeMoney(
  db: Database,
  actor: Actor | null,
  kind: MoneyKind,
  activityId: string,
  id: string,
  version: number | null,
): Promise<void> {
  await writeMoney(db, actor, kind, activityId, id, null, version);
}

/** Totals of an activity's money per measure in one currency, with the rows that had no rate. */
export async function moneySummary(
  db: Database,
  actor: Actor | null,
  activityId: string,
  currency: string,
): Promise<MoneySummaryOut> {
  await getActivity(db, actor, activityId);
  const rows = new Map((await moneyTotals(db, activityId, currency)).map((r) => [r.measure, r]));
  const measures = Object.fromEntries(
    MEASURES.map((m) => {
      const r = rows.get(m);
      return [
        m,
        {
          value: formatDecimal(decimal(r?.total ?? '0'), 2),
          rows: r?.rows ?? 0,
          no_rate: r?.no_rate ?? 0,
        },
      ];
    }),
  ) as MoneySummaryOut['measures'];
  return { activity_id: activityId, currency, measures };
}

/** One change in a batch: a new row (`id` null), a replacement, or a removal. */
export interface MoneyChange {
  kind: MoneyKind;
  id: string | null;
  /** The row as the API takes it (validated here with the API's schema); null removes the row. */
  input: unknown;
}

const INPUT_SCHEMAS = {
  transactions: TransactionIn,
  'planned-disbursements': PlannedDisbursementIn,
  budgets: BudgetIn,
} as const;

/**
 * Applies several money changes of one activity at once: every row is checked first, with the
 * same rules as one row at a time, and the problems of all rows are reported together with
 * paths `<kind>.<index>.<field>` (index = position in `changes`). Only when none has a problem are
 * they written, in one transaction, raising the activity's version once.
 */
export async function saveMoneyChanges(
  db: Database,
  actor: Actor | null,
  activityId: string,
  expectedVersion: number,
  changes: MoneyChange[],
): Promise<{ version: number }> {
  const { actor: a, activity } = await requireActivityEditor(db, actor, activityId);
  if (expectedVersion !== activity.version)
    throw staleVersion('Activity', activityId, expectedVersion, activity.version);
  const issues: FieldIssue[] = [];
  const writes: (Record<string, unknown> | null)[] = [];
  for (const [i, change] of changes.entries()) {
    const prefix = `${change.kind}.${i}`;
    if (change.input === null) {
      if (!change.id) issues.push({ path: prefix, message: 'only a saved row can be removed' });
      writes.push(null);
      continue;
    }
    const parsed = INPUT_SCHEMAS[change.kind].safeParse(change.input);
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        issues.push({
          path: [prefix, ...issue.path.map(String)].join('.'),
          message: issue.message,
          code: 'invalid',
        });
      writes.push(null);
      continue;
    }
    try {
      writes.push(await SPECS[change.kind].write(db, parsed.data, activity));
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      for (const issue of e.details as FieldIssue[])
        issues.push({ ...issue, path: issue.path ? `${prefix}.${issue.path}` : prefix });
      writes.push(null);
    }
  }
  if (issues.length) throw new ValidationError(issues);
  if (changes.length === 0) return { version: activity.version };

  return db.transaction(async (tx) => {
    const before: Record<string, unknown[]> = {};
    const after: Record<string, unknown[]> = {};
    for (const [i, change] of changes.entries()) {
      const spec = SPECS[change.kind];
      const write = writes[i] ?? null;
      const old = change.id
        ? await findRow<Record<string, unknown>>(tx, spec.table, activityId, change.id)
        : null;
      if (change.id && !old) throw new NotFoundError(spec.entity, change.id);
      let row: Record<string, unknown> | null = null;
      if (write && change.id) row = await updateRow(tx, spec.table, activityId, change.id, write);
      else if (write) row = await insertRow(tx, spec.table, activityId, write);
      else if (change.id) await deleteRow(tx, spec.table, activityId, change.id);
      (before[spec.auditKey] ??= []).push(old);
      (after[spec.auditKey] ??= []).push(row);
    }
    const version = await bumpActivityVersion(tx, activityId, a.userId, expectedVersion);
    if (version === null) {
      throw new ConflictError(
        `Activity ${activityId} was changed by someone else meanwhile. Reload and try again.`,
      );
    }
    await recordAudit(tx, {
      userId: a.userId,
      entity: 'activity',
      entityId: activityId,
      action: 'update',
      version,
      before,
      after,
    });
    return { version };
  });
}
