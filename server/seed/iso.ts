/**
 * Date#toISOString for an instant in milliseconds, several times faster: the seed formats about
 * a million timestamps for 100,000 appeals, and Date#toISOString was a third of the time.
 * Valid for the years 0000–9999, as toISOString is.
 */
const DAY = 86_400_000;
const pad2 = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));
const pad3 = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));
const dayPrefixes = new Map<number, string>();

export function isoString(instant: number): string {
  const t = Math.trunc(instant);
  const day = Math.floor(t / DAY);
  let prefix = dayPrefixes.get(day);
  if (prefix === undefined) {
    prefix = new Date(day * DAY).toISOString().slice(0, 11);
    dayPrefixes.set(day, prefix);
  }
  const ms = t - day * DAY;
  const seconds = Math.floor(ms / 1000);
  // One flat string: a chain of concatenations would keep several heap objects per timestamp.
  return [prefix, pad2[Math.floor(seconds / 3600)], ':', pad2[Math.floor(seconds / 60) % 60], ':', pad2[seconds % 60], '.', pad3[ms % 1000], 'Z'].join('');
}
