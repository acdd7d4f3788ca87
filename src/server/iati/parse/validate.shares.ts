import type { IatiActivity, IatiCodeWithPercentage } from '../iati.model.js';
import { isDecimal } from './values.js';
import { nth, type Checker } from './validate.checker.js';

interface Share {
  item: IatiCodeWithPercentage;
  path: string;
}

/** The percentage as a number, reporting a malformed or out-of-range one (rules 12.x.1). */
function percentageOf(c: Checker, value: string | null, path: string): number | null {
  if (value === null) return null;
  if (!isDecimal(value)) {
    c.add(
      'percentage.invalid',
      `percentage "${value}" is not a number: it cannot be stored`,
      `${path}/@percentage`,
    );
    return null;
  }
  const n = Number(value);
  if (n < 0 || n > 100) {
    c.add(
      'percentage.out_of_range',
      `percentage ${value} is not between 0 and 100: it cannot be stored`,
      `${path}/@percentage`,
    );
    return null;
  }
  return n;
}

/**
 * Rules 2.1.x, 3.1.x and 3.4.x for one group of shares: when there are several, each has a
 * percentage and they add up to 100; a lone one says 100 or nothing. A sum off by no more than
 * rounding to a few decimals (33.33 × 3) is a warning, not an error.
 */
function checkGroup(c: Checker, group: readonly Share[], what: string): void {
  const first = group[0];
  if (!first) return;
  if (group.length === 1) {
    const p = first.item.percentage;
    const n = p !== null && isDecimal(p) ? Number(p) : null;
    // An out-of-range percentage has been reported already.
    if (n !== null && n !== 100 && n >= 0 && n <= 100)
      c.add(
        'percentage.single_not_100',
        `a single ${what} must have percentage 100 or none, not ${p}`,
        `${first.path}/@percentage`,
      );
    return;
  }
  const missing = group.find((s) => s.item.percentage === null);
  if (missing) {
    c.add(
      'percentage.missing',
      `when there are several ${what}s, each needs a percentage`,
      missing.path,
    );
    return;
  }
  if (group.some((s) => !isDecimal(s.item.percentage ?? ''))) return;
  const sum = group.reduce((t, s) => t + Number(s.item.percentage), 0);
  const off = Math.abs(Math.round(sum * 1e6) / 1e6 - 100);
  if (off === 0) return;
  const rounding = off <= Math.min(1, 0.05 * group.length);
  c.add(
    rounding ? 'percentage.sum_rounding' : 'percentage.sum',
    `the ${what} percentages add up to ${Math.round(sum * 1e6) / 1e6}, not 100`,
    first.path,
  );
}

function groupBy(shares: readonly Share[], key: (s: Share) => string): Map<string, Share[]> {
  const groups = new Map<string, Share[]>();
  for (const s of shares) {
    const k = key(s);
    groups.set(k, [...(groups.get(k) ?? []), s]);
  }
  return groups;
}

/** No vocabulary means the default vocabulary, 1. */
export const vocabularyOf = (v: string | null): string => (v === null || v === '' ? '1' : v);

export function checkShares(a: IatiActivity, c: Checker): void {
  const shares = (items: IatiCodeWithPercentage[], name: string): Share[] =>
    items.map((item, i) => ({ item, path: nth(name, i) }));
  const sectors = shares(a.sectors, 'sector');
  const countries = shares(a.recipientCountries, 'recipient-country');
  const regions = shares(a.recipientRegions, 'recipient-region');
  for (const s of [...sectors, ...countries, ...regions])
    percentageOf(c, s.item.percentage, s.path);
  percentageOf(c, a.capitalSpend, 'capital-spend');

  for (const [vocabulary, group] of groupBy(sectors, (s) => vocabularyOf(s.item.vocabulary)))
    checkGroup(c, group, `sector (vocabulary ${vocabulary})`);
  if (regions.length === 0) {
    checkGroup(c, countries, 'recipient country');
    return;
  }
  for (const group of groupBy(regions, (s) => vocabularyOf(s.item.vocabulary)).values()) {
    if (group.length === 1 && countries.length === 0) checkGroup(c, group, 'recipient region');
    else checkGroup(c, [...group, ...countries], 'recipient country and region');
  }
}
