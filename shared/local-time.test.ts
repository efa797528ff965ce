import { describe, expect, it } from 'vitest';
import { fromLocal, toLocal } from './local-time';

const HOUR = 3_600_000;

describe('local time in a time zone', () => {
  it('reads the Moscow date and time of an instant', () => {
    expect(toLocal(Date.parse('2026-03-02T22:30:00Z'), 'Europe/Moscow')).toEqual({ key: '2026-03-03', msOfDay: 1.5 * HOUR });
    expect(toLocal(Date.parse('2026-03-02T20:59:59.999Z'), 'Europe/Moscow').key).toBe('2026-03-02');
    expect(toLocal(Date.parse('2026-03-02T21:00:00Z'), 'Europe/Moscow')).toEqual({ key: '2026-03-03', msOfDay: 0 });
  });

  it('turns a Moscow date and time of day into an instant', () => {
    expect(new Date(fromLocal('2026-03-03', 9 * HOUR, 'Europe/Moscow')).toISOString()).toBe('2026-03-03T06:00:00.000Z');
  });

  it('works west of Greenwich', () => {
    expect(toLocal(Date.parse('2026-03-03T03:00:00Z'), 'America/Chicago')).toEqual({ key: '2026-03-02', msOfDay: 21 * HOUR });
    expect(new Date(fromLocal('2026-03-02', 21 * HOUR, 'America/Chicago')).toISOString()).toBe('2026-03-03T03:00:00.000Z');
  });

  it('keeps wall-clock time on a day the clocks change', () => {
    // Berlin springs forward at 02:00 on 29 March 2026: noon is 10:00 UTC, 01:00 is 00:00 UTC.
    expect(new Date(fromLocal('2026-03-29', 12 * HOUR, 'Europe/Berlin')).toISOString()).toBe('2026-03-29T10:00:00.000Z');
    expect(new Date(fromLocal('2026-03-29', 1 * HOUR, 'Europe/Berlin')).toISOString()).toBe('2026-03-29T00:00:00.000Z');
    expect(toLocal(Date.parse('2026-03-29T10:00:00Z'), 'Europe/Berlin')).toEqual({ key: '2026-03-29', msOfDay: 12 * HOUR });
    expect(toLocal(Date.parse('2026-03-28T23:30:00Z'), 'Europe/Berlin')).toEqual({ key: '2026-03-29', msOfDay: 0.5 * HOUR });
  });
});
