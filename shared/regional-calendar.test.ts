import { describe, expect, it } from 'vitest';
import { isWorkingDay } from './calendar';
import { computeDeadlines } from './deadlines';
import { regionalCalendar, regionalDayProblem, regionalDaysSchema } from './regional-calendar';

describe('a region’s own days on top of the federal calendar', () => {
  const receivedAt = new Date('2026-12-01T07:00:00Z'); // Tuesday, 10:00 in Moscow

  it('a regional holiday moves a deadline counted in working days by a day', () => {
    const plain = computeDeadlines({ source: 'vk', priority: 'normal', receivedAt });
    expect(plain.dueAt.toISOString()).toBe('2026-12-10T15:00:00.000Z');
    const withHoliday = computeDeadlines({ source: 'vk', priority: 'normal', receivedAt }, undefined, regionalCalendar({ holidays: ['2026-12-04'], workdays: [] }));
    expect(withHoliday.dueAt.toISOString()).toBe('2026-12-11T15:00:00.000Z');
  });

  it('a Saturday made working brings it a day closer', () => {
    const cal = regionalCalendar({ holidays: [], workdays: ['2026-12-05'] });
    expect(isWorkingDay('2026-12-05', cal)).toBe(true);
    expect(computeDeadlines({ source: 'vk', priority: 'normal', receivedAt }, undefined, cal).dueAt.toISOString()).toBe('2026-12-09T15:00:00.000Z');
  });

  it('refuses a weekend holiday, a weekday «working weekend», a date that is not one; says why in Russian', () => {
    expect(regionalDaysSchema.safeParse({ holidays: ['2026-12-05'], workdays: [] }).success).toBe(false);
    expect(regionalDaysSchema.safeParse({ holidays: [], workdays: ['2026-12-04'] }).success).toBe(false);
    expect(regionalDaysSchema.safeParse({ holidays: ['2026-02-30'], workdays: [] }).success).toBe(false);
    expect(regionalDaysSchema.safeParse({ holidays: ['2026-10-05'], workdays: ['2026-12-05'] }).success).toBe(true);
    const days = { holidays: ['2026-10-05'], workdays: [] };
    expect(regionalDayProblem('holidays', '2026-12-05', days)).toBe('Это суббота или воскресенье: выходной и так.');
    expect(regionalDayProblem('workdays', '2026-12-04', days)).toBe('Это будний день: рабочий и так.');
    expect(regionalDayProblem('holidays', '2026-10-05', days)).toBe('Эта дата уже в списке.');
    expect(regionalDayProblem('holidays', '', days)).toBe('Укажите дату.');
    expect(regionalDayProblem('holidays', '2026-12-04', days)).toBeNull();
  });
});
