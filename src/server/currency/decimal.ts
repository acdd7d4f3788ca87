/**
 * Exact decimal numbers for money and exchange rates: an integer of units and a number of decimal
 * places (value = units / 10^scale), computed with bigint. Nothing here passes through a float, so
 * "0.1 + 0.2" is 0.3 and a conversion rounds exactly once, half to even, where the caller says.
 */
export interface Decimal {
  readonly units: bigint;
  readonly scale: number;
}

const PLAIN = /^([+-])?(\d+)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/** Parses "12", "-0.5", "1.25e-3" (exponents appear in JSON numbers); null when not a number. */
export function parseDecimal(text: string): Decimal | null {
  const m = PLAIN.exec(text.trim());
  if (!m) return null;
  const [, sign, int = '', frac = '', exp] = m;
  let scale = frac.length - (exp ? Number(exp) : 0);
  let digits = BigInt(int + frac);
  if (scale < 0) {
    digits *= 10n ** BigInt(-scale);
    scale = 0;
  }
  return { units: sign === '-' ? -digits : digits, scale };
}

/** Like parseDecimal, for values that are known to be numeric (database numerics, checked input). */
export function decimal(text: string): Decimal {
  const d = parseDecimal(text);
  if (!d) throw new Error(`not a decimal number: ${JSON.stringify(text)}`);
  return d;
}

/** The plain text of a JSON number, without going through arithmetic (1e-7 → "0.0000001"). */
export function numberText(n: number): string {
  if (!Number.isFinite(n)) throw new Error(`not a finite number: ${n}`);
  const d = decimal(String(n));
  return formatDecimal(d);
}

function pow10(n: number): bigint {
  return 10n ** BigInt(n);
}

/** Rounds the fraction num/den (den > 0) to an integer, half to even. */
function divHalfEven(num: bigint, den: bigint): bigint {
  if (den <= 0n) throw new Error('division by zero or by a negative denominator');
  const neg = num < 0n;
  const n = neg ? -num : num;
  let q = n / den;
  const twice = (n - q * den) * 2n;
  if (twice > den || (twice === den && q % 2n === 1n)) q += 1n;
  return neg ? -q : q;
}

export function rescale(d: Decimal, scale: number): Decimal {
  if (scale >= d.scale) return { units: d.units * pow10(scale - d.scale), scale };
  return { units: divHalfEven(d.units, pow10(d.scale - scale)), scale };
}

export function add(a: Decimal, b: Decimal): Decimal {
  const scale = Math.max(a.scale, b.scale);
  return { units: rescale(a, scale).units + rescale(b, scale).units, scale };
}

export function multiply(a: Decimal, b: Decimal): Decimal {
  return { units: a.units * b.units, scale: a.scale + b.scale };
}

/** a / b, rounded half to even to `scale` decimal places. */
export function divide(a: Decimal, b: Decimal, scale: number): Decimal {
  if (b.units === 0n) throw new Error('division by zero');
  // a/b = (a.units / 10^a.scale) / (b.units / 10^b.scale); scaled by 10^scale.
  let num = a.units * pow10(b.scale + scale);
  let den = b.units * pow10(a.scale);
  if (den < 0n) {
    num = -num;
    den = -den;
  }
  return { units: divHalfEven(num, den), scale };
}

export function compare(a: Decimal, b: Decimal): -1 | 0 | 1 {
  const scale = Math.max(a.scale, b.scale);
  const x = rescale(a, scale).units;
  const y = rescale(b, scale).units;
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Rounds to `digits` significant digits, half to even. */
export function roundSignificant(d: Decimal, digits: number): Decimal {
  const abs = d.units < 0n ? -d.units : d.units;
  if (abs === 0n) return { units: 0n, scale: 0 };
  const length = abs.toString().length;
  const drop = length - digits;
  if (drop <= 0) return d;
  const r = rescale(d, d.scale - drop);
  return r.scale < 0 ? rescale(r, 0) : r;
}

/** Drops trailing zeros after the decimal point. */
export function normalise(d: Decimal): Decimal {
  let { units, scale } = d;
  while (scale > 0 && units % 10n === 0n) {
    units /= 10n;
    scale--;
  }
  return { units, scale };
}

/**
 * The decimal as text: with `places`, rounded half to even to exactly that many places
 * ("1234.50"); without, as short as it is exact ("0.125", "117.5").
 */
export function formatDecimal(d: Decimal, places?: number): string {
  const v = places === undefined ? normalise(d) : rescale(d, places);
  const neg = v.units < 0n;
  const digits = (neg ? -v.units : v.units).toString().padStart(v.scale + 1, '0');
  const int = digits.slice(0, digits.length - v.scale);
  const frac = v.scale > 0 ? '.' + digits.slice(digits.length - v.scale) : '';
  return (neg ? '-' : '') + int + frac;
}
