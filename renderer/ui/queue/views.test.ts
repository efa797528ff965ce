import { describe, expect, it, vi } from 'vitest';
import { CLERK, makeAppeal } from '../../sync/testing/fake-server';
import { toItem } from './item';
import { readPrefs } from './queue-store';
import { compareItems, countViews, inView, isOwnOpen, NO_FILTERS, passesFilters, STEADY_VIEWS, TIMED_VIEWS, viewContext, type ViewId } from './views';

// Monday 10 March 2025, 12:00 in Moscow.
const NOW = new Date('2025-03-10T09:00:00.000Z');
const ctx = (awaiting = new Map<string, Set<string>>()) => viewContext({ id: CLERK.id, supervisor: false }, NOW, awaiting);
const item = (id: string, extra: Parameters<typeof makeAppeal>[0] = {}) => toItem(makeAppeal({ id, ...extra }));

const ITEMS = [
  item('late-mine', { dueAt: '2025-03-07T15:00:00.000Z', status: 'in_progress' }),
  item('today-mine', { dueAt: '2025-03-10T14:00:00.000Z' }),
  item('new-nobody', { assigneeId: null, status: 'new', dueAt: '2025-03-20T15:00:00.000Z' }),
  item('theirs', { assigneeId: 'u-other', dueAt: '2025-03-09T15:00:00.000Z' }),
  item('answered-mine', { status: 'answered', dueAt: '2025-03-28T15:00:00.000Z' }),
  item('closed-mine', { status: 'closed', dueAt: '2025-03-28T15:00:00.000Z' }),
];
const ids = (view: ViewId, awaiting?: Map<string, Set<string>>) => ITEMS.filter((i) => inView(view, i, ctx(awaiting))).map((i) => i.id);

describe('queue views', () => {
  it('each view holds what its name says', () => {
    expect(ids('mine')).toEqual(['late-mine', 'today-mine']);
    expect(ids('new')).toEqual(['today-mine', 'new-nobody']);
    expect(ids('today')).toEqual(['today-mine']);
    expect(ids('overdue')).toEqual(['late-mine']);
    expect(ids('answered')).toEqual(['answered-mine']);
    expect(ids('all')).toHaveLength(ITEMS.length);
    expect(ids('approval', new Map([['answered-mine', new Set([CLERK.id])], ['theirs', new Set(['u-other'])]]))).toEqual(['answered-mine']);
  });

  it('«Не доставлено» holds my appeals with an answer that did not reach the citizen', () => {
    const undelivered = new Set(['answered-mine', 'theirs']);
    const mine = viewContext({ id: CLERK.id, supervisor: false }, NOW, new Map(), undelivered);
    expect(ITEMS.filter((i) => inView('undelivered', i, mine)).map((i) => i.id)).toEqual(['answered-mine']);
    const supervisor = viewContext({ id: CLERK.id, supervisor: true }, NOW, new Map(), undelivered);
    expect(countViews(ITEMS, supervisor).undelivered).toBe(2);
  });

  it('counts every view in one pass', () => {
    expect(countViews(ITEMS, ctx())).toEqual({ mine: 2, new: 2, today: 1, overdue: 1, approval: 0, answered: 1, all: 6, undelivered: 0 });
  });

  it('as the clock moves, recounting only the timed views over my own open appeals gives the same counts', () => {
    for (const at of ['2025-03-10T09:00:00.000Z', '2025-03-10T15:00:00.000Z', '2025-03-11T06:00:00.000Z']) {
      for (const supervisor of [false, true]) {
        const c = viewContext({ id: CLERK.id, supervisor }, new Date(at));
        const steady = countViews(ITEMS, c, STEADY_VIEWS);
        const timed = countViews(ITEMS.filter((i) => isOwnOpen(i, c)), c, TIMED_VIEWS);
        expect({ ...steady, today: timed.today, overdue: timed.overdue }).toEqual(countViews(ITEMS, c));
      }
    }
    // An hour past the deadline of «today-mine», it is overdue, no longer due today.
    const later = viewContext({ id: CLERK.id, supervisor: false }, new Date('2025-03-10T15:00:00.000Z'));
    expect(countViews(ITEMS.filter((i) => isOwnOpen(i, later)), later, TIMED_VIEWS)).toMatchObject({ today: 0, overdue: 2 });
  });

  it('filters by deadline in working time and by fields; sorts by deadline by default', () => {
    const c = ctx();
    expect(ITEMS.filter((i) => passesFilters(i, { ...NO_FILTERS, deadline: 'overdue' }, c)).map((i) => i.id)).toEqual(['late-mine', 'theirs']);
    // 14:00 UTC is 17:00 in Moscow: 5 working hours away, under a working day but over 2 hours.
    expect(ITEMS.filter((i) => passesFilters(i, { ...NO_FILTERS, deadline: 'amber' }, c)).map((i) => i.id)).toEqual(['today-mine']);
    expect(ITEMS.filter((i) => passesFilters(i, { ...NO_FILTERS, status: 'new', priority: 'normal' }, c)).map((i) => i.id)).toEqual(['new-nobody']);
    expect([...ITEMS].sort(compareItems('deadline'))[0]!.id).toBe('late-mine');
  });

  it('preferences read back field by field; junk falls back to the defaults', () => {
    const store = new Map<string, string>();
    vi.stubGlobal('localStorage', { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) });
    localStorage.setItem(`otklik.queue.${CLERK.id}`, JSON.stringify({ view: 'overdue', sort: 'nonsense', filters: { category: 'roads', bogus: 1 } }));
    expect(readPrefs(CLERK.id)).toEqual({ view: 'overdue', sort: 'deadline', filters: { ...NO_FILTERS, category: 'roads' } });
    localStorage.setItem(`otklik.queue.${CLERK.id}`, '{not json');
    expect(readPrefs(CLERK.id).view).toBe('mine');
    vi.unstubAllGlobals();
  });
});
