import { DEFAULT_CALENDAR, type ProductionCalendar } from './calendar';
import { DEFAULT_WORK_SCHEDULE, workingMillisBetween, type WorkSchedule } from './deadlines';
import { isOpen } from './domain';
import type { AppealFacts } from './facts';

/**
 * Escalation: open appeals overdue by more than a set working time go to a list of their own,
 * with the clerk and how long they are overdue. Working time, as deadlines are counted: an
 * appeal due on Friday evening is not «two days late» on Monday morning.
 */

const HOUR = 3_600_000;

/** One working day of the default schedule (9:00–18:00). */
export const DEFAULT_ESCALATION_HOURS = DEFAULT_WORK_SCHEDULE.endHour - DEFAULT_WORK_SCHEDULE.startHour;

/** Thresholds a supervisor chooses from, in working hours. */
export const ESCALATION_CHOICES_HOURS: readonly number[] = [4, 9, 18, 27, 45];

export interface Escalation {
  id: string;
  assigneeId: string | null;
  municipalityId: string;
  dueAt: number;
  /** Working time past the deadline. */
  overdueWorkingMs: number;
  /** Wall-clock time past the deadline. */
  overdueMs: number;
}

/** Most overdue first. A threshold of 0 lists every overdue appeal. */
export function escalations(
  facts: readonly AppealFacts[],
  now: Date,
  thresholdWorkingHours: number = DEFAULT_ESCALATION_HOURS,
  calendar: ProductionCalendar = DEFAULT_CALENDAR,
  schedule: WorkSchedule = DEFAULT_WORK_SCHEDULE,
): Escalation[] {
  const t = now.getTime();
  const threshold = thresholdWorkingHours * HOUR;
  const out: Escalation[] = [];
  for (const f of facts) {
    // Working time never exceeds wall-clock time: most appeals are ruled out without a calendar walk.
    if (!isOpen(f.status) || f.dueAt >= t || t - f.dueAt < threshold) continue;
    const working = workingMillisBetween(new Date(f.dueAt), now, calendar, schedule);
    if (working >= threshold) {
      out.push({ id: f.id, assigneeId: f.assigneeId, municipalityId: f.municipalityId, dueAt: f.dueAt, overdueWorkingMs: working, overdueMs: t - f.dueAt });
    }
  }
  return out.sort((a, b) => b.overdueWorkingMs - a.overdueWorkingMs || a.dueAt - b.dueAt || (a.id < b.id ? -1 : 1));
}

/** Working time as whole working days of the schedule and the hours left over. */
export function workingDaysAndHours(ms: number, schedule: WorkSchedule = DEFAULT_WORK_SCHEDULE): { days: number; hours: number } {
  const dayMs = (schedule.endHour - schedule.startHour) * HOUR;
  const days = Math.floor(ms / dayMs);
  return { days, hours: Math.floor((ms - days * dayMs) / HOUR) };
}
