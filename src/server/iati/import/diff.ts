/** One field that differs between the stored and the incoming version of an activity. */
export interface FieldDiff {
  path: string;
  before: unknown;
  after: unknown;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * The differences between two values, as paths like `transactions[2].value.amount`. Lists are
 * compared by position; a list that changed length is reported at the list's own path.
 */
export function diffValues(before: unknown, after: unknown, limit = 200, path = ''): FieldDiff[] {
  const out: FieldDiff[] = [];
  const walk = (b: unknown, a: unknown, p: string) => {
    if (out.length >= limit) return;
    if (JSON.stringify(b) === JSON.stringify(a)) return;
    if (Array.isArray(b) && Array.isArray(a) && b.length === a.length) {
      b.forEach((item, i) => walk(item, a[i], `${p}[${i}]`));
      return;
    }
    if (isObject(b) && isObject(a)) {
      for (const k of new Set([...Object.keys(b), ...Object.keys(a)]))
        walk(b[k], a[k], p ? `${p}.${k}` : k);
      return;
    }
    out.push({ path: p || '(root)', before: b, after: a });
  };
  walk(before, after, path);
  return out;
}
