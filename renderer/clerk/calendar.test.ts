import { afterEach, describe, expect, it } from 'vitest';
import { addWorkingHours } from '../../shared/deadlines';
import { setRegionalDays, workCalendar } from './calendar';

describe('the workstation’s working calendar', () => {
  afterEach(() => setRegionalDays({ holidays: [], workdays: [] }));

  it('counts the region’s day off as the server does: two working hours from Thursday 17:00 end on Monday, not Friday', () => {
    const thursday = new Date('2026-12-03T14:00:00Z'); // 17:00 in Moscow
    expect(addWorkingHours(thursday, 2, workCalendar()).toISOString()).toBe('2026-12-04T07:00:00.000Z');
    setRegionalDays({ holidays: ['2026-12-04'], workdays: [] });
    expect(addWorkingHours(thursday, 2, workCalendar()).toISOString()).toBe('2026-12-07T07:00:00.000Z');
  });
});
