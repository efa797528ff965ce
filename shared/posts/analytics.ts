import { toLocal } from '../local-time';

/** A published post as the analytics count it. */
export interface PublishedPostFact {
  /** The responsible body (its id). */
  bodyId: string;
  /** When its first page took it (ISO). */
  publishedAt: string;
  /** The problem's first appeal (ISO): how long the citizens waited for the post. */
  firstAppealAt: string;
}

export interface PostsByBodyMonth {
  bodyId: string;
  /** 'YYYY-MM' in the region's zone. */
  month: string;
  posts: number;
  /** Median days from the first appeal to the post, one decimal; null with no posts. */
  medianDaysToPost: number | null;
}

const DAY = 86_400_000;

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Posts published per body and month (by the month of publishing, in the region's zone), with the
 * median time from the problem's first appeal to the post. A post dated before its first appeal
 * (a clock gone wrong) counts, its wait as zero. Sorted by body, then month.
 */
export function postsByBodyAndMonth(posts: readonly PublishedPostFact[], timeZone = 'Europe/Moscow'): PostsByBodyMonth[] {
  const groups = new Map<string, { bodyId: string; month: string; waits: number[] }>();
  for (const p of posts) {
    const published = Date.parse(p.publishedAt);
    const first = Date.parse(p.firstAppealAt);
    if (Number.isNaN(published)) continue;
    const month = toLocal(published, timeZone).key.slice(0, 7);
    const key = `${p.bodyId}\u0000${month}`;
    const g = groups.get(key) ?? { bodyId: p.bodyId, month, waits: [] };
    g.waits.push(Number.isNaN(first) ? Number.NaN : Math.max(0, published - first) / DAY);
    groups.set(key, g);
  }
  return [...groups.values()]
    .map((g) => {
      const m = median(g.waits.filter((w) => !Number.isNaN(w)));
      return { bodyId: g.bodyId, month: g.month, posts: g.waits.length, medianDaysToPost: m === null ? null : Math.round(m * 10) / 10 };
    })
    .sort((a, b) => (a.bodyId < b.bodyId ? -1 : a.bodyId > b.bodyId ? 1 : a.month < b.month ? -1 : a.month > b.month ? 1 : 0));
}
