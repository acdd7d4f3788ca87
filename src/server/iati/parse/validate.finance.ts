import type { IatiActivity, IatiBudget, IatiValue } from '../iati.model.js';
import { daysBetween, isIsoDate } from './dates.js';
import { isDecimal } from './values.js';
import { nth, type Checker } from './validate.checker.js';
import { checkDate } from './validate.dates.js';

/** Rule 7.5.3, as IATI's reference implementation counts it: at most 365 days from start to end. */
const MAX_BUDGET_DAYS = 365;

function checkValue(
  a: IatiActivity,
  c: Checker,
  v: IatiValue,
  path: string,
  isTransaction: boolean,
): void {
  if (v.amount === '') c.add('value.missing', `${path} has no amount: it cannot be stored`, path);
  else if (!isDecimal(v.amount))
    c.add(
      'value.invalid',
      `"${v.amount}" is not an amount (digits, an optional sign and decimal point; no separators or exponent): it cannot be stored`,
      path,
    );
  if (v.currency === null && a.defaultCurrency === null)
    c.add(
      'value.currency_missing',
      'the value has no @currency and the activity has no @default-currency',
      `${path}/@currency`,
    );
  if (v.valueDate === '')
    c.add(
      'value.value_date_missing',
      'the value needs a @value-date (the exchange-rate date)',
      `${path}/@value-date`,
    );
  else if (
    checkDate(c, v.valueDate, `${path}/@value-date`, false) &&
    isTransaction &&
    v.valueDate > c.today
  )
    c.add(
      'date.future',
      `the transaction value date (${v.valueDate}) is in the future`,
      `${path}/@value-date`,
    );
}

/** Budgets of one type (original or revised) should not cover the same days twice. */
function checkBudgetOverlaps(budgets: readonly IatiBudget[], c: Checker): void {
  const usable = budgets
    .map((b, i) => ({ b, i }))
    .filter(({ b }) => isIsoDate(b.periodStart) && isIsoDate(b.periodEnd));
  for (const [k, { b, i }] of usable.entries()) {
    for (const { b: other, i: j } of usable.slice(0, k)) {
      if ((b.type ?? '1') !== (other.type ?? '1')) continue;
      if (b.periodStart < other.periodEnd && other.periodStart < b.periodEnd) {
        c.add(
          'budget.overlap',
          `budget ${b.periodStart}–${b.periodEnd} overlaps budget ${j + 1} (${other.periodStart}–${other.periodEnd}) of the same type`,
          nth('budget', i),
        );
        break;
      }
    }
  }
}

export function checkFinance(a: IatiActivity, c: Checker): void {
  a.budgets.forEach((b, i) => {
    const path = nth('budget', i);
    checkValue(a, c, b.value, `${path}/value`, false);
    if (isIsoDate(b.periodStart) && isIsoDate(b.periodEnd)) {
      const days = daysBetween(b.periodStart, b.periodEnd);
      if (days > MAX_BUDGET_DAYS)
        c.add(
          'budget.period_too_long',
          `the budget period ${b.periodStart}–${b.periodEnd} is longer than one year`,
          path,
        );
    }
  });
  checkBudgetOverlaps(a.budgets, c);
  a.plannedDisbursements.forEach((d, i) =>
    checkValue(a, c, d.value, `${nth('planned-disbursement', i)}/value`, false),
  );
  a.transactions.forEach((t, i) => {
    const path = nth('transaction', i);
    if (t.type === '')
      c.add(
        'field.missing',
        'the transaction has no transaction-type',
        `${path}/transaction-type/@code`,
      );
    checkValue(a, c, t.value, `${path}/value`, true);
  });
}
