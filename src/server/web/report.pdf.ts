import { readFileSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import type { ActivityOut } from '../activities/activities.schemas.js';
import { projectPath } from '../paths.js';
import type { TotalsOut } from '../stats/totals.schemas.js';
import { pickNarrative, withDerivedScripts } from '../text/index.js';
import type { ChartRow } from './charts.js';
import { chartRows } from './home.page.js';
import { formatDate, formatMoney, formatNumber, LOCALE_NAMES, t, type Locale } from './i18n.js';
import { nameIn } from './portal.service.js';
import type { ReportModel } from './report.service.js';
import { FALLBACK, statusLabel, years } from './view.js';

/**
 * The yearly report as a PDF, drawn with pdfkit: text in an embedded DejaVu Sans (it covers
 * Albanian ë ç and both Serbian scripts; the PDF standard fonts do not), charts as vector shapes.
 */

const INK = '#1b1b1b';
const MUTED = '#444444';
const BAR = '#2f6fae';
const MARGIN = 50;

let fonts: { regular: Buffer; bold: Buffer } | undefined;

function fontData() {
  fonts ??= {
    regular: readFileSync(projectPath('data/fonts/DejaVuSans.ttf')),
    bold: readFileSync(projectPath('data/fonts/DejaVuSans-Bold.ttf')),
  };
  return fonts;
}

type Doc = PDFKit.PDFDocument;

function bottom(doc: Doc): number {
  return doc.page.height - doc.page.margins.bottom;
}

/** Starts a new page unless `height` points still fit on this one. */
function room(doc: Doc, height: number): void {
  if (doc.y + height > bottom(doc)) doc.addPage();
}

function width(doc: Doc): number {
  return doc.page.width - doc.page.margins.left - doc.page.margins.right;
}

function heading(doc: Doc, text: string): void {
  room(doc, 60);
  doc.moveDown(0.8).font('bold').fontSize(13).fillColor(INK).text(text, MARGIN);
  doc.moveDown(0.3);
}

/** A label and its figure on one line of two columns, the next line below the taller one. */
function fact(doc: Doc, label: string, value: string): void {
  const y = doc.y;
  doc.font('regular').fontSize(11).fillColor(MUTED).text(label, MARGIN, y, { width: 200 });
  const below = doc.y;
  doc
    .font('bold')
    .fontSize(11)
    .fillColor(INK)
    .text(value, MARGIN + 210, y);
  doc.x = MARGIN;
  doc.y = Math.max(below, doc.y) + 3;
}

function figures(doc: Doc, locale: Locale, m: ReportModel): void {
  const money: [string, TotalsOut][] = [
    [t(locale, 'measure.budget'), m.budget],
    [t(locale, 'measure.commitment'), m.committed],
    [t(locale, 'measure.disbursement'), m.disbursed],
  ];
  for (const [label, total] of money)
    fact(doc, label, formatMoney(locale, total.total, total.currency));
  fact(doc, t(locale, 'home.activities'), formatNumber(locale, m.activities.length));
  doc.moveDown(0.3);
  const sources = m.budget.conversion.source.length
    ? ` ${t(locale, 'home.rate_sources')}: ${m.budget.conversion.source.join('; ')}.`
    : '';
  const missing = m.budget.without_rate.count
    ? ` ${t(locale, 'home.without_rate', { count: m.budget.without_rate.count, currency: m.currency })}`
    : '';
  doc
    .font('regular')
    .fontSize(8.5)
    .fillColor(MUTED)
    .text(
      t(locale, 'home.figures_note', { currency: m.currency }) + sources + missing,
      MARGIN,
      doc.y,
      {
        width: width(doc),
      },
    );
}

/** Horizontal bars, largest first, each with its label and amount written out. */
function bars(doc: Doc, locale: Locale, title: string, rows: ChartRow[]): void {
  heading(doc, title);
  if (!rows.length) {
    doc.font('regular').fontSize(10).fillColor(MUTED).text(t(locale, 'chart.empty'), MARGIN);
    return;
  }
  const sorted = [...rows].sort((a, b) => Number(b.value) - Number(a.value));
  const max = Math.max(0, ...sorted.map((r) => Number(r.value)));
  const labelWidth = 170;
  const barX = MARGIN + labelWidth + 8;
  const valueWidth = 95;
  const barWidth = width(doc) - labelWidth - 8 - valueWidth - 8;
  const rowHeight = 16;
  for (const r of sorted) {
    room(doc, rowHeight);
    const y = doc.y;
    doc
      .font('regular')
      .fontSize(9)
      .fillColor(INK)
      .text(r.label, MARGIN, y + 2, {
        width: labelWidth,
        height: rowHeight - 4,
        lineBreak: false,
        ellipsis: true,
      });
    const length = max > 0 ? (Math.max(0, Number(r.value)) / max) * barWidth : 0;
    if (length > 0) doc.rect(barX, y + 3, Math.max(length, 1), rowHeight - 6).fill(BAR);
    doc.fillColor(INK).text(r.display, barX + barWidth + 8, y + 2, {
      width: valueWidth,
      align: 'right',
      lineBreak: false,
    });
    doc.x = MARGIN;
    doc.y = y + rowHeight;
  }
}

/** A title in the reader's language (Serbian in either script), else the nearest one, named. */
function titleOf(locale: Locale, a: ActivityOut): { text: string; note: string | null } {
  const picked = pickNarrative(withDerivedScripts(a.title).text, FALLBACK[locale]);
  if (!picked) return { text: t(locale, 'home.unknown'), note: null };
  if (picked.lang === locale) return { text: picked.text, note: null };
  const other = (LOCALE_NAMES as Record<string, string>)[picked.lang] ?? picked.lang;
  return {
    text: picked.text,
    note: t(locale, 'activity.missing', { lang: LOCALE_NAMES[locale], other }),
  };
}

function partners(locale: Locale, a: ActivityOut, role: string): string {
  const names = a.participants
    .filter((p) => p.role === role)
    .map((p) => nameIn(locale, p.organisation.names, p.organisation.acronym));
  return names.length ? names.join(', ') : t(locale, 'home.unknown');
}

function budgetOf(locale: Locale, a: ActivityOut): string {
  const revised = a.budgets.filter((b) => b.type === '2');
  const shown = revised.length ? revised : a.budgets;
  if (!shown.length) return t(locale, 'home.unknown');
  return shown.map((b) => formatMoney(locale, b.value, b.currency)).join(' + ');
}

function projects(doc: Doc, locale: Locale, m: ReportModel): void {
  heading(doc, t(locale, 'report.projects', { year: m.year }));
  if (!m.activities.length) {
    doc.font('regular').fontSize(10).fillColor(MUTED).text(t(locale, 'report.no_projects'), MARGIN);
    return;
  }
  const w = width(doc);
  for (const a of m.activities) {
    room(doc, 56);
    const title = titleOf(locale, a);
    doc.font('bold').fontSize(10).fillColor(INK).text(title.text, MARGIN, doc.y, { width: w });
    if (title.note)
      doc
        .font('regular')
        .fontSize(8.5)
        .fillColor(MUTED)
        .text(title.note, MARGIN, doc.y, { width: w });
    const meta = [
      t(locale, `activity.level.${a.level}`),
      years(a, locale),
      statusLabel(locale, a.status),
      `${t(locale, 'home.budget')}: ${budgetOf(locale, a)}`,
    ].join(' · ');
    doc.font('regular').fontSize(9).fillColor(INK).text(meta, MARGIN, doc.y, { width: w });
    doc
      .fillColor(MUTED)
      .text(
        `${t(locale, 'home.funders')}: ${partners(locale, a, 'funding')} · ${t(locale, 'home.implementers')}: ${partners(locale, a, 'implementing')}`,
        MARGIN,
        doc.y,
        { width: w },
      );
    doc.moveDown(0.6);
  }
}

/** Page numbers and the report's name at the foot of every page. */
function footers(doc: Doc, locale: Locale, m: ReportModel): void {
  const range = doc.bufferedPageRange();
  const label = `Koordinata · ${t(locale, 'report.title', { year: m.year })}`;
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const keep = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font('regular')
      .fontSize(8)
      .fillColor(MUTED)
      .text(`${label} · ${i + 1} / ${range.count}`, MARGIN, doc.page.height - 35, {
        width: width(doc),
        align: 'center',
        lineBreak: false,
      });
    doc.page.margins.bottom = keep;
  }
}

/** Renders a report to PDF bytes. */
export function reportPdf(m: ReportModel): Promise<Buffer> {
  const { locale } = m;
  const title = t(locale, 'report.title', { year: m.year });
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    lang: locale,
    displayTitle: true,
    info: { Title: title, Author: t(locale, 'org.cb.full'), Creator: 'Koordinata' },
  });
  const done = new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const f = fontData();
  doc.registerFont('regular', f.regular);
  doc.registerFont('bold', f.bold);

  doc.font('regular').fontSize(9).fillColor(MUTED).text(t(locale, 'org.cb.full'), MARGIN);
  doc.moveDown(0.4).font('bold').fontSize(20).fillColor(INK).text(title, MARGIN);
  doc.font('regular').fontSize(10).fillColor(MUTED).text(t(locale, 'app.tagline'), MARGIN);
  heading(doc, t(locale, 'report.figures', { year: m.year }));
  figures(doc, locale, m);
  bars(doc, locale, t(locale, 'chart.by_sector'), chartRows(locale, m.bySector));
  bars(doc, locale, t(locale, 'chart.by_municipality'), chartRows(locale, m.byMunicipality));
  projects(doc, locale, m);
  doc.moveDown(1);
  room(doc, 30);
  doc
    .font('regular')
    .fontSize(8)
    .fillColor(MUTED)
    .text(
      `${t(locale, 'report.produced', { date: formatDate(locale, m.made) })} ${t(locale, 'report.font')}`,
      MARGIN,
      doc.y,
      { width: width(doc) },
    );
  footers(doc, locale, m);
  doc.end();
  return done;
}
