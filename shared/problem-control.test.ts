import { describe, expect, it } from 'vitest';
import { controlCounts, controlList } from './problem-control';

const p = (id: string, promisedAt: string | null, state: 'identified' | 'in_work' | 'solved' | 'confirmed' = 'in_work', responsibleBodyId: string | null = 'maykop') => ({
  id,
  title: `Проблема ${id}`,
  state,
  promisedAt,
  responsibleBodyId,
});

// Wednesday 3 December 2026, 12:00 Moscow time.
const now = new Date('2026-12-03T09:00:00Z');

describe('«Контроль исполнения»', () => {
  it('lists overdue promises first, most overdue at the top, then the rest by due date; solved and unpromised ones are not listed', () => {
    const rows = controlList(
      [
        p('later', '2026-12-20T09:00:00Z'),
        p('soon', '2026-12-04T09:00:00Z'),
        p('late-an-hour', '2026-12-03T08:00:00Z'),
        p('late-a-week', '2026-11-26T09:00:00Z'),
        p('solved', '2026-11-01T09:00:00Z', 'solved'),
        p('no-promise', null),
      ],
      now,
    );
    expect(rows.map((r) => r.id)).toEqual(['late-a-week', 'late-an-hour', 'soon', 'later']);
    expect(rows.map((r) => r.overdue)).toEqual([true, true, false, false]);
  });

  it('a promise past due by a working day escalates; an hour late does not yet; the dashboard counts both', () => {
    const rows = controlList([p('late-a-week', '2026-11-26T09:00:00Z'), p('late-an-hour', '2026-12-03T08:00:00Z'), p('later', '2026-12-20T09:00:00Z')], now);
    expect(rows.find((r) => r.id === 'late-a-week')?.escalated).toBe(true);
    expect(rows.find((r) => r.id === 'late-an-hour')?.escalated).toBe(false);
    expect(controlCounts(rows)).toEqual({ total: 3, overdue: 2, escalated: 1 });
  });

  it('filters by the responsible body', () => {
    const rows = controlList([p('a', '2026-12-10T09:00:00Z', 'in_work', 'maykop'), p('b', '2026-12-10T09:00:00Z', 'in_work', 'giaginsky')], now, { bodyId: 'giaginsky' });
    expect(rows.map((r) => r.id)).toEqual(['b']);
  });
});
