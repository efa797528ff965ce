import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { addDaysToKey } from './calendar';

/**
 * Instants ↔ local calendar dates and times of day in an IANA time zone, for deadline arithmetic.
 *
 * TZDate answers every question about local time but costs microseconds per call, and the server
 * and the demo seed compute deadlines for 100,000 appeals. So TZDate is asked once per local day
 * (when does it start, when does the next one start) and the answers are cached. On a day with a
 * clock change (not in Moscow since 2014, but a region may set another zone) the day is not 24
 * hours long, and times of day on it are asked of TZDate directly.
 */

export interface LocalTime {
  /** The local calendar date, 'YYYY-MM-DD'. */
  key: string;
  /** Milliseconds of wall-clock time since local midnight. */
  msOfDay: number;
}

const DAY = 86_400_000;
const CACHE_LIMIT = 100_000;

interface DayInfo {
  start: number;
  end: number;
}

// Per zone, then per date: no string is built to look an answer up.
const dayCache = new Map<string, Map<string, DayInfo>>();
const utcDayCache = new Map<string, Map<number, string>>();

function zoneCache<K, V>(caches: Map<string, Map<K, V>>, timeZone: string): Map<K, V> {
  let cache = caches.get(timeZone);
  if (cache === undefined) caches.set(timeZone, (cache = new Map()));
  else if (cache.size >= CACHE_LIMIT) cache.clear();
  return cache;
}

function midnight(dateKey: string, timeZone: string): number {
  const [y, m, d] = dateKey.split('-').map(Number) as [number, number, number];
  return new TZDate(y, m - 1, d, 0, 0, 0, 0, timeZone).getTime();
}

/** When the local day starts and when the next one does. */
function dayInfo(dateKey: string, timeZone: string): DayInfo {
  const cache = zoneCache(dayCache, timeZone);
  let info = cache.get(dateKey);
  if (info === undefined) {
    info = { start: midnight(dateKey, timeZone), end: midnight(addDaysToKey(dateKey, 1), timeZone) };
    cache.set(dateKey, info);
  }
  return info;
}

/** The local date at the start of a UTC day; a UTC day overlaps that local date and the next. */
function localKeyAtUtcDay(utcDay: number, timeZone: string): string {
  const cache = zoneCache(utcDayCache, timeZone);
  let key = cache.get(utcDay);
  if (key === undefined) {
    key = format(new TZDate(utcDay * DAY, timeZone), 'yyyy-MM-dd');
    cache.set(utcDay, key);
  }
  return key;
}

function wallClock(d: Date): number {
  return ((d.getHours() * 60 + d.getMinutes()) * 60 + d.getSeconds()) * 1000 + d.getMilliseconds();
}

export function toLocal(instant: number, timeZone: string): LocalTime {
  let key = localKeyAtUtcDay(Math.floor(instant / DAY), timeZone);
  let day = dayInfo(key, timeZone);
  if (instant >= day.end) {
    key = addDaysToKey(key, 1);
    day = dayInfo(key, timeZone);
  }
  if (day.end - day.start === DAY) return { key, msOfDay: instant - day.start };
  return { key, msOfDay: wallClock(new TZDate(instant, timeZone)) };
}

export function fromLocal(dateKey: string, msOfDay: number, timeZone: string): number {
  const day = dayInfo(dateKey, timeZone);
  if (day.end - day.start === DAY) return day.start + msOfDay;
  const [y, m, d] = dateKey.split('-').map(Number) as [number, number, number];
  return new TZDate(y, m - 1, d, 0, 0, 0, msOfDay, timeZone).getTime();
}
