/**
 * The money screen's form model: three tables (budgets, planned disbursements, transactions)
 * posted as flat fields "<table>.<row>.<field>", turned into the changes the money service
 * saves in one go. A stored row carries its id and a signature of the values it was shown
 * with, so that untouched rows are not rewritten.
 */
export const MONEY_TABLES = {
  budgets: ['type', 'status', 'period_start', 'period_end', 'value', 'currency', 'value_date'],
  planned: [
    'type',
    'period_start',
    'period_end',
    'value',
    'currency',
    'value_date',
    'provider_org',
    'provider_name',
    'receiver_org',
    'receiver_name',
  ],
  transactions: [
    'type',
    'date',
    'value',
    'currency',
    'value_date',
    'provider_org',
    'provider_name',
    'receiver_org',
    'receiver_name',
  ],
} as const;
export type MoneyTable = keyof typeof MONEY_TABLES;
export const TABLE_NAMES = Object.keys(MONEY_TABLES) as MoneyTable[];

/** The service's name of each table's kind of row. */
export const KIND_OF = {
  budgets: 'budgets',
  planned: 'planned-disbursements',
  transactions: 'transactions',
} as const;

export type MoneyRowValues = Record<string, string>;
export type MoneyFormValues = Record<MoneyTable, MoneyRowValues[]>;

/** Fields a blank row already has (chosen from lists); a row with only these is empty. */
const PRESET = new Set(['type', 'status', 'currency', 'id', 'sig', 'remove']);

export function blankRow(table: MoneyTable, currency: string): MoneyRowValues {
  const row: MoneyRowValues = {};
  for (const f of MONEY_TABLES[table]) row[f] = '';
  row.currency = currency;
  if (table === 'budgets') Object.assign(row, { type: '1', status: '1' });
  if (table === 'transactions') row.type = '3';
  return row;
}

export function isBlank(row: MoneyRowValues): boolean {
  return !row.id && Object.entries(row).every(([k, v]) => PRESET.has(k) || v.trim() === '');
}

/** What identifies a row's shown values, to tell whether it was changed. */
export function signature(table: MoneyTable, row: MoneyRowValues): string {
  return MONEY_TABLES[table].map((f) => (row[f] ?? '').trim()).join('\u001f');
}

/** The posted form as rows per table, in the order shown. */
export function readMoneyForm(form: Iterable<[string, unknown]>): MoneyFormValues {
  const out: MoneyFormValues = { budgets: [], planned: [], transactions: [] };
  for (const [name, value] of form) {
    const m = /^(budgets|planned|transactions)\.(\d{1,4})\.(\w+)$/.exec(name);
    if (!m || typeof value !== 'string') continue;
    const table = m[1] as MoneyTable;
    const i = Number(m[2]);
    const field = m[3] ?? '';
    const rows = out[table];
    while (rows.length <= i) rows.push({});
    const row = rows[i];
    if (row) row[field] = value;
  }
  return out;
}

/** A provider or receiver as the API takes it: an organisation of the registry, or a name. */
function party(
  row: MoneyRowValues,
  which: 'provider' | 'receiver',
  lang: string,
  kept: unknown,
): unknown {
  const org = (row[`${which}_org`] ?? '').trim();
  const name = (row[`${which}_name`] ?? '').trim();
  const activityId =
    kept && typeof kept === 'object' && 'activity_id' in kept ? kept.activity_id : null;
  if (org) return { organisation_id: org, narrative: {}, activity_id: activityId };
  if (name) return { organisation_id: null, narrative: { [lang]: name }, activity_id: activityId };
  return null;
}

const orNull = (v: string | undefined) => {
  const s = (v ?? '').trim();
  return s === '' ? null : s;
};

/** A decimal typed with a comma or spaces between thousands, as the API wants it. */
export function normaliseAmount(v: string | undefined): string {
  return (v ?? '')
    .trim()
    .replace(/[\s\u00a0']/g, '')
    .replace(',', '.');
}

/** One row as the API's input for its kind; `stored` keeps fields the screen does not show. */
export function rowInput(
  table: MoneyTable,
  row: MoneyRowValues,
  lang: string,
  stored: Record<string, unknown> | null,
): Record<string, unknown> {
  const common = {
    value: normaliseAmount(row.value),
    currency: orNull(row.currency),
    value_date: orNull(row.value_date),
  };
  if (table === 'budgets')
    return {
      type: row.type ?? '1',
      status: row.status ?? '1',
      period_start: row.period_start ?? '',
      period_end: row.period_end ?? '',
      note: typeof stored?.note === 'string' ? stored.note : null,
      ...common,
    };
  const provider = party(row, 'provider', lang, stored?.provider);
  const receiver = party(row, 'receiver', lang, stored?.receiver);
  if (table === 'planned')
    return {
      type: orNull(row.type),
      period_start: row.period_start ?? '',
      period_end: orNull(row.period_end),
      provider,
      receiver,
      ...common,
    };
  // A transaction keeps what the screen does not show (sectors, aid types, flow …).
  const keep: Record<string, unknown> = {};
  if (stored) {
    for (const k of [
      'ref',
      'humanitarian',
      'description',
      'disbursement_channel',
      'sectors',
      'recipient_country',
      'recipient_region',
      'flow_type',
      'finance_type',
      'aid_types',
      'tied_status',
    ])
      if (k in stored) keep[k] = stored[k];
  }
  return {
    ...keep,
    type: row.type ?? '',
    date: row.date ?? '',
    provider,
    receiver,
    ...common,
  };
}

export interface PlannedChange {
  kind: (typeof KIND_OF)[MoneyTable];
  id: string | null;
  input: unknown;
  /** Where the row is on the screen, to show its problems beside it. */
  table: MoneyTable;
  row: number;
}

/** The changes the form asks for: new rows, changed rows, rows to remove. */
export function moneyChanges(
  values: MoneyFormValues,
  lang: string,
  stored: Map<string, Record<string, unknown>>,
): PlannedChange[] {
  const out: PlannedChange[] = [];
  for (const table of TABLE_NAMES) {
    values[table].forEach((row, i) => {
      const id = row.id ? row.id : null;
      const base = { kind: KIND_OF[table], table, row: i };
      if (id && row.remove) out.push({ ...base, id, input: null });
      else if (id && row.sig === signature(table, row)) return;
      else if (id)
        out.push({ ...base, id, input: rowInput(table, row, lang, stored.get(id) ?? null) });
      else if (!isBlank(row) && !row.remove)
        out.push({ ...base, id: null, input: rowInput(table, row, lang, null) });
    });
  }
  return out;
}

/** A problem of the service ("transactions.2.provider.organisation_id") placed on its row and field. */
export function placeIssue(
  changes: PlannedChange[],
  path: string,
): { table: MoneyTable; row: number; field: string } | null {
  const m = /^[a-z-]+\.(\d+)(?:\.([a-z_]+))?/.exec(path);
  const change = m ? changes[Number(m[1])] : undefined;
  if (!m || !change) return null;
  const f = m[2] ?? '';
  const field = f === 'provider' || f === 'receiver' ? `${f}_org` : f;
  return { table: change.table, row: change.row, field };
}
