/**
 * Dates and times of the office: Europe/Belgrade (CET/CEST). Instants are stored in UTC; what a
 * person enters and reads is the local wall-clock time, and "today" (for due dates) is the local
 * date, which differs from the UTC date for an hour or two around midnight.
 */
export const TIME_ZONE = 'Europe/Belgrade';

const partsFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function localParts(instant: Date): LocalParts {
  const get = (type: Intl.DateTimeFormatPartTypes) =>
    Number(partsFormat.formatToParts(instant).find((p) => p.type === type)?.value ?? 0);
  return {
    year: get('year'),
    month: get('month'),
    day: get('day'),
    hour: get('hour'),
    minute: get('minute'),
    second: get('second'),
  };
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** Minutes Belgrade is ahead of UTC at `instant` (60 in winter, 120 in summer). */
export function belgradeOffsetMinutes(instant: Date): number {
  const p = localParts(instant);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

/** The local date in Belgrade at `instant`, as YYYY-MM-DD. */
export function belgradeDate(instant: Date): string {
  const p = localParts(instant);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
}

/** The local wall-clock time in Belgrade at `instant`, as YYYY-MM-DDTHH:MM:SS. */
export function belgradeLocal(instant: Date): string {
  const p = localParts(instant);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}`;
}

const LOCAL_RE = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?)?$/;

/**
 * The instant of a Belgrade wall-clock time (YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS]). In the hour
 * skipped when clocks go forward the time is read with the winter offset; in the hour repeated
 * when they go back, the first (summer) occurrence is taken.
 */
export function belgradeToInstant(local: string): Date {
  const m = LOCAL_RE.exec(local);
  if (!m) throw new RangeError(`"${local}" is not a local date-time YYYY-MM-DDTHH:MM`);
  const [, y, mo, d, h = '0', mi = '0', s = '0'] = m;
  const wall = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  // Belgrade is one or two hours ahead of UTC: keep the first offset that reads back.
  for (const offset of [120, 60]) {
    const instant = new Date(wall - offset * 60_000);
    if (belgradeOffsetMinutes(instant) === offset) return instant;
  }
  return new Date(wall - 60 * 60_000);
}

/** Adds days to a YYYY-MM-DD date. */
export function addDays(date: string, days: number): string {
  const t = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (YYYY-MM-DD each). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
