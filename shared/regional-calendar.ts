import { z } from 'zod';
import { DEFAULT_CALENDAR, dayOfWeek, type ProductionCalendar } from './calendar';

/**
 * A region's own days on top of the federal production calendar (shared/calendar.ts), as its
 * administrator keeps them in the console («Календарь»): extra days off on weekdays (a republic's
 * holiday) and weekend days made working. Deadlines are counted by the result on the server.
 */

const dateKey = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).refine((k) => !Number.isNaN(Date.parse(`${k}T00:00:00Z`)) && new Date(`${k}T00:00:00Z`).toISOString().startsWith(k), 'not a date');

export const regionalDaysSchema = z
  .object({
    /** Mon–Fri dates the region does not work. */
    holidays: z.array(dateKey).max(200),
    /** Saturdays and Sundays the region works. */
    workdays: z.array(dateKey).max(200),
  })
  .superRefine((d, ctx) => {
    d.holidays.forEach((k, i) => {
      if (dayOfWeek(k) % 6 === 0) ctx.addIssue({ code: 'custom', path: ['holidays', i], message: 'a weekend day is a day off already' });
    });
    d.workdays.forEach((k, i) => {
      if (dayOfWeek(k) % 6 !== 0) ctx.addIssue({ code: 'custom', path: ['workdays', i], message: 'a weekday is a working day already' });
    });
  });
export type RegionalDays = z.infer<typeof regionalDaysSchema>;

export const NO_REGIONAL_DAYS: RegionalDays = { holidays: [], workdays: [] };

/** Why a date cannot be added to a list, in Russian; null when it can. */
export function regionalDayProblem(list: 'holidays' | 'workdays', key: string, days: RegionalDays): string | null {
  if (!dateKey.safeParse(key).success) return 'Укажите дату.';
  if (days.holidays.includes(key) || days.workdays.includes(key)) return 'Эта дата уже в списке.';
  const weekend = dayOfWeek(key) % 6 === 0;
  if (list === 'holidays' && weekend) return 'Это суббота или воскресенье: выходной и так.';
  if (list === 'workdays' && !weekend) return 'Это будний день: рабочий и так.';
  return null;
}

let last: { key: string; calendar: ProductionCalendar } | null = null;

/** The federal calendar with the region's days; the same object for the same days (its memo is kept). */
export function regionalCalendar(days: RegionalDays, base: ProductionCalendar = DEFAULT_CALENDAR): ProductionCalendar {
  if (days.holidays.length === 0 && days.workdays.length === 0) return base;
  const key = JSON.stringify([days.holidays, days.workdays]);
  if (last?.key === key && base === DEFAULT_CALENDAR) return last.calendar;
  const nonWorking = new Set([...base.nonWorking, ...days.holidays]);
  const workingWeekends = new Set([...base.workingWeekends, ...days.workdays]);
  for (const k of days.workdays) nonWorking.delete(k);
  const calendar: ProductionCalendar = { ...base, nonWorking, workingWeekends };
  if (base === DEFAULT_CALENDAR) last = { key, calendar };
  return calendar;
}
