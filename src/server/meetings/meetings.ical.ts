/**
 * iCalendar (RFC 5545) writing: text escaping, line folding at 75 octets, CRLF line ends, and the
 * VTIMEZONE of Europe/Belgrade that DTSTART;TZID= refers to.
 */

/** Escapes a TEXT value: backslash, semicolon, comma and line breaks (RFC 5545 §3.3.11). */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/**
 * Folds a content line so that no physical line is longer than 75 octets (RFC 5545 §3.1):
 * continuation lines start with one space. Multi-octet UTF-8 characters are never split.
 */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch, 'utf8');
    if (octets + size > 75) {
      out.push(current);
      current = ' ';
      octets = 1;
    }
    current += ch;
    octets += size;
  }
  out.push(current);
  return out.join('\r\n');
}

/** A property line, folded; `value` is written as is (escape TEXT values first). */
export function property(name: string, value: string): string {
  return foldLine(`${name}:${value}`);
}

/** 2026-11-25T09:00:00.000Z → 20261125T090000Z */
export function utcStamp(iso: string): string {
  return new Date(iso)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** 2026-11-25T10:00:00 (local) → 20261125T100000 */
export function localStamp(local: string): string {
  return local.replace(/[-:]/g, '').slice(0, 15);
}

/** The rules Europe/Belgrade has followed since 1996 (EU summer time). */
export const VTIMEZONE_BELGRADE = [
  'BEGIN:VTIMEZONE',
  'TZID:Europe/Belgrade',
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'TZNAME:CEST',
  'DTSTART:19700329T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'TZNAME:CET',
  'DTSTART:19701025T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
];

export interface CalendarEvent {
  uid: string;
  stamp: string;
  sequence: number;
  /** All-day events give dates (YYYY-MM-DD), others Belgrade wall-clock times. */
  allDay: boolean;
  start: string;
  end: string | null;
  summary: string;
  description: string | null;
  location: string | null;
  categories: string[];
  confidential: boolean;
}

function eventLines(e: CalendarEvent): string[] {
  const lines = [
    'BEGIN:VEVENT',
    property('UID', e.uid),
    property('DTSTAMP', utcStamp(e.stamp)),
    property('LAST-MODIFIED', utcStamp(e.stamp)),
    property('SEQUENCE', String(e.sequence)),
  ];
  if (e.allDay) {
    lines.push(property('DTSTART;VALUE=DATE', e.start.replace(/-/g, '')));
    if (e.end) lines.push(property('DTEND;VALUE=DATE', e.end.replace(/-/g, '')));
  } else {
    lines.push(property('DTSTART;TZID=Europe/Belgrade', localStamp(e.start)));
    if (e.end) lines.push(property('DTEND;TZID=Europe/Belgrade', localStamp(e.end)));
  }
  lines.push(property('SUMMARY', escapeText(e.summary)));
  if (e.description) lines.push(property('DESCRIPTION', escapeText(e.description)));
  if (e.location) lines.push(property('LOCATION', escapeText(e.location)));
  if (e.categories.length)
    lines.push(property('CATEGORIES', e.categories.map(escapeText).join(',')));
  lines.push(property('CLASS', e.confidential ? 'CONFIDENTIAL' : 'PUBLIC'));
  lines.push('END:VEVENT');
  return lines;
}

export function calendar(name: string, events: readonly CalendarEvent[]): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Koordinata//Meetings//EN',
    'CALSCALE:GREGORIAN',
    property('X-WR-CALNAME', escapeText(name)),
    'X-WR-TIMEZONE:Europe/Belgrade',
    ...VTIMEZONE_BELGRADE,
    ...events.flatMap(eventLines),
    'END:VCALENDAR',
  ];
  return lines.join('\r\n') + '\r\n';
}
