import { describe, expect, it } from 'vitest';
import { calendar, escapeText, foldLine, property } from './meetings.ical.js';

describe('iCalendar writing', () => {
  it('escapes backslash, semicolon, comma and line breaks in text', () => {
    expect(escapeText('a\\b; c, d\ne\r\nf')).toBe('a\\\\b\\; c\\, d\\ne\\nf');
  });

  it('folds lines at 75 octets with a leading space, never inside a UTF-8 character', () => {
    const ascii = 'SUMMARY:' + 'x'.repeat(200);
    const folded = foldLine(ascii).split('\r\n');
    expect(folded.length).toBe(3);
    expect(folded.every((l) => Buffer.byteLength(l) <= 75)).toBe(true);
    expect(folded.slice(1).every((l) => l.startsWith(' '))).toBe(true);
    expect(folded.map((l, i) => (i ? l.slice(1) : l)).join('')).toBe(ascii);

    // Cyrillic letters are two octets, Albanian ë too: a fold never splits one.
    const text = 'SUMMARY:' + 'Састанак у Прешеву, Bujanoc dhe Medvegjë — '.repeat(4);
    const lines = foldLine(text).split('\r\n');
    for (const l of lines) {
      expect(Buffer.byteLength(l)).toBeLessThanOrEqual(75);
      expect(Buffer.from(l).toString('utf8')).toBe(l);
    }
    expect(lines.map((l, i) => (i ? l.slice(1) : l)).join('')).toBe(text);
    // A line of exactly 75 octets stays whole.
    expect(foldLine('X'.repeat(75))).toBe('X'.repeat(75));
    expect(foldLine('X'.repeat(76))).toBe('X'.repeat(75) + '\r\n X');
  });

  it('writes a calendar with CRLF line ends, a VTIMEZONE and local start times', () => {
    const ics = calendar('Koordinata', [
      {
        uid: 'abc@koordinata',
        stamp: '2026-11-20T08:30:00.000Z',
        sequence: 2,
        allDay: false,
        start: '2026-11-25T10:00:00',
        end: '2026-11-25T12:00:00',
        summary: 'Sastanak; Preševo, Bujanovac',
        description: 'Line one\nLine two',
        location: null,
        categories: ['employment', 'rights-roma-community'],
        confidential: false,
      },
      {
        uid: 'day@koordinata',
        stamp: '2026-11-20T08:30:00.000Z',
        sequence: 0,
        allDay: true,
        start: '2026-12-01',
        end: '2026-12-02',
        summary: 'Visit',
        description: null,
        location: 'Medveđa',
        categories: [],
        confidential: true,
      },
    ]);
    expect(ics.endsWith('\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const lines = ics.split('\r\n');
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
    expect(lines).toContain('BEGIN:VTIMEZONE');
    expect(lines).toContain('TZID:Europe/Belgrade');
    expect(lines).toContain('DTSTART;TZID=Europe/Belgrade:20261125T100000');
    expect(lines).toContain('DTEND;TZID=Europe/Belgrade:20261125T120000');
    expect(lines).toContain('DTSTAMP:20261120T083000Z');
    expect(lines).toContain('UID:abc@koordinata');
    expect(lines).toContain('SUMMARY:Sastanak\\; Preševo\\, Bujanovac');
    expect(lines).toContain('DESCRIPTION:Line one\\nLine two');
    expect(lines).toContain('CATEGORIES:employment,rights-roma-community');
    expect(lines).toContain('DTSTART;VALUE=DATE:20261201');
    expect(lines).toContain('CLASS:CONFIDENTIAL');
    expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(2);
    expect(property('X', 'y')).toBe('X:y');
  });
});
