import type { IatiActivity } from '../iati.model.js';
import { isIsoDate, isXsdDateTime } from './dates.js';
import { nth, type Checker } from './validate.checker.js';

/** Reports a missing or malformed date; true when the date is usable for comparisons. */
export function checkDate(
  c: Checker,
  value: string | null,
  path: string,
  required: boolean,
): boolean {
  if (value === null || value === '') {
    if (required)
      c.add('date.missing', `the date at ${path} is missing: it cannot be stored`, path);
    return false;
  }
  if (!isIsoDate(value)) {
    c.add('date.invalid', `"${value}" is not a date (YYYY-MM-DD): it cannot be stored`, path);
    return false;
  }
  return true;
}

/** Rules 8.6.1 / 8.6.3 / 11.1.2 / 11.1.3: a start on or before its end (IATI allows the same day). */
export function checkOrder(c: Checker, start: string, end: string, path: string, what: string) {
  if (isIsoDate(start) && isIsoDate(end) && end < start)
    c.add('date.end_before_start', `${what} ends (${end}) before it starts (${start})`, path);
}

function checkFuture(c: Checker, date: string, path: string, what: string): void {
  if (isIsoDate(date) && date > c.today)
    c.add('date.future', `${what} (${date}) is in the future`, path);
}

function checkActivityDates(a: IatiActivity, c: Checker): void {
  const first = new Map<string, { date: string; path: string }>();
  a.dates.forEach((d, i) => {
    const path = nth('activity-date', i);
    if (d.type === '') c.add('field.missing', 'activity-date needs a @type', `${path}/@type`);
    if (!checkDate(c, d.isoDate, `${path}/@iso-date`, true)) return;
    if (!first.has(d.type)) first.set(d.type, { date: d.isoDate, path });
    if (d.type === '2') checkFuture(c, d.isoDate, path, 'the actual start date');
    if (d.type === '4') checkFuture(c, d.isoDate, path, 'the actual end date');
  });
  if (!a.dates.some((d) => d.type === '1' || d.type === '2'))
    c.add(
      'activity.start_date_missing',
      'the activity needs a planned (type 1) or actual (type 2) start date',
      'activity-date',
    );
  for (const [s, e, what] of [
    ['1', '3', 'the activity (planned dates)'],
    ['2', '4', 'the activity (actual dates)'],
  ] as const) {
    const start = first.get(s);
    const end = first.get(e);
    if (start && end) checkOrder(c, start.date, end.date, end.path, what);
  }
}

export function checkDates(a: IatiActivity, c: Checker): void {
  if (a.lastUpdated !== null) {
    if (!isXsdDateTime(a.lastUpdated))
      c.add(
        'datetime.invalid',
        `last-updated-datetime "${a.lastUpdated}" is not a date and time (YYYY-MM-DDThh:mm:ss)`,
        '@last-updated-datetime',
      );
    else
      checkFuture(c, a.lastUpdated.slice(0, 10), '@last-updated-datetime', 'last-updated-datetime');
  }
  checkActivityDates(a, c);
  a.budgets.forEach((b, i) => {
    const path = nth('budget', i);
    checkDate(c, b.periodStart, `${path}/period-start/@iso-date`, true);
    checkDate(c, b.periodEnd, `${path}/period-end/@iso-date`, true);
    checkOrder(c, b.periodStart, b.periodEnd, `${path}/period-end`, 'the budget period');
  });
  a.plannedDisbursements.forEach((d, i) => {
    const path = nth('planned-disbursement', i);
    checkDate(c, d.periodStart, `${path}/period-start/@iso-date`, true);
    if (d.periodEnd !== null) {
      checkDate(c, d.periodEnd, `${path}/period-end/@iso-date`, false);
      checkOrder(c, d.periodStart, d.periodEnd, `${path}/period-end`, 'the planned disbursement');
    }
  });
  a.transactions.forEach((t, i) => {
    const path = `${nth('transaction', i)}/transaction-date`;
    if (checkDate(c, t.date, `${path}/@iso-date`, true))
      checkFuture(c, t.date, path, 'the transaction date');
  });
  a.documentLinks.forEach((d, i) => {
    checkDate(c, d.documentDate, `${nth('document-link', i)}/document-date/@iso-date`, false);
  });
  a.results.forEach((r, i) =>
    r.indicators.forEach((ind, j) => {
      const base = `${nth('result', i)}/${nth('indicator', j)}`;
      ind.baselines.forEach((b, k) =>
        checkDate(c, b.isoDate, `${base}/${nth('baseline', k)}/@iso-date`, false),
      );
      ind.periods.forEach((p, k) => {
        const path = `${base}/${nth('period', k)}`;
        checkDate(c, p.periodStart, `${path}/period-start/@iso-date`, true);
        checkDate(c, p.periodEnd, `${path}/period-end/@iso-date`, true);
        checkOrder(c, p.periodStart, p.periodEnd, `${path}/period-end`, 'the indicator period');
      });
    }),
  );
}
