import { escapeHtml } from '../http/html.js';
import { formatCompact, t, type Locale } from './i18n.js';

/**
 * Charts drawn on the server as inline SVG: no script, readable by screen readers (title, desc)
 * and each with its figures as a table beside it. Values arrive as decimal strings; only the
 * bar lengths use floating point.
 */

export interface ChartRow {
  key: string;
  label: string;
  value: string;
  /** The amount as the reader should read it (formatted on the server). */
  display: string;
  href?: string;
}

let chartCounter = 0;

function chartId(): string {
  chartCounter = (chartCounter + 1) % 1_000_000;
  return `c${chartCounter}`;
}

function table(locale: Locale, caption: string, head: string, rows: ChartRow[]): string {
  const body = rows
    .map(
      (r) =>
        `<tr><th scope="row">${r.href ? `<a href="${escapeHtml(r.href)}">${escapeHtml(r.label)}</a>` : escapeHtml(r.label)}</th><td class="num">${escapeHtml(r.display)}</td></tr>`,
    )
    .join('');
  return `<details class="chart-table"><summary>${t(locale, 'chart.table')}</summary><table><caption>${escapeHtml(caption)}</caption><thead><tr><th scope="col">${escapeHtml(head)}</th><th scope="col">${t(locale, 'chart.value')}</th></tr></thead><tbody>${body}</tbody></table></details>`;
}

/** Horizontal bars, largest first, for categories (sectors, municipalities, partners). */
export function barChart(
  locale: Locale,
  opts: { title: string; head: string; rows: ChartRow[]; max?: number; testId?: string },
): string {
  const rows = [...opts.rows].sort((a, b) => Number(b.value) - Number(a.value));
  const shown = rows.slice(0, opts.max ?? 10);
  const id = chartId();
  const testId = opts.testId ? ` data-testid="${opts.testId}"` : '';
  if (!shown.length)
    return `<figure class="chart"${testId}><figcaption>${escapeHtml(opts.title)}</figcaption><p>${t(locale, 'chart.empty')}</p></figure>`;
  const top = Math.max(...shown.map((r) => Number(r.value)), 1);
  const rowH = 28;
  const labelW = 190;
  const barW = 300;
  const height = shown.length * rowH + 8;
  const bars = shown
    .map((r, i) => {
      const w = Math.max(1, (Number(r.value) / top) * barW);
      const y = i * rowH + 4;
      const label = r.label.length > 28 ? `${r.label.slice(0, 27)}…` : r.label;
      return `<g><text x="${labelW - 6}" y="${y + 17}" text-anchor="end">${escapeHtml(label)}</text><rect x="${labelW}" y="${y + 3}" width="${w.toFixed(1)}" height="${rowH - 8}" rx="2"/><text x="${(labelW + w + 6).toFixed(1)}" y="${y + 17}" class="v">${escapeHtml(formatCompact(locale, r.value))}</text></g>`;
    })
    .join('');
  const desc = shown.map((r) => `${r.label}: ${r.display}`).join('; ');
  return `<figure class="chart"${testId}><figcaption id="${id}t">${escapeHtml(opts.title)}</figcaption>
<svg viewBox="0 0 ${labelW + barW + 70} ${height}" role="img" aria-labelledby="${id}t ${id}d" class="bars"><title>${escapeHtml(opts.title)}</title><desc id="${id}d">${escapeHtml(desc)}</desc>${bars}</svg>
${table(locale, opts.title, opts.head, rows)}</figure>`;
}

/** Columns over consecutive years (gaps drawn as empty years). */
export function yearChart(
  locale: Locale,
  opts: {
    title: string;
    head: string;
    rows: ChartRow[];
    from?: number;
    to?: number;
    testId?: string;
  },
): string {
  const id = chartId();
  const testId = opts.testId ? ` data-testid="${opts.testId}"` : '';
  const byYear = new Map(opts.rows.map((r) => [Number(r.key), r]));
  const years = [...byYear.keys()].filter((y) => Number.isFinite(y));
  if (!years.length)
    return `<figure class="chart"${testId}><figcaption>${escapeHtml(opts.title)}</figcaption><p>${t(locale, 'chart.empty')}</p></figure>`;
  const from = Math.min(opts.from ?? Infinity, ...years);
  const to = Math.max(opts.to ?? -Infinity, ...years);
  const count = to - from + 1;
  const top = Math.max(...opts.rows.map((r) => Number(r.value)), 1);
  const colW = Math.max(8, Math.min(40, Math.floor(560 / count)));
  const chartH = 160;
  const width = Math.max(count * colW + 20, 480);
  const cols: string[] = [];
  for (let y = from; y <= to; y++) {
    const r = byYear.get(y);
    const x = 10 + (y - from) * colW;
    const h = r ? Math.max(1, (Number(r.value) / top) * chartH) : 0;
    if (r)
      cols.push(
        `<rect x="${x + 1}" y="${(chartH - h + 20).toFixed(1)}" width="${colW - 2}" height="${h.toFixed(1)}" rx="1"><title>${y}: ${escapeHtml(r.display)}</title></rect>`,
      );
    if ((y - from) % Math.ceil(count / 12) === 0)
      cols.push(
        `<text x="${x + colW / 2}" y="${chartH + 36}" text-anchor="middle" class="tick">${y}</text>`,
      );
  }
  const desc = opts.rows.map((r) => `${r.label}: ${r.display}`).join('; ');
  return `<figure class="chart"${testId}><figcaption id="${id}t">${escapeHtml(opts.title)}</figcaption>
<svg viewBox="0 0 ${width} ${chartH + 44}" role="img" aria-labelledby="${id}t ${id}d" class="cols"><title>${escapeHtml(opts.title)}</title><desc id="${id}d">${escapeHtml(desc)}</desc><line x1="8" x2="${width - 8}" y1="${chartH + 20}" y2="${chartH + 20}"/>${cols.join('')}</svg>
${table(locale, opts.title, opts.head, opts.rows)}</figure>`;
}

export interface TimelineItem {
  label: string;
  from: number | null;
  to: number | null;
}

/** Programmes as bars along the years; an unknown end runs to the current year, dashed. */
export function timeline(
  locale: Locale,
  opts: { title: string; items: TimelineItem[]; from: number; to: number },
): string {
  const id = chartId();
  const items = opts.items.filter((i) => i.from !== null || i.to !== null);
  if (!items.length) return '';
  const span = opts.to - opts.from + 1;
  const labelW = 250;
  const plotW = 420;
  const rowH = 26;
  const yearX = (y: number) => labelW + ((y - opts.from) / span) * plotW;
  const rows = items
    .map((it, i) => {
      const start = it.from ?? it.to ?? opts.from;
      const end = it.to ?? opts.to;
      const open = it.to === null;
      const y = i * rowH + 22;
      const label = it.label.length > 36 ? `${it.label.slice(0, 35)}…` : it.label;
      const x = yearX(start);
      const w = Math.max(4, yearX(end + 1) - x);
      return `<g><text x="${labelW - 6}" y="${y + 14}" text-anchor="end">${escapeHtml(label)}</text><rect x="${x.toFixed(1)}" y="${y + 3}" width="${w.toFixed(1)}" height="${rowH - 9}" rx="3"${open ? ' class="open"' : ''}><title>${escapeHtml(it.label)}: ${start}–${it.to ?? ''}</title></rect></g>`;
    })
    .join('');
  const ticks: string[] = [];
  for (let y = opts.from; y <= opts.to; y += 5)
    ticks.push(
      `<text x="${yearX(y).toFixed(1)}" y="14" class="tick">${y}</text><line x1="${yearX(y).toFixed(1)}" x2="${yearX(y).toFixed(1)}" y1="18" y2="${items.length * rowH + 22}" class="grid"/>`,
    );
  const desc = items.map((i) => `${i.label}: ${i.from ?? '?'}–${i.to ?? '…'}`).join('; ');
  return `<figure class="chart timeline" data-testid="timeline"><figcaption id="${id}t">${escapeHtml(opts.title)}</figcaption>
<svg viewBox="0 0 ${labelW + plotW + 20} ${items.length * rowH + 30}" role="img" aria-labelledby="${id}t ${id}d"><title>${escapeHtml(opts.title)}</title><desc id="${id}d">${escapeHtml(desc)}</desc>${ticks.join('')}${rows}</svg></figure>`;
}
