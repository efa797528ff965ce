import { isChannelStateError, type PublishResult } from '../../shared/channels/publish';
import { writeTx, type ChangeSet } from '../changes';
import type { Db, Queryable } from '../db/types';
import { budgetSpent, retryDelayMs, type RetryPolicy } from '../delivery/backoff';
import type { ClaimedPublication } from './claim';

/** One page's publication of a post, settled: on the page (with its link), or stopped. */
export interface Published {
  state: 'delivered' | 'failed';
  publicationId: string;
  postId: string;
  channelId: string;
  platform: string;
  municipalityId: string;
  externalUrl: string | null;
}

/**
 * Called in the transaction that settles a publication (delivered or failed), once per settling:
 * the post's module keeps the link on the post, the problem and its appeals and, once no page of
 * the post is still pending (`settledLinks`), queues each author's notice (`noticeAuthors`), so a
 * post on the page and its notices commit together.
 */
export type OnPublished = (q: Queryable, changes: ChangeSet, published: Published) => Promise<void>;

/**
 * Records what the page's platform answered to one attempt, guarded by the attempt as deliveries
 * are (a late answer after the lease ran out changes nothing, except that a confirmed post still
 * replaces an `unknown_outcome`):
 *
 * - delivered: the post's id and link kept; the channel's token error, if it had one, cleared;
 *   `onPublished` in the same transaction;
 * - transient: queued again after the backoff, or `retries_exhausted` once the budget is spent;
 * - permanent: failed with its code; a code about the channel itself (a missing or expired page
 *   token, a revoked token) is written on the channel too, for «Каналы».
 */
export async function recordPublication(db: Db, p: ClaimedPublication, result: PublishResult, retry: RetryPolicy, onPublished: OnPublished | null): Promise<void> {
  await writeTx(db, async (q, changes) => {
    // One post's pages settle one at a time (rows locked in id order, so never a deadlock): each
    // settling then sees the others' committed states, and exactly one finds the post settled
    // (two pages finishing at once would otherwise each see the other still `sending`).
    await q.query('SELECT id FROM publications WHERE post_id = $1 ORDER BY id FOR UPDATE', [p.postId]);
    if (result.outcome === 'delivered') {
      const res = await q.query(
        `UPDATE publications SET state = 'delivered', external_id = $3, external_url = $4, delivered_at = now(), updated_at = now(),
           locked_until = NULL, next_attempt_at = NULL, last_error_code = NULL, last_error_detail = NULL
         WHERE id = $1 AND attempts = $2 AND (state = 'sending' OR (state = 'failed' AND last_error_code = 'unknown_outcome'))
         RETURNING id`,
        [p.id, p.attempts, result.externalId || null, result.externalUrl],
      );
      if (res.rows.length === 0) return;
      await q.query(`UPDATE channels SET last_error_code = NULL, last_error_at = NULL WHERE id = $1 AND last_error_code IN ('publish_token_missing', 'publish_token_expired')`, [p.channelId]);
      if (onPublished) await onPublished(q, changes, { state: 'delivered', publicationId: p.id, postId: p.postId, channelId: p.channelId, platform: p.platform, municipalityId: p.municipalityId, externalUrl: result.externalUrl });
      return;
    }
    if (result.outcome === 'transient' && !budgetSpent(retry, p.attempts - p.budgetFrom)) {
      await q.query(
        `UPDATE publications SET state = 'queued', next_attempt_at = now() + $3 * interval '1 millisecond', locked_until = NULL,
           last_error_code = $4, last_error_detail = $5, updated_at = now()
         WHERE id = $1 AND attempts = $2 AND state = 'sending'`,
        [p.id, p.attempts, retryDelayMs(retry, p.attempts - p.budgetFrom, result.retryAfterMs), result.code, result.detail],
      );
      return;
    }
    const code = result.outcome === 'transient' ? 'retries_exhausted' : result.code;
    const detail = result.outcome === 'transient' ? `${result.code}: ${result.detail}`.slice(0, 500) : result.detail;
    const res = await q.query(
      `UPDATE publications SET state = 'failed', next_attempt_at = NULL, locked_until = NULL, last_error_code = $3, last_error_detail = $4, updated_at = now()
       WHERE id = $1 AND attempts = $2 AND state = 'sending' RETURNING id`,
      [p.id, p.attempts, code, detail],
    );
    if (res.rows.length === 0) return;
    if (isChannelStateError(code)) await q.query('UPDATE channels SET last_error_code = $2, last_error_at = now() WHERE id = $1', [p.channelId, code]);
    if (onPublished) await onPublished(q, changes, { state: 'failed', publicationId: p.id, postId: p.postId, channelId: p.channelId, platform: p.platform, municipalityId: p.municipalityId, externalUrl: null });
  });
}
