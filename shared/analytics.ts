import { CATEGORIES, SOURCES, type Category, type Source } from './domain';
import { DEFAULT_WORK_SCHEDULE, type WorkSchedule } from './deadlines';
import { isOverdue, type AppealFacts } from './facts';
import { periodSpan, previousPeriod, trailingPeriods, type Granularity, type Period } from './periods';
import { TOPICS } from './topics';

/**
 * Supervisors' analytics over the appeals of a scope, for a period and the one before it.
 *
 * - counts: appeals received in the period, by sphere, source and municipality;
 * - median time to first response: of appeals received in the period and answered, from receipt
 *   to the first published reply (wall-clock time);
 * - answered on time: of appeals received in the period whose answer deadline has come or which
 *   were answered, the share answered by the deadline;
 * - overdue now: open appeals past their answer deadline, whenever received;
 * - leading topics: appeals of the period per topic (shared/topics.ts), beside the period before.
 */

export interface CountRow<K extends string = string> {
  key: K;
  current: number;
  previous: number;
}

export interface TopicRow extends CountRow {
  label: string;
}

export interface SeriesPoint {
  period: Period;
  count: number;
}

export interface OnTime {
  onTime: number;
  due: number;
}

export interface Analytics {
  period: Period;
  previous: Period;
  granularity: Granularity;
  total: CountRow<'total'>;
  bySphere: CountRow<Category>[];
  bySource: CountRow<Source>[];
  byMunicipality: CountRow[];
  /** Appeals received per week or month, oldest first, ending with the period's last day. */
  series: SeriesPoint[];
  medianFirstResponseMs: { current: number | null; previous: number | null };
  onTime: { current: OnTime; previous: OnTime };
  overdueNow: number;
  /** Every topic met in either period, most frequent in the period first. */
  topics: TopicRow[];
}

export interface AnalyticsOptions {
  period: Period;
  /** Of the series. */
  granularity: Granularity;
  now: Date;
  seriesLength?: number;
  schedule?: WorkSchedule;
}

/** The middle value; the mean of the two middle ones for an even count (as SQL percentile_cont). */
export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = Float64Array.from(values).sort();
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function share(o: OnTime): number | null {
  return o.due === 0 ? null : o.onTime / o.due;
}

class Counter<K extends string> {
  readonly current = new Map<K, number>();
  readonly previous = new Map<K, number>();
  add(which: 0 | 1, key: K): void {
    const m = which === 0 ? this.current : this.previous;
    m.set(key, (m.get(key) ?? 0) + 1);
  }
  rows(keys: readonly K[]): CountRow<K>[] {
    return keys.map((key) => ({ key, current: this.current.get(key) ?? 0, previous: this.previous.get(key) ?? 0 }));
  }
  keys(): K[] {
    return [...new Set([...this.current.keys(), ...this.previous.keys()])];
  }
}

const byCurrentDesc = <R extends CountRow>(a: R, b: R) => b.current - a.current || b.previous - a.previous || (a.key < b.key ? -1 : 1);

export function computeAnalytics(facts: readonly AppealFacts[], options: AnalyticsOptions): Analytics {
  const schedule = options.schedule ?? DEFAULT_WORK_SCHEDULE;
  const now = options.now.getTime();
  const previous = previousPeriod(options.period);
  const spans = [periodSpan(options.period, schedule), periodSpan(previous, schedule)] as const;
  const seriesPeriods = trailingPeriods(options.period.to, options.granularity, options.seriesLength ?? 12);
  const seriesStarts = seriesPeriods.map((p) => periodSpan(p, schedule).start);
  const seriesEnd = periodSpan(seriesPeriods[seriesPeriods.length - 1]!, schedule).end;
  const seriesCounts = new Array<number>(seriesPeriods.length).fill(0);

  const spheres = new Counter<Category>();
  const sources = new Counter<Source>();
  const municipalities = new Counter<string>();
  const topics = new Counter<string>();
  const totals = [0, 0];
  const responses: [number[], number[]] = [[], []];
  const onTime: [OnTime, OnTime] = [
    { onTime: 0, due: 0 },
    { onTime: 0, due: 0 },
  ];
  let overdueNow = 0;

  for (const f of facts) {
    if (isOverdue(f, now)) overdueNow++;
    const t = f.receivedAt;
    if (t >= seriesStarts[0]! && t < seriesEnd) {
      // Binary search: the last series period starting at or before t.
      let lo = 0;
      let hi = seriesStarts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (seriesStarts[mid]! <= t) lo = mid;
        else hi = mid - 1;
      }
      seriesCounts[lo]!++;
    }
    const which = t >= spans[0].start && t < spans[0].end ? 0 : t >= spans[1].start && t < spans[1].end ? 1 : -1;
    if (which === -1) continue;
    totals[which]!++;
    spheres.add(which, f.category);
    sources.add(which, f.source);
    municipalities.add(which, f.municipalityId);
    if (f.topics !== 0) {
      for (let i = 0; i < TOPICS.length; i++) if ((f.topics & (1 << i)) !== 0) topics.add(which, TOPICS[i]!.id);
    }
    if (f.firstRespondedAt !== null) responses[which].push(f.firstRespondedAt - t);
    if (f.firstRespondedAt !== null || f.dueAt < now) {
      onTime[which].due++;
      if (f.firstRespondedAt !== null && f.firstRespondedAt <= f.dueAt) onTime[which].onTime++;
    }
  }

  const labels = new Map(TOPICS.map((t) => [t.id, t.label]));
  return {
    period: options.period,
    previous,
    granularity: options.granularity,
    total: { key: 'total', current: totals[0]!, previous: totals[1]! },
    bySphere: spheres.rows(CATEGORIES),
    bySource: sources.rows(SOURCES),
    byMunicipality: municipalities.rows(municipalities.keys()).sort(byCurrentDesc),
    series: seriesPeriods.map((period, i) => ({ period, count: seriesCounts[i]! })),
    medianFirstResponseMs: { current: median(responses[0]), previous: median(responses[1]) },
    onTime: { current: onTime[0], previous: onTime[1] },
    overdueNow,
    topics: topics
      .rows(topics.keys())
      .map((r) => ({ ...r, label: labels.get(r.key) ?? r.key }))
      .sort(byCurrentDesc),
  };
}
