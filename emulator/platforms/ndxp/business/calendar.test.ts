import { describe, expect, it } from 'vitest';
import {
  addWorkingDays,
  dayOfDate,
  formatDate,
  formatTimestamp,
  instantOf,
  isWorkingDay,
  parseDate,
  parseTime,
  vnDayOf,
  vnSecondOfDay,
  workingDayOnOrAfter,
} from './calendar.js';

const d = (y: number, m: number, day: number) => dayOfDate(y, m, day) as number;

describe('Vietnam-time days', () => {
  it('start at 17:00 UTC the day before', () => {
    expect(formatDate(vnDayOf(new Date('2026-11-23T16:59:59Z')))).toBe('23/11/2026');
    expect(formatDate(vnDayOf(new Date('2026-11-23T17:00:00Z')))).toBe('24/11/2026');
    expect(vnSecondOfDay(new Date('2026-11-24T03:00:00Z'))).toBe(10 * 3600);
    expect(new Date(instantOf(d(2026, 11, 24), 10 * 3600)).toISOString()).toBe('2026-11-24T03:00:00.000Z');
    expect(formatTimestamp(Date.parse('2026-11-24T03:04:05Z'))).toBe('24/11/2026 10:04:05');
  });

  it('parse dd/MM/yyyy strictly and flag the unpadded form', () => {
    expect(parseDate('24/11/2026')).toEqual({ ok: true, day: d(2026, 11, 24), padded: true });
    expect(parseDate('1/2/2026')).toEqual({ ok: true, day: d(2026, 2, 1), padded: false });
    for (const bad of ['31/02/2026', '2026-11-24', '24/13/2026', '00/11/2026', '24/11/26', '', '24/11/2026 10:00']) expect(parseDate(bad).ok, bad).toBe(false);
  });

  it('parse HH:mm from 00:00 to 23:59', () => {
    expect(parseTime('00:00')).toEqual({ ok: true, minute: 0, padded: true });
    expect(parseTime('23:59')).toEqual({ ok: true, minute: 1439, padded: true });
    expect(parseTime('8:05')).toEqual({ ok: true, minute: 485, padded: false });
    for (const bad of ['24:00', '12:60', '12', '12:5', '12:00:00', 'ab:cd']) expect(parseTime(bad).ok, bad).toBe(false);
  });
});

describe('working days', () => {
  it('skip weekends and the fixed holidays', () => {
    expect(isWorkingDay(d(2026, 11, 24))).toBe(true); // Tuesday
    expect(isWorkingDay(d(2026, 11, 28))).toBe(false); // Saturday
    expect(isWorkingDay(d(2026, 9, 2))).toBe(false); // National Day, a Wednesday
    expect(workingDayOnOrAfter(d(2026, 11, 28))).toBe(d(2026, 11, 30));
  });

  it('count "within 3 working days" from the day after', () => {
    expect(formatDate(addWorkingDays(d(2026, 11, 24), 3))).toBe('27/11/2026');
    expect(formatDate(addWorkingDays(d(2026, 11, 26), 3))).toBe('01/12/2026'); // over a weekend
    expect(formatDate(addWorkingDays(d(2026, 4, 29), 3))).toBe('06/05/2026'); // 30/4 and 1/5 are holidays
  });
});
