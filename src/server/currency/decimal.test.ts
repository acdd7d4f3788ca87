import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { convertWith, type RateUsed } from './currency.convert.js';
import {
  add,
  decimal,
  divide,
  formatDecimal,
  multiply,
  numberText,
  parseDecimal,
  roundSignificant,
} from './decimal.js';

describe('exact decimals', () => {
  it('adds without binary fractions', () => {
    expect(formatDecimal(add(decimal('0.1'), decimal('0.2')))).toBe('0.3');
    expect(formatDecimal(add(decimal('-1.005'), decimal('1')), 3)).toBe('-0.005');
  });

  it('rounds half to even, once, where asked', () => {
    expect(formatDecimal(decimal('2.345'), 2)).toBe('2.34');
    expect(formatDecimal(decimal('2.355'), 2)).toBe('2.36');
    expect(formatDecimal(decimal('-2.345'), 2)).toBe('-2.34');
    expect(formatDecimal(decimal('2.3451'), 2)).toBe('2.35');
    expect(formatDecimal(divide(decimal('1'), decimal('8'), 2))).toBe('0.12');
    expect(formatDecimal(divide(decimal('3'), decimal('8'), 2))).toBe('0.38');
    expect(formatDecimal(divide(decimal('-1'), decimal('3'), 4))).toBe('-0.3333');
  });

  it('reads JSON numbers with exponents and writes them plainly', () => {
    expect(numberText(1e-7)).toBe('0.0000001');
    expect(numberText(2.85617e-14)).toBe('0.0000000000000285617');
    expect(numberText(1.5e3)).toBe('1500');
    expect(parseDecimal('12,5')).toBeNull();
    expect(parseDecimal('abc')).toBeNull();
  });

  it('rounds to significant digits', () => {
    expect(formatDecimal(roundSignificant(decimal('117.51127855'), 8))).toBe('117.51128');
    expect(formatDecimal(roundSignificant(decimal('123456789'), 4))).toBe('123500000');
    expect(formatDecimal(roundSignificant(decimal('0.00012345'), 2))).toBe('0.00012');
  });

  it('multiplies exactly', () => {
    expect(formatDecimal(multiply(decimal('1.5'), decimal('-2.25')))).toBe('-3.375');
  });
});

const quote = (currency: string, date: string, per_eur: string): RateUsed => ({
  currency,
  date,
  per_eur,
  source: 'test',
});

describe('conversion rule', () => {
  it('EUR→RSD multiplies by the RSD quote', () => {
    // 1,000.00 EUR × 117.1234 = 117,123.40 RSD
    const c = convertWith({ value: '1000.00', from: 'EUR', to: 'RSD', date: '2024-03-01' }, () =>
      quote('RSD', '2024-02-29', '117.1234'),
    );
    expect(c.value).toBe('117123.40');
    expect(c.rates.map((r) => r.currency)).toEqual(['EUR', 'RSD']);
  });

  it('USD→RSD goes through the euro: 100 / 1.0850 × 117.20 = 10801.8433… → 10801.84', () => {
    const c = convertWith({ value: '100', from: 'USD', to: 'RSD', date: '2024-03-01' }, (cur) =>
      cur === 'USD' ? quote('USD', '2024-02-29', '1.0850') : quote('RSD', '2024-02-29', '117.20'),
    );
    expect(c.value).toBe('10801.84');
    expect(c.rates).toHaveLength(2);
  });

  it('same currency is the identity and needs no quote', () => {
    const c = convertWith(
      { value: '12.5', from: 'CHF', to: 'CHF', date: '1990-01-01' },
      () => null,
    );
    expect(c).toEqual({ value: '12.50', rates: [], missing: null });
  });

  it('says which quote is missing instead of guessing', () => {
    const c = convertWith({ value: '1', from: 'SEK', to: 'EUR', date: '1999-01-01' }, () => null);
    expect(c.value).toBeNull();
    expect(c.missing).toEqual({
      currency: 'SEK',
      date: '1999-01-01',
      reason: 'no SEK rate on or before 1999-01-01',
    });
  });

  it('A→B→A comes back within the rounding of the two steps', () => {
    const rate = fc
      .tuple(fc.integer({ min: 1, max: 99_999_999 }), fc.integer({ min: 0, max: 6 }))
      .map(([units, scale]) => formatDecimal({ units: BigInt(units), scale }));
    const amount = fc
      .bigInt({ min: -10_000_000_000n, max: 10_000_000_000n })
      .map((cents) => formatDecimal({ units: cents, scale: 2 }));
    fc.assert(
      fc.property(amount, rate, rate, (value, a, b) => {
        const rates: Record<string, RateUsed> = {
          AAA: quote('AAA', 'd', a),
          BBB: quote('BBB', 'd', b),
        };
        const lookup = (c: string) => rates[c] ?? null;
        const there = convertWith({ value, from: 'AAA', to: 'BBB', date: 'd' }, lookup);
        if (there.value === null) return false;
        const back = convertWith({ value: there.value, from: 'BBB', to: 'AAA', date: 'd' }, lookup);
        if (back.value === null) return false;
        // The first rounding (±0.005 B) grows by a/b on the way back, the second adds ±0.005 A.
        const error = Math.abs(Number(back.value) - Number(value));
        const bound = 0.005 * (Number(a) / Number(b)) + 0.005 + 1e-9 * Math.abs(Number(value));
        return error <= bound;
      }),
      { numRuns: 500 },
    );
  });
});
