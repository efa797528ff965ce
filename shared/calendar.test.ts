import { describe, expect, it } from 'vitest';
import {
  addDaysToKey,
  buildCalendar,
  DEFAULT_CALENDAR,
  dayOfWeek,
  isWorkingDay,
  nextWorkingDayOnOrAfter,
  RUSSIAN_CALENDAR_DATA,
  workingDaysInYear,
} from './calendar';

describe('Russian production calendar', () => {
  it.each([
    [2023, 247],
    [2024, 248],
    [2025, 247],
    [2026, 247],
  ])('has the official number of working days in %i', (year, days) => {
    expect(workingDaysInYear(year)).toBe(days);
  });

  it('derives 2027 from the Labour Code alone (pending the transfer decree)', () => {
    expect(workingDaysInYear(2027)).toBe(249);
    expect(isWorkingDay('2027-05-03')).toBe(false); // May 1 falls on a Saturday
    expect(isWorkingDay('2027-06-14')).toBe(false); // June 12 falls on a Saturday
  });

  it('lists only weekdays as days off and only weekends as working weekends', () => {
    for (const y of RUSSIAN_CALENDAR_DATA) {
      for (const key of y.nonWorking) expect([0, 6], key).not.toContain(dayOfWeek(key));
      for (const key of y.workingWeekends) expect([0, 6], key).toContain(dayOfWeek(key));
    }
  });

  it('knows holidays, transfers and working Saturdays', () => {
    expect(isWorkingDay('2026-01-09')).toBe(false); // moved from Jan 3
    expect(isWorkingDay('2026-01-12')).toBe(true);
    expect(isWorkingDay('2024-04-27')).toBe(true); // a working Saturday
    expect(isWorkingDay('2024-04-29')).toBe(false); // a Monday off by transfer
    expect(isWorkingDay('2025-06-13')).toBe(false);
    expect(isWorkingDay('2025-11-01')).toBe(true);
    expect(isWorkingDay('2023-02-24')).toBe(false);
    expect(isWorkingDay('2026-03-06')).toBe(true); // an ordinary Friday
    expect(isWorkingDay('2026-03-07')).toBe(false); // an ordinary Saturday
  });

  it('falls back to Monday–Friday outside the covered years', () => {
    expect(DEFAULT_CALENDAR.firstYear).toBe(2023);
    expect(DEFAULT_CALENDAR.lastYear).toBe(2027);
    expect(isWorkingDay('2030-01-01')).toBe(true); // a Tuesday, but no data for 2030
    expect(isWorkingDay('2030-01-05')).toBe(false); // a Saturday
  });

  it('lets a region build its own calendar', () => {
    // Adygea's Day of the Republic (5 October) as a regional day off in 2026, a Monday.
    const base = RUSSIAN_CALENDAR_DATA.find((y) => y.year === 2026)!;
    const adygea = buildCalendar([{ ...base, nonWorking: [...base.nonWorking, '2026-10-05'] }]);
    expect(isWorkingDay('2026-10-05')).toBe(true);
    expect(isWorkingDay('2026-10-05', adygea)).toBe(false);
    expect(workingDaysInYear(2026, adygea)).toBe(246);
  });

  it('rejects malformed calendar data', () => {
    expect(() => buildCalendar([{ year: 2026, nonWorking: ['2026-02-30'], workingWeekends: [] }])).toThrow();
    expect(() => buildCalendar([{ year: 2026, nonWorking: ['2025-01-01'], workingWeekends: [] }])).toThrow();
    expect(() => buildCalendar([])).toThrow();
  });

  it('walks calendar dates across month and year ends', () => {
    expect(addDaysToKey('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDaysToKey('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDaysToKey('2026-03-01', -1)).toBe('2026-02-28');
    expect(nextWorkingDayOnOrAfter('2026-01-01')).toBe('2026-01-12');
    expect(nextWorkingDayOnOrAfter('2026-03-06')).toBe('2026-03-06');
  });
});
