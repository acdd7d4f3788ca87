import type { TotalsOut } from './totals.schemas.js';

/** A plain-text table of a totals answer, for the command line. */
export function formatTotals(t: TotalsOut): string {
  const header = [...t.group_by, `${t.measure} (${t.currency})`];
  const body = t.rows.map((r) => [
    ...t.group_by.map((k) => {
      const key = String(r[k] ?? '');
      const label = t.labels[k]?.[key];
      return label ? `${label} (${key.length > 12 ? key.slice(0, 8) : key})` : key;
    }),
    r.value,
  ]);
  const foot = [...t.group_by.map((_, i) => (i === 0 ? 'total' : '')), t.total];
  const all = [header, ...body, foot];
  const widths = header.map((_, i) => Math.max(...all.map((row) => (row[i] ?? '').length)));
  const line = (row: string[]) =>
    row
      .map((cell, i) =>
        i === row.length - 1 ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0),
      )
      .join('  ');
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  const notes = [
    t.without_rate.count > 0
      ? `${t.without_rate.count} part(s) left out: no exchange rate for ${t.currency} on their value date`
      : '',
  ].filter(Boolean);
  return [line(header), rule, ...body.map(line), rule, line(foot), ...notes].join('\n');
}
