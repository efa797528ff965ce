import { addDaysToKey, dayOfWeek } from './calendar';
import { DEFAULT_WORK_SCHEDULE, localDateKey, localInstant, type WorkSchedule } from './deadlines';

/**
 * Reporting periods in the region's own calendar: whole local days, weeks from Monday, calendar
 * months. Figures of a period count what happened from the start of its first day to the end of
 * its last, in the region's time zone, whatever the PC's clock zone is.
 */

export type Granularity = 'week' | 'month';

/** Whole local days from `from` to `to` inclusive, as 'YYYY-MM-DD'. */
export interface Period {
  from: string;
  to: string;
}

/** [start, end) in epoch milliseconds. */
export interface Span {
  start: number;
  end: number;
}

export function periodSpan(p: Period, schedule: WorkSchedule = DEFAULT_WORK_SCHEDULE): Span {
  return { start: localInstant(p.from, 0, schedule).getTime(), end: localInstant(addDaysToKey(p.to, 1), 0, schedule).getTime() };
}

/** Monday of the week of a date. */
export function weekStartKey(dateKey: string): string {
  return addDaysToKey(dateKey, -((dayOfWeek(dateKey) + 6) % 7));
}

export function monthStartKey(dateKey: string): string {
  return `${dateKey.slice(0, 7)}-01`;
}

function lastDayOfMonth(monthStart: string): string {
  const [y, m] = monthStart.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
  return addDaysToKey(next, -1);
}

/** The week or month containing a date. */
export function periodOf(dateKey: string, g: Granularity): Period {
  if (g === 'week') {
    const from = weekStartKey(dateKey);
    return { from, to: addDaysToKey(from, 6) };
  }
  const from = monthStartKey(dateKey);
  return { from, to: lastDayOfMonth(from) };
}

/** The week or month containing `now`. */
export function currentPeriod(now: Date, g: Granularity, schedule: WorkSchedule = DEFAULT_WORK_SCHEDULE): Period {
  return periodOf(localDateKey(now, schedule), g);
}

export function isWholeMonth(p: Period): boolean {
  return p.from === monthStartKey(p.from) && p.to === lastDayOfMonth(p.from);
}

export function periodDays(p: Period): number {
  return Math.round((Date.parse(`${p.to}T00:00:00Z`) - Date.parse(`${p.from}T00:00:00Z`)) / 86_400_000) + 1;
}

/** The period to compare with: the month before a whole month, otherwise as many days just before. */
export function previousPeriod(p: Period): Period {
  if (isWholeMonth(p)) return periodOf(addDaysToKey(p.from, -1), 'month');
  const to = addDaysToKey(p.from, -1);
  return { from: addDaysToKey(to, 1 - periodDays(p)), to };
}

/** The `count` weeks or months ending with the one that contains `lastDay`, oldest first. */
export function trailingPeriods(lastDay: string, g: Granularity, count: number): Period[] {
  const out: Period[] = [];
  let p = periodOf(lastDay, g);
  for (let i = 0; i < count; i++) {
    out.push(p);
    p = periodOf(addDaysToKey(p.from, -1), g);
  }
  return out.reverse();
}

/** A period is well formed when both ends are dates and it does not end before it starts. */
export function isValidPeriod(p: Period): boolean {
  const date = /^\d{4}-\d\d-\d\d$/;
  return date.test(p.from) && date.test(p.to) && p.from <= p.to && !Number.isNaN(Date.parse(`${p.from}T00:00:00Z`)) && !Number.isNaN(Date.parse(`${p.to}T00:00:00Z`));
}
