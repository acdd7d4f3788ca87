import { escapeHtml } from '../http/html.js';
import { t, type Locale } from './i18n.js';

/** The groupings the portal offers totals by, with their chart titles. */
const TOTALS = [
  ['year', 'chart.by_year'],
  ['sector', 'chart.by_sector'],
  ['municipality', 'chart.by_municipality'],
  ['organisation', 'chart.by_partner'],
] as const;

function join(base: string, params: string): string {
  return escapeHtml(params ? `${base}?${params}` : base);
}

/**
 * Links to a selection's activities as CSV, XLSX, JSON and IATI XML. `params` is the selection's
 * query string (the activity list's filters), passed unchanged to every format.
 */
export function activityDownloads(locale: Locale, params: string): string {
  const withLang = params ? `${params}&lang=${locale}` : `lang=${locale}`;
  return `<a href="${join('/api/v1/activities.csv', withLang)}" data-testid="download-csv" download>CSV</a> <a href="${join('/api/v1/activities.xlsx', withLang)}" data-testid="download-xlsx" download>XLSX</a> <a href="${join('/api/v1/portal/activities.json', withLang)}" data-testid="download-json" download>JSON</a> <a href="${join('/api/v1/iati/activities.xml', params)}" data-testid="download-iati" download>IATI XML</a>`;
}

/**
 * The budget totals by year, sector, municipality and partner as CSV, XLSX and JSON, for a
 * selection (`params`: the totals engine's filters and currency) or for everything.
 */
export function totalsDownloads(locale: Locale, params: string): string {
  return TOTALS.map(([group, label]) => {
    const q = `measure=budget&group_by=${group}&lang=${locale}${params ? `&${params}` : ''}`;
    return `<span data-testid="totals-${group}">${t(locale, label)}: <a href="${join('/api/v1/stats/totals.csv', q)}" download>CSV</a> <a href="${join('/api/v1/stats/totals.xlsx', q)}" download>XLSX</a> <a href="${join('/api/v1/stats/totals', q)}">JSON</a></span>`;
  }).join(' · ');
}
