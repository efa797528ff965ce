import { periodSpan, type Period } from './periods';
import { DEFAULT_WORK_SCHEDULE, type WorkSchedule } from './deadlines';
import type { AppealFacts } from './facts';

/**
 * What citizens said of the answers (shared/ratings.ts), for supervisors and the HQ digest: of
 * the appeals received in a period, how many were answered, how many of their authors rated the
 * answer and how (the mean of 1–5, and the count of 1–2), and how many confirmed the problem
 * solved or said it was not. Grouped by body, sphere, channel or clerk.
 */

export const SATISFACTION_GROUPS = ['municipality', 'category', 'source', 'assignee'] as const;
export type SatisfactionGroup = (typeof SATISFACTION_GROUPS)[number];

export interface SatisfactionRow {
  key: string;
  /** Answered (answered, resolved or closed) appeals received in the period. */
  answered: number;
  /** Of those, rated 1–5 by their author. */
  rated: number;
  /** The mean score; null with no score. */
  meanScore: number | null;
  /** Rated 1 or 2. */
  low: number;
  /** The author confirmed it solved / said it was not. */
  solved: number;
  notSolved: number;
}

export interface Satisfaction {
  total: SatisfactionRow;
  rows: SatisfactionRow[];
}

/** The share of answered appeals whose author confirmed the problem solved; null with none answered. */
export function confirmedShare(row: Pick<SatisfactionRow, 'answered' | 'solved'>): number | null {
  return row.answered === 0 ? null : row.solved / row.answered;
}

const ANSWERED = new Set(['answered', 'resolved', 'closed']);

class Tally {
  answered = 0;
  rated = 0;
  sum = 0;
  low = 0;
  solved = 0;
  notSolved = 0;
  add(f: AppealFacts): void {
    this.answered++;
    if (f.score !== null) {
      this.rated++;
      this.sum += f.score;
      if (f.score <= 2) this.low++;
    }
    if (f.solved === true) this.solved++;
    if (f.solved === false) this.notSolved++;
  }
  row(key: string): SatisfactionRow {
    return { key, answered: this.answered, rated: this.rated, meanScore: this.rated === 0 ? null : this.sum / this.rated, low: this.low, solved: this.solved, notSolved: this.notSolved };
  }
}

/**
 * Satisfaction of the appeals received in `period`, by `by`: the groups with a rating or a
 * verdict first, the lowest mean first (where citizens are least content), then by volume. An
 * appeal with no assignee is grouped under ''.
 */
export function computeSatisfaction(facts: readonly AppealFacts[], period: Period, by: SatisfactionGroup, schedule: WorkSchedule = DEFAULT_WORK_SCHEDULE): Satisfaction {
  const span = periodSpan(period, schedule);
  const total = new Tally();
  const groups = new Map<string, Tally>();
  for (const f of facts) {
    if (f.receivedAt < span.start || f.receivedAt >= span.end) continue;
    // An appeal back in work after «не решено» still counts its author's word.
    if (!ANSWERED.has(f.status) && f.score === null && f.solved === null) continue;
    const key = by === 'assignee' ? (f.assigneeId ?? '') : by === 'municipality' ? f.municipalityId : by === 'category' ? f.category : f.source;
    total.add(f);
    const g = groups.get(key) ?? groups.set(key, new Tally()).get(key)!;
    g.add(f);
  }
  const rows = [...groups.entries()].map(([key, t]) => t.row(key));
  rows.sort((a, b) => {
    const heard = (r: SatisfactionRow) => r.rated + r.solved + r.notSolved;
    if ((heard(a) === 0) !== (heard(b) === 0)) return heard(a) === 0 ? 1 : -1;
    const ma = a.meanScore ?? 6;
    const mb = b.meanScore ?? 6;
    return ma - mb || b.answered - a.answered || (a.key < b.key ? -1 : 1);
  });
  return { total: total.row('total'), rows };
}
