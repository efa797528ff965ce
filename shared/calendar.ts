/**
 * The Russian production calendar (производственный календарь) as data.
 *
 * Each year lists the weekdays that are days off (public holidays of Labour Code art. 112 and the
 * days off moved onto weekdays by the government's annual transfer decree) and the weekend days
 * made working by that decree. Every other Mon–Fri is a working day. A region whose calendar
 * differs (a republic's own holidays, e.g. Adygea's Day of the Republic) builds its own calendar
 * from plain data with `buildCalendar`.
 *
 * Dates are calendar dates ('YYYY-MM-DD') in the region's own time zone; which instant belongs to
 * which date is decided by the deadline code (shared/deadlines.ts), not here.
 */

export interface CalendarYear {
  year: number;
  /** Mon–Fri dates that are days off: public holidays and days off moved by transfers. */
  nonWorking: readonly string[];
  /** Saturdays and Sundays made working days by transfers. */
  workingWeekends: readonly string[];
}

export interface ProductionCalendar {
  nonWorking: ReadonlySet<string>;
  workingWeekends: ReadonlySet<string>;
  /** The years the data covers; outside them every Mon–Fri is a working day. */
  firstYear: number;
  lastYear: number;
}

const range = (prefix: string, from: number, to: number): string[] => {
  const out: string[] = [];
  for (let d = from; d <= to; d++) out.push(`${prefix}-${String(d).padStart(2, '0')}`);
  return out;
};

/** Per the government's decree on the 2023 transfers. */
const Y2023: CalendarYear = {
  year: 2023,
  nonWorking: [...range('2023-01', 2, 6), '2023-02-23', '2023-02-24', '2023-03-08', '2023-05-01', '2023-05-08', '2023-05-09', '2023-06-12', '2023-11-06'],
  workingWeekends: [],
};

/** Per the government's decree on the 2024 transfers. */
const Y2024: CalendarYear = {
  year: 2024,
  nonWorking: [
    ...range('2024-01', 1, 5),
    '2024-01-08',
    '2024-02-23',
    '2024-03-08',
    '2024-04-29',
    '2024-04-30',
    '2024-05-01',
    '2024-05-09',
    '2024-05-10',
    '2024-06-12',
    '2024-11-04',
    '2024-12-30',
    '2024-12-31',
  ],
  workingWeekends: ['2024-04-27', '2024-11-02', '2024-12-28'],
};

/** Per the government's decree on the 2025 transfers. */
const Y2025: CalendarYear = {
  year: 2025,
  nonWorking: [
    ...range('2025-01', 1, 3),
    ...range('2025-01', 6, 8),
    '2025-05-01',
    '2025-05-02',
    '2025-05-08',
    '2025-05-09',
    '2025-06-12',
    '2025-06-13',
    '2025-11-03',
    '2025-11-04',
    '2025-12-31',
  ],
  workingWeekends: ['2025-11-01'],
};

/** Per the government's decree on the 2026 transfers. */
const Y2026: CalendarYear = {
  year: 2026,
  nonWorking: [
    '2026-01-01',
    '2026-01-02',
    ...range('2026-01', 5, 9),
    '2026-02-23',
    '2026-03-09',
    '2026-05-01',
    '2026-05-11',
    '2026-06-12',
    '2026-11-04',
    '2026-12-31',
  ],
  workingWeekends: [],
};

/**
 * 2027 derived from Labour Code art. 112 alone: the holidays, and a holiday falling on a weekend
 * moved to the next working day (January holidays excepted — their weekend days are moved by the
 * government's decree). TODO: check the 2027 government decree on transfers when it is published
 * and update this data (it usually moves the January weekend holidays, e.g. onto Dec 31).
 */
const Y2027: CalendarYear = {
  year: 2027,
  nonWorking: [
    '2027-01-01',
    ...range('2027-01', 4, 8),
    '2027-02-23',
    '2027-03-08',
    '2027-05-03', // May 1 is a Saturday
    '2027-05-10', // May 9 is a Sunday
    '2027-06-14', // June 12 is a Saturday
    '2027-11-04',
  ],
  workingWeekends: [],
};

export const RUSSIAN_CALENDAR_DATA: readonly CalendarYear[] = [Y2023, Y2024, Y2025, Y2026, Y2027];

const DATE_KEY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Builds a calendar from plain data (for example a region's own, loaded from its settings). */
export function buildCalendar(years: readonly CalendarYear[]): ProductionCalendar {
  if (years.length === 0) throw new Error('A production calendar needs at least one year');
  const nonWorking = new Set<string>();
  const workingWeekends = new Set<string>();
  for (const y of years) {
    for (const key of y.nonWorking) nonWorking.add(checkKey(key, y.year));
    for (const key of y.workingWeekends) workingWeekends.add(checkKey(key, y.year));
  }
  const numbers = years.map((y) => y.year);
  return { nonWorking, workingWeekends, firstYear: Math.min(...numbers), lastYear: Math.max(...numbers) };
}

function checkKey(key: string, year: number): string {
  const m = DATE_KEY.exec(key);
  if (!m || Number(m[1]) !== year || addDaysToKey(key, 0) !== key) {
    throw new Error(`Invalid calendar date ${key} for year ${year}`);
  }
  return key;
}

export const DEFAULT_CALENDAR: ProductionCalendar = buildCalendar(RUSSIAN_CALENDAR_DATA);

function keyToUtcMs(dateKey: string): number {
  const m = DATE_KEY.exec(dateKey);
  if (!m) throw new Error(`Invalid date key ${dateKey}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
}

/** 0 = Sunday … 6 = Saturday, of a calendar date. */
export function dayOfWeek(dateKey: string): number {
  return new Date(keyToUtcMs(dateKey)).getUTCDay();
}

/** The calendar date `days` days after (or before, when negative) `dateKey`. */
export function addDaysToKey(dateKey: string, days: number): string {
  return new Date(keyToUtcMs(dateKey) + days * 86_400_000).toISOString().slice(0, 10);
}

// Deadline arithmetic walks dates one by one for 100,000 appeals: remember the answers.
const MEMO_LIMIT = 100_000;
const nextKeyMemo = new Map<string, string>();
const workingMemo = new WeakMap<ProductionCalendar, Map<string, boolean>>();

/** The next calendar date: addDaysToKey(dateKey, 1), remembered. */
export function nextDateKey(dateKey: string): string {
  let next = nextKeyMemo.get(dateKey);
  if (next === undefined) {
    next = addDaysToKey(dateKey, 1);
    if (nextKeyMemo.size >= MEMO_LIMIT) nextKeyMemo.clear();
    nextKeyMemo.set(dateKey, next);
  }
  return next;
}

export function isWorkingDay(dateKey: string, cal: ProductionCalendar = DEFAULT_CALENDAR): boolean {
  let memo = workingMemo.get(cal);
  if (memo === undefined) workingMemo.set(cal, (memo = new Map()));
  let working = memo.get(dateKey);
  if (working === undefined) {
    if (cal.workingWeekends.has(dateKey)) working = true;
    else if (cal.nonWorking.has(dateKey)) working = false;
    else working = dayOfWeek(dateKey) % 6 !== 0;
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(dateKey, working);
  }
  return working;
}

/** The first working day on or after `dateKey`. */
export function nextWorkingDayOnOrAfter(dateKey: string, cal: ProductionCalendar = DEFAULT_CALENDAR): string {
  let key = dateKey;
  // The longest run of days off in a Russian calendar is the New Year holidays (~11 days).
  for (let i = 0; i < 366 && !isWorkingDay(key, cal); i++) key = nextDateKey(key);
  return key;
}

/** Working days in a calendar year: 247 in 2023, 248 in 2024. */
export function workingDaysInYear(year: number, cal: ProductionCalendar = DEFAULT_CALENDAR): number {
  let count = 0;
  for (let key = `${year}-01-01`; key.startsWith(String(year)); key = nextDateKey(key)) {
    if (isWorkingDay(key, cal)) count++;
  }
  return count;
}
