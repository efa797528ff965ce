import { OPEN_STATUSES, type AppealEvent, type ReplyState } from '../../shared/domain';
import { citizenRatingSchema, describeRating } from '../../shared/ratings';

/**
 * What the clerk is told about, derived from how the replica changed: a new assignment, a reply
 * of theirs approved or returned, a deadline 2 working hours away. Pure: the watcher feeds it the
 * states before and after each change; ids are made from the news itself, so the same news is
 * never told twice (a restart, another window, a second pull).
 */

export type NoticeKind = 'assigned' | 'approved' | 'returned' | 'deadline' | 'citizen' | 'rating';

export interface Notice {
  id: string;
  kind: NoticeKind;
  appealId: string;
  /** What the citizen wrote (a `citizen` notice), or their rating in words (a `rating` notice). */
  text?: string;
}

export interface AppealFacts {
  id: string;
  assigneeId: string | null;
  status: string;
  dueAt: string;
  due: number;
}

const OPEN: ReadonlySet<string> = new Set(OPEN_STATUSES);
const mineOpen = (a: AppealFacts | undefined, userId: string) => a !== undefined && a.assigneeId === userId && OPEN.has(a.status);

/** Appeals that became this person's open work: newly arrived to them, or handed over to them. */
export function assignmentNotices(before: ReadonlyMap<string, AppealFacts>, after: ReadonlyMap<string, AppealFacts>, userId: string): Notice[] {
  const out: Notice[] = [];
  for (const [id, now] of after) {
    const was = before.get(id);
    if (was === now || !mineOpen(now, userId) || (was !== undefined && was.assigneeId === userId)) continue;
    out.push({ id: `assigned:${id}:${userId}:${now.dueAt}`, kind: 'assigned', appealId: id });
  }
  return out;
}

/** This person's replies that stopped waiting for approval, with what became of them. */
export function reviewNotices(
  submittedBefore: ReadonlyMap<string, { appealId: string; authorId: string }>,
  submittedAfter: ReadonlyMap<string, unknown>,
  stateNow: ReadonlyMap<string, ReplyState | undefined>,
  userId: string,
): Notice[] {
  const out: Notice[] = [];
  for (const [replyId, r] of submittedBefore) {
    if (r.authorId !== userId || submittedAfter.has(replyId)) continue;
    const state = stateNow.get(replyId);
    if (state === 'approved' || state === 'published') out.push({ id: `approved:${replyId}`, kind: 'approved', appealId: r.appealId });
    else if (state === 'returned') out.push({ id: `returned:${replyId}`, kind: 'returned', appealId: r.appealId });
  }
  return out;
}

/** This person's open appeals due within 2 working hours (`redBefore`: now + 2 working hours) and not yet overdue. */
export function deadlineNotices(items: Iterable<AppealFacts>, userId: string, now: number, redBefore: number): Notice[] {
  const out: Notice[] = [];
  for (const a of items) {
    if (mineOpen(a, userId) && a.due >= now && a.due < redBefore) out.push({ id: `deadline:${a.id}:${a.dueAt}`, kind: 'deadline', appealId: a.id });
  }
  return out;
}

/**
 * The citizen wrote again in the dialog or thread of an appeal of this person's (the assignee's):
 * one notice per message, named by the event, so a re-read history tells nothing twice.
 */
export function citizenNotices(
  histories: Iterable<{ appealId: string; events: readonly AppealEvent[] }>,
  appeals: ReadonlyMap<string, AppealFacts>,
  userId: string,
  /** Messages older than this (ISO) are not news: a history re-read for another event tells none. */
  since: string,
): Notice[] {
  const out: Notice[] = [];
  for (const h of histories) {
    const appeal = appeals.get(h.appealId);
    if (!appeal || appeal.assigneeId !== userId) continue;
    for (const e of h.events) {
      if (e.kind !== 'citizen_message' || e.at < since) continue;
      out.push({ id: `citizen:${e.id}`, kind: 'citizen', appealId: h.appealId, text: typeof e.data.text === 'string' ? e.data.text : '' });
    }
  }
  return out;
}

/**
 * The citizen's rating took an appeal back into work («не решено», or 1–2): its assignee is told,
 * and a supervisor is told of every such appeal in their replica (their scope). Once per rating.
 */
export function ratingNotices(
  histories: Iterable<{ appealId: string; events: readonly AppealEvent[] }>,
  appeals: ReadonlyMap<string, AppealFacts>,
  userId: string,
  supervisor: boolean,
  since: string,
): Notice[] {
  const out: Notice[] = [];
  for (const h of histories) {
    const appeal = appeals.get(h.appealId);
    if (!appeal || (!supervisor && appeal.assigneeId !== userId)) continue;
    for (const e of h.events) {
      if (e.kind !== 'citizen_rating' || e.at < since) continue;
      const rating = citizenRatingSchema.safeParse(e.data);
      if (!rating.success || !rating.data.reopened) continue;
      out.push({ id: `rating:${e.id}`, kind: 'rating', appealId: h.appealId, text: describeRating(rating.data) });
    }
  }
  return out;
}

/** A burst (a reassignment of dozens at once) is told as one line per kind beyond this many. */
export const BURST = 5;
