import { addDaysToKey } from './calendar';
import { DEFAULT_WORK_SCHEDULE, localDateKey, localInstant, type WorkSchedule } from './deadlines';
import { isOpen } from './domain';
import type { AppealFacts } from './facts';
import { periodSpan, periodOf } from './periods';

/**
 * Supervisors' worklists: per clerk and per municipality, how many appeals are open, due today,
 * overdue, waiting for approval and answered this week, with the appeals behind each number.
 *
 * - open: status new, assigned, in progress or clarification;
 * - due today: open, answer deadline later today (region's time zone), not yet passed;
 * - overdue: open, answer deadline passed;
 * - waiting for approval: a reply to it waits for a supervisor (counted with the appeal's assignee);
 * - answered this week: its first reply was published this week (Monday to Sunday).
 */

export const WORKLIST_BUCKETS = ['open', 'dueToday', 'overdue', 'awaitingApproval', 'answeredThisWeek'] as const;
export type WorklistBucket = (typeof WORKLIST_BUCKETS)[number];

export interface WorklistRow {
  /** The assignee's id (null: nobody yet) or the municipality's id. */
  key: string | null;
  counts: Record<WorklistBucket, number>;
  /** The appeals behind each number, for the drill-down. */
  ids: Record<WorklistBucket, string[]>;
}

export interface Worklists {
  byAssignee: WorklistRow[];
  byMunicipality: WorklistRow[];
  total: WorklistRow;
}

export interface WorklistClock {
  now: number;
  /** The end of today, local. */
  todayEnd: number;
  weekStart: number;
  weekEnd: number;
}

export function worklistClock(now: Date, schedule: WorkSchedule = DEFAULT_WORK_SCHEDULE): WorklistClock {
  const today = localDateKey(now, schedule);
  const week = periodSpan(periodOf(today, 'week'), schedule);
  return { now: now.getTime(), todayEnd: localInstant(addDaysToKey(today, 1), 0, schedule).getTime(), weekStart: week.start, weekEnd: week.end };
}

/** The worklist numbers one appeal counts in. */
export function bucketsOf(f: AppealFacts, awaitingApproval: boolean, clock: WorklistClock): WorklistBucket[] {
  const out: WorklistBucket[] = [];
  if (isOpen(f.status)) {
    out.push('open');
    if (f.dueAt < clock.now) out.push('overdue');
    else if (f.dueAt < clock.todayEnd) out.push('dueToday');
  }
  if (awaitingApproval) out.push('awaitingApproval');
  if (f.firstRespondedAt !== null && f.firstRespondedAt >= clock.weekStart && f.firstRespondedAt < clock.weekEnd) out.push('answeredThisWeek');
  return out;
}

const emptyRow = (key: string | null): WorklistRow => ({
  key,
  counts: { open: 0, dueToday: 0, overdue: 0, awaitingApproval: 0, answeredThisWeek: 0 },
  ids: { open: [], dueToday: [], overdue: [], awaitingApproval: [], answeredThisWeek: [] },
});

/**
 * The worklists of a scope. `awaitingApproval` holds the ids of appeals with a reply waiting for
 * approval. Rows appear only for people and municipalities with at least one number above zero.
 */
export function computeWorklists(facts: readonly AppealFacts[], awaitingApproval: ReadonlySet<string>, clock: WorklistClock): Worklists {
  const byAssignee = new Map<string | null, WorklistRow>();
  const byMunicipality = new Map<string, WorklistRow>();
  const total = emptyRow(null);
  for (const f of facts) {
    const buckets = bucketsOf(f, awaitingApproval.has(f.id), clock);
    if (buckets.length === 0) continue;
    let a = byAssignee.get(f.assigneeId);
    if (!a) byAssignee.set(f.assigneeId, (a = emptyRow(f.assigneeId)));
    let m = byMunicipality.get(f.municipalityId);
    if (!m) byMunicipality.set(f.municipalityId, (m = emptyRow(f.municipalityId)));
    for (const b of buckets) {
      for (const row of [a, m, total]) {
        row.counts[b]++;
        row.ids[b].push(f.id);
      }
    }
  }
  return { byAssignee: [...byAssignee.values()], byMunicipality: [...byMunicipality.values()], total };
}
