import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isWorkingDay } from './calendar';
import {
  addWorkingDays,
  addWorkingHours,
  computeDeadlines,
  deadlineLevel,
  DEFAULT_DEADLINE_RULES,
  forwardingDueAt,
  FZ59_FORWARDING_DAYS,
  localDateKey,
  localInstant,
  workingMillisBetween,
  type DeadlineRules,
} from './deadlines';
import type { Source } from './domain';

const HOUR = 3_600_000;
const at = (iso: string) => new Date(iso);
const deadlines = (source: Source, receivedAt: string, priority: 'normal' | 'urgent' = 'normal') => {
  const d = computeDeadlines({ source, priority, receivedAt: at(receivedAt) });
  return { first: d.firstResponseDueAt?.toISOString() ?? null, due: d.dueAt.toISOString() };
};

describe('social network deadlines (8 working hours, 7 working days)', () => {
  it('carries a Friday 17:00 appeal over the weekend to Monday 16:00', () => {
    expect(deadlines('vk', '2026-03-13T17:00:00+03:00')).toEqual({
      first: '2026-03-16T13:00:00.000Z', // Monday 16:00 MSK
      due: '2026-03-24T15:00:00.000Z', // end of the 7th working day: Tuesday 18:00 MSK
    });
  });

  it('skips a Monday made a day off (8 March 2026 fell on a Sunday)', () => {
    expect(deadlines('telegram', '2026-03-06T17:00:00+03:00').first).toBe('2026-03-10T13:00:00.000Z');
  });

  it('starts counting on Monday morning for an appeal sent on Saturday', () => {
    expect(deadlines('ok', '2026-03-14T12:00:00+03:00')).toEqual({
      first: '2026-03-16T14:00:00.000Z', // Monday 17:00 MSK
      due: '2026-03-24T15:00:00.000Z',
    });
  });

  it('starts counting after the New Year holidays for an appeal sent on 3 January', () => {
    expect(deadlines('vk', '2026-01-03T10:00:00+03:00')).toEqual({
      first: '2026-01-12T14:00:00.000Z', // Monday 12 January 17:00 MSK
      due: '2026-01-20T15:00:00.000Z',
    });
  });

  it('counts a transferred working Saturday (27 April 2024) and skips the May days off', () => {
    expect(deadlines('vk', '2024-04-26T17:00:00+03:00')).toEqual({
      first: '2024-04-27T13:00:00.000Z', // Saturday 16:00 MSK
      due: '2024-05-13T15:00:00.000Z', // Apr 27, May 2, 3, 6, 7, 8, 13
    });
    expect(deadlines('vk', '2024-04-27T17:30:00+03:00').first).toBe('2024-05-02T13:30:00.000Z');
  });

  it('gives an urgent appeal 4 working hours for the first response, the same final deadline', () => {
    const urgent = deadlines('vk', '2026-03-03T15:00:00+03:00', 'urgent');
    const normal = deadlines('vk', '2026-03-03T15:00:00+03:00');
    expect(urgent.first).toBe('2026-03-04T07:00:00.000Z'); // Wednesday 10:00 MSK
    expect(normal.first).toBe('2026-03-04T11:00:00.000Z'); // Wednesday 14:00 MSK
    expect(urgent.due).toBe(normal.due);
  });

  it('uses the Moscow date and time when the UTC date is the day before', () => {
    // 22:30 UTC on Monday is 01:30 on Tuesday in Moscow.
    expect(deadlines('vk', '2026-03-02T22:30:00Z')).toEqual({
      first: '2026-03-03T14:00:00.000Z', // Tuesday 17:00 MSK
      due: '2026-03-13T15:00:00.000Z', // 7 working days after Tuesday (9 March is off)
    });
  });

  it('treats chatbot and incident messages like social networks', () => {
    expect(deadlines('chatbot', '2026-03-13T17:00:00+03:00')).toEqual(deadlines('vk', '2026-03-13T17:00:00+03:00'));
    expect(deadlines('incident', '2026-03-13T17:00:00+03:00')).toEqual(deadlines('vk', '2026-03-13T17:00:00+03:00'));
  });
});

describe('Gosuslugi feedback platform (POS) deadlines', () => {
  it('gives 8 working hours and 10 working days', () => {
    expect(deadlines('pos', '2026-03-13T17:00:00+03:00')).toEqual({
      first: '2026-03-16T13:00:00.000Z',
      due: '2026-03-27T15:00:00.000Z', // Mar 16–20, 23–27
    });
  });
});

describe('59-FZ appeals (email, phone)', () => {
  it('moves 30 calendar days landing on a Sunday to Monday, and registers within 3 working days', () => {
    expect(deadlines('email', '2026-03-06T10:00:00+03:00')).toEqual({
      first: '2026-03-12T15:00:00.000Z', // Mar 10, 11, 12 (9 March is off)
      due: '2026-04-06T15:00:00.000Z', // 5 April is a Sunday
    });
  });

  it('moves 30 days landing in the New Year holidays past them', () => {
    expect(deadlines('phone', '2025-12-02T11:00:00+03:00').due).toBe('2026-01-12T15:00:00.000Z');
  });

  it('does not shorten a 59-FZ deadline for urgent appeals', () => {
    expect(deadlines('email', '2026-03-06T10:00:00+03:00', 'urgent')).toEqual(deadlines('email', '2026-03-06T10:00:00+03:00'));
  });

  it('exports the 7-day forwarding limit as data', () => {
    expect(FZ59_FORWARDING_DAYS).toBe(7);
    expect(DEFAULT_DEADLINE_RULES.forwarding).toEqual({ unit: 'calendarDays', amount: 7 });
    expect(forwardingDueAt(at('2026-03-02T10:00:00+03:00')).toISOString()).toBe('2026-03-10T15:00:00.000Z'); // 9 March off
  });
});

describe('rules and schedules a region can change', () => {
  it('counts in the region’s time zone and working day', () => {
    const rules: DeadlineRules = {
      ...DEFAULT_DEADLINE_RULES,
      schedule: { timeZone: 'Asia/Yekaterinburg', startHour: 8.5, endHour: 17.5 },
    };
    // Friday 16:30 in Yekaterinburg (UTC+5): 1 hour on Friday, 7 from Monday 8:30.
    const d = computeDeadlines({ source: 'vk', priority: 'normal', receivedAt: at('2026-03-13T11:30:00Z') }, rules);
    expect(d.firstResponseDueAt?.toISOString()).toBe('2026-03-16T10:30:00.000Z'); // Monday 15:30 local
    expect(d.dueAt.toISOString()).toBe('2026-03-24T12:30:00.000Z'); // 17:30 local
  });

  it('stays right across a daylight-saving change', () => {
    const berlin = { timeZone: 'Europe/Berlin', startHour: 9, endHour: 18 };
    // Friday 27 March 2026 17:00 CET; clocks go forward on Sunday 29 March.
    const due = addWorkingHours(at('2026-03-27T16:00:00Z'), 8, undefined, berlin);
    expect(due.toISOString()).toBe('2026-03-30T14:00:00.000Z'); // Monday 16:00 CEST
  });

  it('lets a rule give a source no first-response deadline', () => {
    const rules: DeadlineRules = {
      ...DEFAULT_DEADLINE_RULES,
      bySource: { ...DEFAULT_DEADLINE_RULES.bySource, phone: { firstResponse: null, final: { unit: 'workingDays', amount: 5 } } },
    };
    const d = computeDeadlines({ source: 'phone', priority: 'normal', receivedAt: at('2026-03-13T10:00:00+03:00') }, rules);
    expect(d.firstResponseDueAt).toBeNull();
    expect(d.dueAt.toISOString()).toBe('2026-03-20T15:00:00.000Z');
  });
});

describe('working time arithmetic', () => {
  it('ends working days at 18:00 Moscow', () => {
    expect(addWorkingDays(at('2026-03-12T23:00:00+03:00'), 1).toISOString()).toBe('2026-03-13T15:00:00.000Z');
    expect(addWorkingDays(at('2026-03-13T23:00:00+03:00'), 1).toISOString()).toBe('2026-03-16T15:00:00.000Z');
  });

  it('counts working time between two instants, negative backwards', () => {
    const fri = at('2026-03-13T17:00:00+03:00');
    const mon = at('2026-03-16T10:00:00+03:00');
    expect(workingMillisBetween(fri, mon)).toBe(2 * HOUR);
    expect(workingMillisBetween(mon, fri)).toBe(-2 * HOUR);
    expect(workingMillisBetween(at('2026-03-16T07:00:00+03:00'), at('2026-03-16T20:00:00+03:00'))).toBe(9 * HOUR);
    expect(workingMillisBetween(at('2026-01-01T00:00:00+03:00'), at('2026-01-11T23:00:00+03:00'))).toBe(0);
    expect(workingMillisBetween(at('2026-03-14T10:00:00+03:00'), at('2026-03-14T12:00:00+03:00'))).toBe(0);
  });

  it('adds working hours that workingMillisBetween measures back exactly, inside working hours', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2023, 0, 1), max: Date.UTC(2027, 11, 1) }),
        fc.integer({ min: 1, max: 200 }),
        (startMs, quarterHours) => {
          const start = new Date(startMs);
          const end = addWorkingHours(start, quarterHours / 4);
          expect(workingMillisBetween(start, end)).toBe((quarterHours / 4) * HOUR);
          expect(isWorkingDay(localDateKey(end))).toBe(true);
          const hour = (end.getTime() - localInstant(localDateKey(end), 0).getTime()) / HOUR;
          expect(hour).toBeGreaterThan(9);
          expect(hour).toBeLessThanOrEqual(18);
        },
      ),
    );
  });

  it('tells the Moscow date of an instant', () => {
    expect(localDateKey(at('2026-03-02T22:30:00Z'))).toBe('2026-03-03');
    expect(localInstant('2026-03-03', 9).toISOString()).toBe('2026-03-03T06:00:00.000Z');
  });
});

describe('deadlineLevel', () => {
  const due = at('2026-03-16T10:00:00+03:00'); // Monday 10:00 MSK
  it.each([
    ['2026-03-16T10:00:01+03:00', 'overdue'],
    ['2026-03-16T09:30:00+03:00', 'red'],
    ['2026-03-14T12:00:00+03:00', 'red'], // Saturday: only one working hour left
    ['2026-03-13T12:00:00+03:00', 'amber'], // Friday noon: 7 working hours left
    ['2026-03-12T12:00:00+03:00', 'ok'], // Thursday noon: 16 working hours left
  ])('at %s is %s', (now, level) => {
    expect(deadlineLevel(at(now), due)).toBe(level);
  });
});
