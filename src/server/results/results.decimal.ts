/** Exact sums of decimal strings ("12.5" + "0.75" = "13.25"), never through floats. */
export function addDecimal(a: string, b: string): string {
  const [ai = '0', af = ''] = a.replace(/^\+/, '').split('.');
  const [bi = '0', bf = ''] = b.replace(/^\+/, '').split('.');
  const scale = Math.max(af.length, bf.length);
  const scaled = (int: string, frac: string) => {
    const negative = int.startsWith('-');
    const digits = BigInt(`${int.replace('-', '') || '0'}${frac.padEnd(scale, '0')}`);
    return negative ? -digits : digits;
  };
  const sum = scaled(ai, af) + scaled(bi, bf);
  const negative = sum < 0n;
  const digits = (negative ? -sum : sum).toString().padStart(scale + 1, '0');
  const int = digits.slice(0, digits.length - scale);
  const frac = scale ? digits.slice(digits.length - scale).replace(/0+$/, '') : '';
  return `${negative ? '-' : ''}${int}${frac ? `.${frac}` : ''}`;
}

export function sumDecimals(values: Iterable<string>): string {
  let total = '0';
  for (const v of values) total = addDecimal(total, v);
  return total;
}
