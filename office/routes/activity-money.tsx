import {
  data,
  Form,
  redirect,
  useActionData,
  useLoaderData,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
} from 'react-router';
import type { MoneyOut } from '../../src/server/money/money.service.js';
import type {
  BudgetOut,
  PlannedDisbursementOut,
  TransactionOut,
} from '../../src/server/money/money.schemas.js';
import { ActivityTabs } from '../components/ActivityTabs';
import type { MessageKey } from '../i18n/messages';
import { CURRENCIES } from '../lib/constants';
import {
  fieldIssues,
  formatters,
  isServiceError,
  office,
  pick,
  requireActor,
  translator,
} from '../lib/context.server';
import { text } from '../lib/forms';
import { Csrf, useT } from '../lib/i18n';
import {
  blankRow,
  isBlank,
  MONEY_TABLES,
  moneyChanges,
  placeIssue,
  readMoneyForm,
  signature,
  TABLE_NAMES,
  type MoneyFormValues,
  type MoneyRowValues,
  type MoneyTable,
} from '../lib/money-form';
import { activityHead, organisationChoices, type Choice } from '../lib/records.server';

const TRANSACTION_TYPES = [
  '1',
  '2',
  '3',
  '4',
  '5',
  '6',
  '7',
  '8',
  '9',
  '10',
  '11',
  '12',
  '13',
] as const;
const MEASURES = [
  'budget',
  'planned_disbursement',
  'incoming_funds',
  'commitment',
  'disbursement',
  'expenditure',
] as const;

type PartyOut = TransactionOut['provider'];

function partyValues(prefix: 'provider' | 'receiver', p: PartyOut, locale: string): MoneyRowValues {
  return {
    [`${prefix}_org`]: p?.organisation_id ?? '',
    [`${prefix}_name`]: p && !p.organisation_id ? pick(p.name, locale) : '',
  };
}

/** A stored row as the form shows it, with its id and signature. */
function toRow(table: MoneyTable, r: MoneyOut, locale: string): MoneyRowValues {
  let row: MoneyRowValues;
  if (table === 'budgets') {
    const b = r as BudgetOut;
    row = {
      type: b.type,
      status: b.status,
      period_start: b.period_start,
      period_end: b.period_end,
      value: b.value,
      currency: b.currency,
      value_date: b.value_date,
    };
  } else if (table === 'planned') {
    const p = r as PlannedDisbursementOut;
    row = {
      type: p.type ?? '',
      period_start: p.period_start,
      period_end: p.period_end ?? '',
      value: p.value,
      currency: p.currency,
      value_date: p.value_date,
      ...partyValues('provider', p.provider, locale),
      ...partyValues('receiver', p.receiver, locale),
    };
  } else {
    const x = r as TransactionOut;
    row = {
      type: x.type,
      date: x.date,
      value: x.value,
      currency: x.currency,
      value_date: x.value_date,
      ...partyValues('provider', x.provider, locale),
      ...partyValues('receiver', x.receiver, locale),
    };
  }
  return { ...row, id: r.id, sig: signature(table, row) };
}

/** Rows shown: what is there plus one blank row to type into (more with "Add a row"). */
function withSpare(values: MoneyFormValues, currency: string, extra?: MoneyTable) {
  const out = { ...values };
  for (const table of TABLE_NAMES) {
    const rows = values[table].filter((r) => r.id || !isBlank(r));
    rows.push(blankRow(table, currency));
    if (extra === table) rows.push(blankRow(table, currency));
    out[table] = rows;
  }
  return out;
}

interface ConvertedCell {
  value: string | null;
  rates: string[];
  reason: string | null;
}

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  const actor = requireActor(context, request);
  const o = office(context);
  const f = formatters(context);
  const id = params.id ?? '';
  const { head } = await activityHead(context, actor, id);
  const url = new URL(request.url);
  const wanted = url.searchParams.get('currency') ?? '';
  const view = (CURRENCIES as readonly string[]).includes(wanted) ? wanted : 'EUR';
  const kinds = {
    budgets: 'budgets',
    planned: 'planned-disbursements',
    transactions: 'transactions',
  } as const;
  const values: MoneyFormValues = { budgets: [], planned: [], transactions: [] };
  const converted: Record<MoneyTable, ConvertedCell[]> = {
    budgets: [],
    planned: [],
    transactions: [],
  };
  for (const table of TABLE_NAMES) {
    const list = await o.services.listMoney(o.db, actor, kinds[table], id, view);
    values[table] = list.items.map((r) => toRow(table, r, o.locale));
    converted[table] = list.items.map((r) => {
      const c = r.converted;
      return {
        value: c?.value ? f.money(c.value, view) : null,
        rates: (c?.rates ?? []).map((q) =>
          translator(context)('rec.rate', {
            currency: q.currency,
            rate: q.per_eur,
            date: f.date(q.date),
            source: q.source,
          }),
        ),
        reason: c?.reason ?? null,
      };
    });
  }
  const summary = await o.services.moneySummary(o.db, actor, id, view);
  return {
    head,
    view,
    values: withSpare(values, head.defaultCurrency ?? 'EUR'),
    converted,
    totals: MEASURES.map((m) => ({
      measure: m,
      value: f.money(summary.measures[m].value, view),
      rows: summary.measures[m].rows,
      noRate: summary.measures[m].no_rate,
    })),
    organisations: await organisationChoices(context, actor),
    saved: url.searchParams.get('saved'),
  };
}

interface ActionResult {
  formKey: string;
  values: MoneyFormValues;
  version: number;
  errors?: { table: MoneyTable; row: number; field: string; message: string }[];
  general?: string[];
  conflict?: string;
}

export async function action({ context, request, params }: ActionFunctionArgs) {
  const actor = requireActor(context, request);
  const o = office(context);
  const id = params.id ?? '';
  const form = await request.formData();
  const intent = text(form, 'intent') || 'save';
  const version = Number(text(form, 'version') || '0');
  const posted = readMoneyForm(form.entries());
  const currency = text(form, 'default_currency') || 'EUR';
  const formKey = Math.random().toString(36).slice(2);
  const add = /^add-(budgets|planned|transactions)$/.exec(intent);
  if (add?.[1]) {
    return {
      formKey,
      values: withSpare(posted, currency, add[1] as MoneyTable),
      version,
    } satisfies ActionResult;
  }
  // What is stored, to keep the fields a row has but the screen does not show.
  const stored = new Map<string, Record<string, unknown>>();
  for (const kind of ['budgets', 'planned-disbursements', 'transactions'] as const) {
    for (const r of (await o.services.listMoney(o.db, actor, kind, id)).items) stored.set(r.id, r);
  }
  const lang = o.locale === 'sr-Cyrl' ? 'sr-Cyrl' : o.locale;
  const changes = moneyChanges(posted, lang, stored);
  try {
    const out = await o.services.saveMoneyChanges(o.db, actor, id, version, changes);
    return redirect(`/activities/${id}/money?saved=${out.version}`);
  } catch (e) {
    if (!isServiceError(e)) throw e;
    const values = withSpare(posted, currency);
    if (e.status === 422) {
      const errors: NonNullable<ActionResult['errors']> = [];
      const general: string[] = [];
      for (const issue of fieldIssues(e)) {
        const at = placeIssue(changes, issue.path);
        if (at) errors.push({ ...at, message: issue.message });
        else general.push(issue.path ? `${issue.path}: ${issue.message}` : issue.message);
      }
      return data({ formKey, values, version, errors, general } satisfies ActionResult, {
        status: 422,
      });
    }
    if (e.status === 409 || e.status === 403 || e.status === 404)
      return data(
        {
          formKey,
          values,
          version,
          ...(e.status === 409 ? { conflict: e.message } : { general: [e.message] }),
        } satisfies ActionResult,
        { status: e.status },
      );
    throw e;
  }
}

const FIELD_LABEL: Record<string, MessageKey> = {
  type: 'rec.type',
  status: 'edit.budget_status',
  period_start: 'edit.period_start',
  period_end: 'edit.period_end',
  date: 'rec.date',
  value: 'edit.value',
  currency: 'rec.currency',
  value_date: 'rec.value_date',
  provider_org: 'rec.provider',
  provider_name: 'rec.provider_name',
  receiver_org: 'rec.receiver',
  receiver_name: 'rec.receiver_name',
};

function Cell({
  table,
  i,
  field,
  row,
  errors,
  disabled,
  organisations,
}: {
  table: MoneyTable;
  i: number;
  field: string;
  row: MoneyRowValues;
  errors: NonNullable<ActionResult['errors']>;
  disabled: boolean;
  organisations: Choice[];
}) {
  const t = useT();
  const name = `${table}.${i}.${field}`;
  const id = `${table}-${i}-${field}`;
  const label = `${t(FIELD_LABEL[field] ?? 'edit.value')} — ${t('edit.row', { n: i + 1 })}`;
  const mine = errors.filter((e) => e.table === table && e.row === i && e.field === field);
  const errorId = mine.length ? `${id}-error` : undefined;
  const common = {
    id,
    name,
    defaultValue: row[field] ?? '',
    'aria-label': label,
    'aria-invalid': mine.length ? true : undefined,
    'aria-describedby': errorId,
    disabled,
  };
  let input;
  if (field === 'type' && table === 'transactions') {
    input = (
      <select {...common}>
        {TRANSACTION_TYPES.map((c) => (
          <option key={c} value={c}>
            {t(`ttype.${c}` as MessageKey)}
          </option>
        ))}
      </select>
    );
  } else if (field === 'type') {
    input = (
      <select {...common}>
        {table === 'planned' && <option value="">{t('edit.none')}</option>}
        <option value="1">{t('btype.1')}</option>
        <option value="2">{t('btype.2')}</option>
      </select>
    );
  } else if (field === 'status') {
    input = (
      <select {...common}>
        <option value="1">{t('bstatus.1')}</option>
        <option value="2">{t('bstatus.2')}</option>
      </select>
    );
  } else if (field === 'currency') {
    input = (
      <select {...common}>
        {!(CURRENCIES as readonly string[]).includes(row.currency ?? '') && row.currency && (
          <option value={row.currency}>{row.currency}</option>
        )}
        {CURRENCIES.map((c) => (
          <option key={c} value={c}>
            {c}
          </option>
        ))}
      </select>
    );
  } else if (field.endsWith('_org')) {
    input = (
      <select {...common}>
        <option value="">{t('edit.none')}</option>
        {organisations.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    );
  } else if (field.endsWith('date') || field.startsWith('period')) {
    input = <input type="date" {...common} />;
  } else if (field === 'value') {
    input = <input type="text" inputMode="decimal" className="num" {...common} />;
  } else {
    input = <input type="text" {...common} />;
  }
  return (
    <td>
      {input}
      {mine.map((e, k) => (
        <p key={k} id={errorId} className="field-error" role="alert">
          {e.message}
        </p>
      ))}
    </td>
  );
}

function MoneyTableSection({
  table,
  rows,
  converted,
  errors,
  disabled,
  organisations,
}: {
  table: MoneyTable;
  rows: MoneyRowValues[];
  converted: ConvertedCell[];
  errors: NonNullable<ActionResult['errors']>;
  disabled: boolean;
  organisations: Choice[];
}) {
  const t = useT();
  const fields = MONEY_TABLES[table];
  return (
    <fieldset>
      <legend>{t(`rec.table_${table}` as MessageKey)}</legend>
      <div className="scroll">
        <table data-testid={`money-${table}`}>
          <thead>
            <tr>
              {fields.map((f) => (
                <th key={f} scope="col">
                  {t(FIELD_LABEL[f] ?? 'edit.value')}
                </th>
              ))}
              <th scope="col">{t('rec.converted')}</th>
              <th scope="col">{t('edit.remove')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, i) => {
              const c = row.id ? converted[i] : undefined;
              const removeId = `${table}-${i}-remove`;
              return (
                <tr key={i}>
                  {fields.map((f) => (
                    <Cell
                      key={f}
                      table={table}
                      i={i}
                      field={f}
                      row={row}
                      errors={errors}
                      disabled={disabled}
                      organisations={organisations}
                    />
                  ))}
                  <td className="num">
                    {c?.value ?? (c?.reason ? t('rec.no_rate') : '')}
                    {c?.rates.map((r) => (
                      <small key={r} className="rate">
                        {r}
                      </small>
                    ))}
                  </td>
                  <td>
                    {row.id && (
                      <>
                        <input type="hidden" name={`${table}.${i}.id`} value={row.id} />
                        <input type="hidden" name={`${table}.${i}.sig`} value={row.sig ?? ''} />
                        <input
                          type="checkbox"
                          id={removeId}
                          name={`${table}.${i}.remove`}
                          value="1"
                          defaultChecked={row.remove === '1'}
                          disabled={disabled}
                        />{' '}
                        <label htmlFor={removeId} className="inline">
                          {t('edit.remove')}
                        </label>
                      </>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {!disabled && (
        <button type="submit" name="intent" value={`add-${table}`} className="secondary">
          {t('edit.add_row')}
        </button>
      )}
    </fieldset>
  );
}

export default function ActivityMoney() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  const r = useActionData<ActionResult>();
  const values = r?.values ?? d.values;
  const version = r?.version ?? d.head.version;
  const disabled = !d.head.canEdit;
  const errors = r?.errors ?? [];
  return (
    <>
      <h1>
        {t('rec.money_title')}: {d.head.title}
      </h1>
      <ActivityTabs id={d.head.id} />
      {d.saved && !r && (
        <p className="notice" role="status">
          {t('edit.saved', { version: d.saved })}
        </p>
      )}
      {disabled && (
        <p className="errors" role="alert" data-testid="read-only">
          {t('edit.read_only')}
        </p>
      )}
      {r?.conflict && (
        <p className="errors" role="alert" data-testid="money-conflict">
          {t('rec.money_conflict')} {r.conflict}
        </p>
      )}
      {(errors.length > 0 || (r?.general?.length ?? 0) > 0) && (
        <div className="errors" role="alert" data-testid="form-errors">
          <p>{t('rec.money_errors')}</p>
          <ul>
            {errors.map((e, i) => (
              <li key={i}>
                {t(`rec.table_${e.table}` as MessageKey)}, {t('edit.row', { n: e.row + 1 })},{' '}
                {t(FIELD_LABEL[e.field] ?? 'edit.value')}: {e.message}
              </li>
            ))}
            {r?.general?.map((g, i) => (
              <li key={`g${i}`}>{g}</li>
            ))}
          </ul>
        </div>
      )}

      <section aria-labelledby="totals-title">
        <h2 id="totals-title">{t('rec.totals', { currency: d.view })}</h2>
        <Form method="get" className="inline-form">
          <label htmlFor="view-currency">{t('rec.show_in')}</label>{' '}
          <select id="view-currency" name="currency" defaultValue={d.view}>
            {CURRENCIES.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>{' '}
          <button type="submit" className="secondary">
            {t('rec.convert')}
          </button>
        </Form>
        <table data-testid="money-totals">
          <thead>
            <tr>
              <th scope="col">{t('rec.measure')}</th>
              <th scope="col">{t('rec.total')}</th>
              <th scope="col">{t('rec.rows')}</th>
            </tr>
          </thead>
          <tbody>
            {d.totals.map((m) => (
              <tr key={m.measure}>
                <th scope="row">{t(`measure.${m.measure}` as MessageKey)}</th>
                <td className="num">{m.value}</td>
                <td>
                  {m.rows}
                  {m.noRate > 0 && ` — ${t('rec.rows_no_rate', { n: m.noRate })}`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="help">{t('rec.rate_help')}</p>
      </section>

      <Form method="post" key={r?.formKey ?? `${d.head.version}-${d.saved ?? ''}`} id="money-form">
        <Csrf />
        <input type="hidden" name="version" value={version} />
        <input type="hidden" name="default_currency" value={d.head.defaultCurrency ?? 'EUR'} />
        {!disabled && (
          <p>
            <button type="submit" name="intent" value="save">
              {t('rec.save_money')}
            </button>
          </p>
        )}
        {TABLE_NAMES.map((table) => (
          <MoneyTableSection
            key={table}
            table={table}
            rows={values[table]}
            converted={d.converted[table]}
            errors={errors}
            disabled={disabled}
            organisations={d.organisations}
          />
        ))}
        {!disabled && (
          <p>
            <button type="submit" name="intent" value="save">
              {t('rec.save_money')}
            </button>
          </p>
        )}
      </Form>
    </>
  );
}
