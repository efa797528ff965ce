import { z } from 'zod';
import { toLocal } from './local-time';
import { topicMask, TOPICS } from './topics';

/**
 * The resonance watch's rule: a topic in a place that suddenly grows. A day's count alarms when it
 * is at least `ratio` times its usual count and at least `minCount` (one village's two complaints
 * are not an alarm). "Usual" is the larger of the daily mean over the last `baselineDays` and the
 * mean of the same weekday in those weeks, so a weekly rhythm (every Monday's backlog from the
 * weekend) does not alarm, and a slow growth raises its own baseline as it goes.
 */
export const resonanceSettingsSchema = z.object({
  baselineDays: z.number().int().min(7).max(180),
  ratio: z.number().min(1.1).max(50),
  minCount: z.number().int().min(1).max(10_000),
});
export type ResonanceSettings = z.infer<typeof resonanceSettingsSchema>;

/** The example: three times the usual daily count of the last four weeks, and at least five. */
export const DEFAULT_RESONANCE_SETTINGS: ResonanceSettings = { baselineDays: 28, ratio: 3, minCount: 5 };

export interface SeriesVerdict {
  alarm: boolean;
  today: number;
  /** What `today` is compared with: the larger of `mean` and `sameWeekday`. */
  baseline: number;
  mean: number;
  sameWeekday: number;
  /** today / baseline; null when the baseline is 0. */
  ratio: number | null;
}

const average = (xs: readonly number[]) => (xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length);

/** Judges one series of daily counts, oldest first; the last one is the day being judged. */
export function judgeSeries(daily: readonly number[], settings: ResonanceSettings = DEFAULT_RESONANCE_SETTINGS): SeriesVerdict {
  const today = daily.at(-1) ?? 0;
  const history = daily.slice(Math.max(0, daily.length - 1 - settings.baselineDays), -1);
  const mean = average(history);
  const weekdays: number[] = [];
  for (let back = 7; back <= history.length; back += 7) weekdays.push(daily[daily.length - 1 - back]!);
  const sameWeekday = average(weekdays);
  const baseline = Math.max(mean, sameWeekday);
  return {
    alarm: today >= settings.minCount && today >= settings.ratio * baseline,
    today,
    baseline,
    mean,
    sameWeekday,
    ratio: baseline > 0 ? today / baseline : null,
  };
}

/** What the watch reads of an appeal: its text's topics as a mask over shared/topics.ts TOPICS. */
export interface ResonanceFact {
  id: string;
  /** Epoch milliseconds. */
  receivedAt: number;
  topics: number;
  municipalityId: string;
}

/** An appeal with its text, for callers that have no facts yet (the mask is made from the text). */
export interface ResonanceAppeal {
  id: string;
  receivedAt: string;
  text: string;
  municipalityId: string;
}

export interface ResonanceAlarm extends SeriesVerdict {
  topicId: string;
  topicLabel: string;
  municipalityId: string;
  /** The local day judged, `YYYY-MM-DD`: an alarm is news once per topic, place and day. */
  dayKey: string;
  /** The appeals of the judged day: the growing cluster, to open or link into one problem. */
  appealIds: string[];
}

const DAY_MS = 86_400_000;

/**
 * Every (topic, municipality) whose count on the local day of `now` alarms, the strongest first.
 * Days are calendar days in `timeZone`; an appeal counts once for each topic its text touches.
 */
export function findResonanceInFacts(
  facts: Iterable<ResonanceFact>,
  now: Date,
  timeZone: string,
  settings: ResonanceSettings = DEFAULT_RESONANCE_SETTINGS,
): ResonanceAlarm[] {
  const days = settings.baselineDays + 1;
  // Day keys from the oldest to today. Stepping by 24 h is exact in zones without clock changes,
  // the regions' case since 2014.
  const keys = Array.from({ length: days }, (_, i) => toLocal(now.getTime() - (days - 1 - i) * DAY_MS, timeZone).key);
  const index = new Map(keys.map((k, i) => [k, i]));
  const oldest = now.getTime() - (days + 1) * DAY_MS;
  const series = new Map<string, { topic: number; municipalityId: string; counts: number[]; todayIds: string[] }>();
  for (const fact of facts) {
    // Most of a replica is older than the window: skipped before the costlier local-day lookup.
    if (fact.topics === 0 || !(fact.receivedAt >= oldest)) continue;
    const day = index.get(toLocal(fact.receivedAt, timeZone).key);
    if (day === undefined) continue;
    for (let t = 0; t < TOPICS.length; t++) {
      if ((fact.topics & (1 << t)) === 0) continue;
      const key = `${t}|${fact.municipalityId}`;
      let s = series.get(key);
      if (!s) series.set(key, (s = { topic: t, municipalityId: fact.municipalityId, counts: new Array<number>(days).fill(0), todayIds: [] }));
      s.counts[day] = (s.counts[day] ?? 0) + 1;
      if (day === days - 1) s.todayIds.push(fact.id);
    }
  }
  const alarms: ResonanceAlarm[] = [];
  const dayKey = keys[days - 1]!;
  for (const s of series.values()) {
    const verdict = judgeSeries(s.counts, settings);
    if (!verdict.alarm) continue;
    const topic = TOPICS[s.topic]!;
    alarms.push({ ...verdict, topicId: topic.id, topicLabel: topic.label, municipalityId: s.municipalityId, dayKey, appealIds: s.todayIds });
  }
  return alarms.sort((a, b) => (b.ratio ?? Infinity) - (a.ratio ?? Infinity) || b.today - a.today);
}

/** The same, over appeals with their texts. */
export function findResonance(
  appeals: readonly ResonanceAppeal[],
  now: Date,
  timeZone: string,
  settings: ResonanceSettings = DEFAULT_RESONANCE_SETTINGS,
): ResonanceAlarm[] {
  return findResonanceInFacts(
    appeals.map((a) => ({ id: a.id, receivedAt: Date.parse(a.receivedAt), topics: topicMask(a.text), municipalityId: a.municipalityId })),
    now,
    timeZone,
    settings,
  );
}

/** An alarm's identity as news: the same cluster on the same day is told once, however often it is computed. */
export function resonanceNoticeId(alarm: Pick<ResonanceAlarm, 'topicId' | 'municipalityId' | 'dayKey'>): string {
  return `resonance:${alarm.topicId}:${alarm.municipalityId}:${alarm.dayKey}`;
}
