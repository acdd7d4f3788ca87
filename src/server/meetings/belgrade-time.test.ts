import { describe, expect, it } from 'vitest';
import {
  addDays,
  belgradeDate,
  belgradeLocal,
  belgradeOffsetMinutes,
  belgradeToInstant,
  daysBetween,
} from './belgrade-time.js';

describe('Europe/Belgrade time', () => {
  it('reads the local date, which runs ahead of UTC around midnight', () => {
    expect(belgradeDate(new Date('2026-11-25T22:59:59Z'))).toBe('2026-11-25');
    expect(belgradeDate(new Date('2026-11-25T23:00:00Z'))).toBe('2026-11-26');
    // Summer time: two hours ahead.
    expect(belgradeDate(new Date('2026-07-01T21:59:00Z'))).toBe('2026-07-01');
    expect(belgradeDate(new Date('2026-07-01T22:00:00Z'))).toBe('2026-07-02');
  });

  it('converts wall-clock times to instants in winter and in summer', () => {
    expect(belgradeToInstant('2026-11-25T10:00').toISOString()).toBe('2026-11-25T09:00:00.000Z');
    expect(belgradeToInstant('2026-07-01T10:00').toISOString()).toBe('2026-07-01T08:00:00.000Z');
    expect(belgradeToInstant('2026-11-26').toISOString()).toBe('2026-11-25T23:00:00.000Z');
    expect(belgradeLocal(new Date('2026-07-01T08:00:00Z'))).toBe('2026-07-01T10:00:00');
  });

  it('handles the nights the clocks change', () => {
    // 2026-03-29: 02:00 → 03:00; 2026-10-25: 03:00 → 02:00.
    expect(belgradeOffsetMinutes(new Date('2026-03-29T00:59:00Z'))).toBe(60);
    expect(belgradeOffsetMinutes(new Date('2026-03-29T01:00:00Z'))).toBe(120);
    expect(belgradeToInstant('2026-03-29T03:30').toISOString()).toBe('2026-03-29T01:30:00.000Z');
    // The repeated hour is read as its first (summer-time) occurrence.
    expect(belgradeToInstant('2026-10-25T02:30').toISOString()).toBe('2026-10-25T00:30:00.000Z');
    expect(belgradeToInstant('2026-10-25T04:00').toISOString()).toBe('2026-10-25T03:00:00.000Z');
  });

  it('counts days across months and years', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(daysBetween('2026-11-20', '2026-11-26')).toBe(6);
  });
});
