import { addDaysToKey, DEFAULT_CALENDAR, isWorkingDay, nextDateKey, nextWorkingDayOnOrAfter, type ProductionCalendar } from './calendar';
import type { Priority, Source } from './domain';
import { fromLocal, toLocal } from './local-time';

/**
 * Deadlines of appeals, as data: per source, how long until the first response (or registration)
 * and until the final answer, counted in working hours, working days or calendar days of the
 * production calendar, in the region's time zone (Moscow by default; time-zone arithmetic by
 * @date-fns/tz in shared/local-time.ts).
 */

/** The working day of the clerks whose deadlines are counted. Hours may be fractional (8.5 = 8:30). */
export interface WorkSchedule {
  timeZone: string;
  startHour: number;
  endHour: number;
}

export const DEFAULT_WORK_SCHEDULE: WorkSchedule = { timeZone: 'Europe/Moscow', startHour: 9, endHour: 18 };

/**
 * - workingHours: that many hours of working time after receipt;
 * - workingDays: the end of the Nth working day after the day of receipt;
 * - calendarDays: the end of the day N calendar days after the day of receipt, moved to the next
 *   working day when it is a day off (Civil Code art. 193, as 59-FZ deadlines are counted).
 */
export type DurationRule =
  | { unit: 'workingHours'; amount: number }
  | { unit: 'workingDays'; amount: number }
  | { unit: 'calendarDays'; amount: number };

export interface SourceDeadlineRule {
  /** First response (for social networks) or registration (for 59-FZ appeals); null: none. */
  firstResponse: DurationRule | null;
  /** Replaces `firstResponse` for urgent appeals. */
  urgentFirstResponse?: DurationRule;
  final: DurationRule;
  /** Replaces `final` for urgent appeals. */
  urgentFinal?: DurationRule;
}

export interface DeadlineRules {
  schedule: WorkSchedule;
  bySource: Readonly<Record<Source, SourceDeadlineRule>>;
  /** 59-FZ art. 8 part 3: an appeal outside the body's competence is forwarded within 7 days of registration. */
  forwarding: DurationRule;
}

/** 59-FZ art. 8 part 3: the days within which an appeal is forwarded to the competent body. */
export const FZ59_FORWARDING_DAYS = 7;
/** 59-FZ art. 12 part 1: the days for the final answer. */
export const FZ59_ANSWER_DAYS = 30;
/** 59-FZ art. 8 part 2: the working days within which an appeal is registered. */
export const FZ59_REGISTRATION_WORKING_DAYS = 3;

const socialRule: SourceDeadlineRule = {
  firstResponse: { unit: 'workingHours', amount: 8 },
  urgentFirstResponse: { unit: 'workingHours', amount: 4 },
  final: { unit: 'workingDays', amount: 7 },
};

const fz59Rule: SourceDeadlineRule = {
  firstResponse: { unit: 'workingDays', amount: FZ59_REGISTRATION_WORKING_DAYS },
  final: { unit: 'calendarDays', amount: FZ59_ANSWER_DAYS },
};

export const DEFAULT_DEADLINE_RULES: DeadlineRules = {
  schedule: DEFAULT_WORK_SCHEDULE,
  bySource: {
    vk: socialRule,
    ok: socialRule,
    telegram: socialRule,
    chatbot: socialRule,
    incident: socialRule,
    pos: { firstResponse: { unit: 'workingHours', amount: 8 }, final: { unit: 'workingDays', amount: 10 } },
    email: fz59Rule,
    phone: fz59Rule,
  },
  forwarding: { unit: 'calendarDays', amount: FZ59_FORWARDING_DAYS },
};

// --- local time ----------------------------------------------------------------------------

const HOUR = 3_600_000;

/** The calendar date ('YYYY-MM-DD') of an instant in the schedule's time zone. */
export function localDateKey(instant: Date, schedule: WorkSchedule = DEFAULT_WORK_SCHEDULE): string {
  return toLocal(instant.getTime(), schedule.timeZone).key;
}

/** The instant of a local date and time of day (in hours, may be fractional) in the schedule's zone. */
export function localInstant(dateKey: string, hourOfDay: number, schedule: WorkSchedule = DEFAULT_WORK_SCHEDULE): Date {
  return new Date(fromLocal(dateKey, Math.round(hourOfDay * HOUR), schedule.timeZone));
}

// --- working time --------------------------------------------------------------------------

/** A span longer than this many days without a working day means the data is broken. */
const MAX_DAYS = 3660;

/**
 * The instant `hours` working hours after `start`. Time before the working day, after it and on
 * days off does not count: Friday 17:00 + 8 working hours is Monday 16:00.
 */
export function addWorkingHours(
  start: Date,
  hours: number,
  calendar: ProductionCalendar = DEFAULT_CALENDAR,
  schedule: WorkSchedule = DEFAULT_WORK_SCHEDULE,
): Date {
  let remaining = Math.round(hours * HOUR);
  if (remaining <= 0) return new Date(start.getTime());
  const open = schedule.startHour * HOUR;
  const close = schedule.endHour * HOUR;
  let { key, msOfDay } = toLocal(start.getTime(), schedule.timeZone);
  for (let i = 0; i < MAX_DAYS; i++) {
    if (isWorkingDay(key, calendar)) {
      const from = Math.max(msOfDay, open);
      if (from < close) {
        if (remaining <= close - from) return new Date(fromLocal(key, from + remaining, schedule.timeZone));
        remaining -= close - from;
      }
    }
    key = nextDateKey(key);
    msOfDay = 0;
  }
  throw new Error('No working time found: check the production calendar and the work schedule');
}

/**
 * The end (schedule.endHour) of the `days`-th working day after the day of `start`; the day of
 * `start` itself does not count. With `days` 0: the end of the first working day on or after it.
 */
export function addWorkingDays(
  start: Date,
  days: number,
  calendar: ProductionCalendar = DEFAULT_CALENDAR,
  schedule: WorkSchedule = DEFAULT_WORK_SCHEDULE,
): Date {
  let key = toLocal(start.getTime(), schedule.timeZone).key;
  if (days <= 0) key = nextWorkingDayOnOrAfter(key, calendar);
  for (let counted = 0, i = 0; counted < days; i++) {
    if (i > MAX_DAYS) throw new Error('No working day found: check the production calendar');
    key = nextDateKey(key);
    if (isWorkingDay(key, calendar)) counted++;
  }
  return new Date(fromLocal(key, schedule.endHour * HOUR, schedule.timeZone));
}

/** The end of the working day `days` calendar days after the day of `start`, moved off days off. */
export function addCalendarDays(
  start: Date,
  days: number,
  calendar: ProductionCalendar = DEFAULT_CALENDAR,
  schedule: WorkSchedule = DEFAULT_WORK_SCHEDULE,
): Date {
  const target = addDaysToKey(toLocal(start.getTime(), schedule.timeZone).key, days);
  const key = nextWorkingDayOnOrAfter(target, calendar);
  return new Date(fromLocal(key, schedule.endHour * HOUR, schedule.timeZone));
}

/**
 * Working time between two instants, in milliseconds; negative when `to` is before `from`.
 * For countdowns such as «осталось 3 рабочих часа».
 */
export function workingMillisBetween(
  from: Date,
  to: Date,
  calendar: ProductionCalendar = DEFAULT_CALENDAR,
  schedule: WorkSchedule = DEFAULT_WORK_SCHEDULE,
): number {
  if (to.getTime() < from.getTime()) return -workingMillisBetween(to, from, calendar, schedule);
  const open = schedule.startHour * HOUR;
  const close = schedule.endHour * HOUR;
  const a = toLocal(from.getTime(), schedule.timeZone);
  const b = toLocal(to.getTime(), schedule.timeZone);
  const overlap = (lo: number, hi: number) => Math.max(0, Math.min(hi, close) - Math.max(lo, open));
  if (a.key === b.key) return isWorkingDay(a.key, calendar) ? overlap(a.msOfDay, b.msOfDay) : 0;
  let total = isWorkingDay(a.key, calendar) ? overlap(a.msOfDay, Infinity) : 0;
  let key = nextDateKey(a.key);
  for (let i = 0; key < b.key; i++, key = nextDateKey(key)) {
    if (i > MAX_DAYS * 10) throw new Error('Span too long');
    if (isWorkingDay(key, calendar)) total += close - open;
  }
  if (isWorkingDay(b.key, calendar)) total += overlap(0, b.msOfDay);
  return total;
}

export function applyDuration(
  start: Date,
  rule: DurationRule,
  calendar: ProductionCalendar = DEFAULT_CALENDAR,
  schedule: WorkSchedule = DEFAULT_WORK_SCHEDULE,
): Date {
  switch (rule.unit) {
    case 'workingHours':
      return addWorkingHours(start, rule.amount, calendar, schedule);
    case 'workingDays':
      return addWorkingDays(start, rule.amount, calendar, schedule);
    case 'calendarDays':
      return addCalendarDays(start, rule.amount, calendar, schedule);
  }
}

// --- deadlines of an appeal ------------------------------------------------------------------

export interface DeadlineInput {
  source: Source;
  priority: Priority;
  receivedAt: Date;
}

export function computeDeadlines(
  input: DeadlineInput,
  rules: DeadlineRules = DEFAULT_DEADLINE_RULES,
  calendar: ProductionCalendar = DEFAULT_CALENDAR,
): { firstResponseDueAt: Date | null; dueAt: Date } {
  const rule = rules.bySource[input.source];
  const urgent = input.priority === 'urgent';
  const first = (urgent ? rule.urgentFirstResponse : undefined) ?? rule.firstResponse;
  const final = (urgent ? rule.urgentFinal : undefined) ?? rule.final;
  return {
    firstResponseDueAt: first === null ? null : applyDuration(input.receivedAt, first, calendar, rules.schedule),
    dueAt: applyDuration(input.receivedAt, final, calendar, rules.schedule),
  };
}

/** When an appeal outside the competence must be forwarded (59-FZ art. 8 part 3). */
export function forwardingDueAt(
  registeredAt: Date,
  rules: DeadlineRules = DEFAULT_DEADLINE_RULES,
  calendar: ProductionCalendar = DEFAULT_CALENDAR,
): Date {
  return applyDuration(registeredAt, rules.forwarding, calendar, rules.schedule);
}

// --- how urgent it looks -------------------------------------------------------------------

export type DeadlineLevel = 'ok' | 'amber' | 'red' | 'overdue';

/** Under this many working hours left, a deadline is red. */
export const DEADLINE_RED_HOURS = 2;

/**
 * overdue: the deadline has passed; red: under 2 working hours left (answer now); amber: under
 * one working day (the schedule's day, 9 hours by default) left — answer today or by this time
 * tomorrow; ok otherwise. Working time, not wall-clock time: a deadline of Monday 10:00 is red on
 * Saturday, and an 8-working-hour first response is amber from the moment the appeal arrives.
 */
export function deadlineLevel(
  now: Date,
  due: Date,
  calendar: ProductionCalendar = DEFAULT_CALENDAR,
  schedule: WorkSchedule = DEFAULT_WORK_SCHEDULE,
): DeadlineLevel {
  if (now.getTime() > due.getTime()) return 'overdue';
  const left = workingMillisBetween(now, due, calendar, schedule);
  if (left < DEADLINE_RED_HOURS * HOUR) return 'red';
  if (left < (schedule.endHour - schedule.startHour) * HOUR) return 'amber';
  return 'ok';
}
