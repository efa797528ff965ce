import { OPEN_STATUSES, type AppealStatus, type Category, type Priority, type Source } from '../../../shared/domain';
import { addWorkingHours, DEADLINE_RED_HOURS, DEFAULT_WORK_SCHEDULE, localDateKey, localInstant } from '../../../shared/deadlines';
import { addDaysToKey } from '../../../shared/calendar';
import type { QueueItem } from './item';
import { workCalendar } from '../../clerk/calendar';

/** The queue's views, in the order of their shortcuts 1–8. */
export const VIEW_IDS = ['mine', 'new', 'today', 'overdue', 'approval', 'answered', 'all', 'undelivered'] as const;
export type ViewId = (typeof VIEW_IDS)[number];

export const DEADLINE_FILTERS = ['overdue', 'red', 'amber', 'today', 'week'] as const;
export type DeadlineFilter = (typeof DEADLINE_FILTERS)[number];
export const SORT_KEYS = ['deadline', 'received', 'priority'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export interface Filters {
  status: AppealStatus | '';
  category: Category | '';
  source: Source | '';
  settlement: string;
  deadline: DeadlineFilter | '';
  priority: Priority | '';
}

export const NO_FILTERS: Filters = { status: '', category: '', source: '', settlement: '', deadline: '', priority: '' };

/** Who is looking and when: everything a view's membership depends on besides the appeal. */
export interface ViewContext {
  userId: string;
  /** Supervisors' personal views cover their whole scope; a clerk's, the appeals assigned to them. */
  supervisor: boolean;
  now: number;
  /** The end of today in the region's time zone. */
  endOfToday: number;
  /** Under 2 working hours left before this instant. */
  redBefore: number;
  /** Under one working day left before this instant. */
  amberBefore: number;
  weekAhead: number;
  /** Appeals with a reply waiting for approval, each with the authors of those replies. */
  awaiting: ReadonlyMap<string, ReadonlySet<string>>;
  /** Appeals with a reply (or question) that did not reach the citizen. */
  undelivered: ReadonlySet<string>;
}

const OPEN: ReadonlySet<string> = new Set(OPEN_STATUSES);

export function viewContext(
  user: { id: string; supervisor: boolean },
  now: Date,
  awaiting: ReadonlyMap<string, ReadonlySet<string>> = new Map(),
  undelivered: ReadonlySet<string> = new Set(),
): ViewContext {
  const today = localDateKey(now);
  return {
    userId: user.id,
    supervisor: user.supervisor,
    now: now.getTime(),
    endOfToday: localInstant(addDaysToKey(today, 1), 0).getTime(),
    // Working time only grows with wall time, so "under N working hours left" is "due before
    // now + N working hours": one instant per render instead of a calendar walk per appeal.
    redBefore: addWorkingHours(now, DEADLINE_RED_HOURS, workCalendar()).getTime(),
    amberBefore: addWorkingHours(now, DEFAULT_WORK_SCHEDULE.endHour - DEFAULT_WORK_SCHEDULE.startHour, workCalendar()).getTime(),
    weekAhead: now.getTime() + 7 * 86_400_000,
    awaiting,
    undelivered,
  };
}

function personal(item: QueueItem, ctx: Pick<ViewContext, 'userId' | 'supervisor'>): boolean {
  return ctx.supervisor || item.assigneeId === ctx.userId;
}

/**
 * - mine: open appeals assigned to me (a supervisor: every open appeal of the scope);
 * - new: not yet taken in work — mine, or nobody's yet;
 * - today / overdue: open ones of mine whose final deadline is later today / has passed;
 * - approval: with a reply of mine (or to my appeal) waiting for a supervisor;
 * - answered: mine with the answer sent;
 * - all: everything this workstation holds (my municipality);
 * - undelivered: mine with an answer that did not reach the citizen (a supervisor: the scope's).
 */
export function inView(view: ViewId, item: QueueItem, ctx: ViewContext): boolean {
  switch (view) {
    case 'mine':
      return isOwnOpen(item, ctx);
    case 'new':
      return (item.status === 'new' || item.status === 'assigned') && (ctx.supervisor || item.assigneeId === ctx.userId || item.assigneeId === null);
    case 'today':
      return isOwnOpen(item, ctx) && item.due >= ctx.now && item.due < ctx.endOfToday;
    case 'overdue':
      return isOwnOpen(item, ctx) && item.due < ctx.now;
    case 'approval': {
      const authors = ctx.awaiting.get(item.id);
      return authors !== undefined && (ctx.supervisor || item.assigneeId === ctx.userId || authors.has(ctx.userId));
    }
    case 'answered':
      return item.status === 'answered' && personal(item, ctx);
    case 'all':
      return true;
    case 'undelivered':
      return ctx.undelivered.has(item.id) && personal(item, ctx);
  }
}

/** The views whose membership changes with the clock alone (the others only with the appeals). */
export const TIMED_VIEWS: readonly ViewId[] = ['today', 'overdue'];
export const STEADY_VIEWS: readonly ViewId[] = VIEW_IDS.filter((v) => !TIMED_VIEWS.includes(v));

/** How many items each of `views` holds (the others count 0). */
export function countViews(items: Iterable<QueueItem>, ctx: ViewContext, views: readonly ViewId[] = VIEW_IDS): Record<ViewId, number> {
  const counts = Object.fromEntries(VIEW_IDS.map((v) => [v, 0])) as Record<ViewId, number>;
  for (const item of items) {
    for (const view of views) if (inView(view, item, ctx)) counts[view]++;
  }
  return counts;
}

/**
 * Whether the appeal is open and in the person's own views: the only ones a timed view can hold
 * (the membership of «mine»; the timed views are «mine» narrowed by the deadline).
 */
export function isOwnOpen(item: QueueItem, ctx: Pick<ViewContext, 'userId' | 'supervisor'>): boolean {
  return OPEN.has(item.status) && personal(item, ctx);
}

export function deadlineMatches(filter: DeadlineFilter, item: QueueItem, ctx: ViewContext): boolean {
  switch (filter) {
    case 'overdue':
      return item.due < ctx.now;
    case 'red':
      return item.due >= ctx.now && item.due < ctx.redBefore;
    case 'amber':
      return item.due >= ctx.redBefore && item.due < ctx.amberBefore;
    case 'today':
      return item.due >= ctx.now && item.due < ctx.endOfToday;
    case 'week':
      return item.due >= ctx.now && item.due < ctx.weekAhead;
  }
}

export function passesFilters(item: QueueItem, f: Filters, ctx: ViewContext): boolean {
  return (
    (f.status === '' || item.status === f.status) &&
    (f.category === '' || item.category === f.category) &&
    (f.source === '' || item.source === f.source) &&
    (f.settlement === '' || item.settlement === f.settlement) &&
    (f.priority === '' || item.priority === f.priority) &&
    (f.deadline === '' || deadlineMatches(f.deadline, item, ctx))
  );
}

export function activeFilterCount(f: Filters): number {
  return Object.values(f).filter((v) => v !== '').length;
}

/** Earliest deadline first; ties by arrival, then id, so the order never jumps between renders. */
export function compareItems(key: SortKey): (a: QueueItem, b: QueueItem) => number {
  const byDue = (a: QueueItem, b: QueueItem) => a.due - b.due || a.received - b.received || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  switch (key) {
    case 'deadline':
      return byDue;
    case 'received':
      return (a, b) => b.received - a.received || byDue(a, b);
    case 'priority':
      return (a, b) => (a.priority === b.priority ? 0 : a.priority === 'urgent' ? -1 : 1) || byDue(a, b);
  }
}
