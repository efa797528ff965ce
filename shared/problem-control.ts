import { DEFAULT_CALENDAR, type ProductionCalendar } from './calendar';
import { DEFAULT_WORK_SCHEDULE, workingMillisBetween, type WorkSchedule } from './deadlines';
import { DEFAULT_ESCALATION_HOURS } from './escalation';
import type { Problem } from './problems';

/**
 * «Контроль исполнения»: what was promised, by whom, by when. A problem is under control from
 * «принято в работу» (it has a promise) until it is solved. Overdue promises come first, the most
 * overdue at the top; then the rest by due date. A promise past due escalates as a deadline does:
 * once it is overdue by the escalation threshold in working time.
 */

const HOUR = 3_600_000;

export type ControlProblem = Pick<Problem, 'id' | 'state' | 'responsibleBodyId' | 'promisedAt' | 'title'>;

export interface ControlRow {
  id: string;
  title: string;
  responsibleBodyId: string | null;
  promisedAt: number;
  overdue: boolean;
  /** Overdue by at least the escalation threshold in working time. */
  escalated: boolean;
  overdueWorkingMs: number;
}

export function isUnderControl(p: Pick<Problem, 'state' | 'promisedAt'>): boolean {
  return p.promisedAt !== null && (p.state === 'identified' || p.state === 'in_work');
}

export function controlList(
  problems: Iterable<ControlProblem>,
  now: Date,
  opts: { bodyId?: string; thresholdWorkingHours?: number; calendar?: ProductionCalendar; schedule?: WorkSchedule } = {},
): ControlRow[] {
  const t = now.getTime();
  const threshold = (opts.thresholdWorkingHours ?? DEFAULT_ESCALATION_HOURS) * HOUR;
  const rows: ControlRow[] = [];
  for (const p of problems) {
    if (!isUnderControl(p) || (opts.bodyId !== undefined && p.responsibleBodyId !== opts.bodyId)) continue;
    const promisedAt = Date.parse(p.promisedAt!);
    const overdue = promisedAt < t;
    const overdueWorkingMs = overdue ? workingMillisBetween(new Date(promisedAt), now, opts.calendar ?? DEFAULT_CALENDAR, opts.schedule ?? DEFAULT_WORK_SCHEDULE) : 0;
    rows.push({ id: p.id, title: p.title, responsibleBodyId: p.responsibleBodyId, promisedAt, overdue, escalated: overdue && overdueWorkingMs >= threshold, overdueWorkingMs });
  }
  return rows.sort(
    (a, b) => Number(b.overdue) - Number(a.overdue) || (a.overdue ? b.overdueWorkingMs - a.overdueWorkingMs : 0) || a.promisedAt - b.promisedAt || (a.id < b.id ? -1 : 1),
  );
}

/** The dashboard's figures: under control, overdue, escalated. */
export function controlCounts(rows: readonly ControlRow[]): { total: number; overdue: number; escalated: number } {
  return { total: rows.length, overdue: rows.filter((r) => r.overdue).length, escalated: rows.filter((r) => r.escalated).length };
}
