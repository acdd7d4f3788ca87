/** Rows grouped by a key, in their original order within each group. */
export function groupBy<T, K>(rows: readonly T[], key: (row: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = groups.get(k);
    if (list) list.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}

/** The common case: a page's child rows, by the activity they belong to. */
export function byActivity<T extends { activity_id: string }>(
  rows: readonly T[],
): Map<string, T[]> {
  return groupBy(rows, (r) => r.activity_id);
}
