import { randomUUID } from 'node:crypto';
import type { Appeal } from '../../shared/domain';
import { ratingQuestionText, ANSWERED_STATUSES, type RatingReason } from '../../shared/ratings';
import type { ChangeSet } from '../changes';
import type { Queryable } from '../db/types';
import { enqueueDelivery } from '../delivery/enqueue';
import { loadAppeal } from '../repo/appeals';

/** The id of the rating request a rating question's delivery asks for (its key is `rating:<id>`). */
export function ratingRequestOfKey(idempotencyKey: string): string | null {
  const m = /^rating:([0-9a-f-]{36})$/.exec(idempotencyKey);
  return m ? m[1]! : null;
}

/**
 * Asks the appeal's author, in the channel the appeal came from, whether it was solved and how
 * they rate the answer: once per appeal and reason, in the caller's transaction, queued behind
 * whatever that transaction queued for the same dialog (the answer itself goes first). An appeal
 * from no channel is not asked: there is nobody to ask.
 */
export async function askForRating(q: Queryable, changes: ChangeSet, appeal: Appeal, reason: RatingReason, now: string): Promise<string | null> {
  const id = randomUUID();
  const inserted = await q.query<{ id: string }>(
    `INSERT INTO rating_requests (id, appeal_id, reason, channel_id, thread_key, author_key, asked_at)
     SELECT $1, t.appeal_id, $3, t.channel_id, t.thread_key, t.author_key, $4 FROM channel_threads t WHERE t.appeal_id = $2
     ON CONFLICT (appeal_id, reason) DO NOTHING RETURNING id`,
    [id, appeal.id, reason, now],
  );
  if (inserted.rows.length === 0) return null;
  const queued = await enqueueDelivery(q, changes, appeal, { kind: 'rating', replyId: null, key: id, text: ratingQuestionText(reason) }, now);
  if (queued === 0) {
    await q.query('DELETE FROM rating_requests WHERE id = $1', [id]);
    return null;
  }
  return id;
}

/**
 * An answer reached the citizen (its delivery is recorded `delivered`, in this transaction): the
 * first one asks for their rating, behind whatever else is queued for the dialog. Asked only once
 * the answer has arrived, so nobody is asked to rate a reply that a platform refused, and only
 * while the appeal stands answered (not when it is back in work meanwhile).
 */
export async function askAfterDelivered(q: Queryable, changes: ChangeSet, appealId: string, now: string): Promise<void> {
  const appeal = await loadAppeal(q, appealId);
  if (appeal && ANSWERED_STATUSES.includes(appeal.status)) await askForRating(q, changes, appeal, 'answer', now);
}
