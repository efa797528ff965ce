import type { DeliveryResult } from '../../shared/channels/delivery';
import { writeTx } from '../changes';
import type { Db } from '../db/types';
import { askAfterDelivered } from '../ratings/ask';
import { budgetSpent, retryDelayMs, type RetryPolicy } from './backoff';
import { DELIVERY_RETURNING, recordChanged, type ClaimedDelivery } from './claim';

type Written = { id: string; municipalityId: string | null };

/**
 * Records what the platform answered to one attempt, with its change rows (the clerk's
 * «доставлено», «в очереди: …», «не доставлено: …»), in one transaction:
 *
 * - delivered: the platform's id and link are kept; the next message to the same dialog is held
 *   back `perTargetMs` in the database, so the platform's per-dialog gap holds across processes;
 * - transient: queued again after the backoff (at least the platform's `retryAfterMs`), or, once
 *   the retry budget is spent, failed as `retries_exhausted` with the last error's words;
 * - permanent: failed with its code.
 *
 * Each update is guarded by the attempt it answers: if this attempt's lease ran out meanwhile and
 * another process already settled the row, a late answer changes nothing, except that a
 * confirmed delivery still replaces an `unknown_outcome` (it did arrive, after all).
 */
export async function recordOutcome(db: Db, d: ClaimedDelivery, result: DeliveryResult, retry: RetryPolicy, perTargetMs: number): Promise<void> {
  await writeTx(db, async (q, changes) => {
    let rows: Written[];
    if (result.outcome === 'delivered') {
      rows = (
        await q.query<Written>(
          `UPDATE deliveries d SET state = 'delivered', external_id = $3, external_url = $4, delivered_at = now(), updated_at = now(),
             locked_until = NULL, next_attempt_at = NULL, last_error_code = NULL, last_error_detail = NULL
           WHERE d.id = $1 AND d.attempts = $2 AND (d.state = 'sending' OR (d.state = 'failed' AND d.last_error_code = 'unknown_outcome'))
           RETURNING ${DELIVERY_RETURNING}`,
          [d.id, d.attempts, result.externalId || null, result.externalUrl],
        )
      ).rows;
      // The first answer that reached the citizen asks for their rating; queued before the hold
      // below, so the question too keeps the platform's gap in the dialog.
      if (rows.length > 0 && d.kind === 'reply') await askAfterDelivered(q, changes, d.appealId, new Date().toISOString());
      if (rows.length > 0 && perTargetMs > 0) {
        const held = await q.query<Written>(
          `UPDATE deliveries d SET next_attempt_at = now() + $3 * interval '1 millisecond', updated_at = now()
           WHERE d.channel_id = $1 AND d.target = $2::jsonb AND d.state = 'queued'
             AND (d.next_attempt_at IS NULL OR d.next_attempt_at < now() + $3 * interval '1 millisecond')
           RETURNING ${DELIVERY_RETURNING}`,
          [d.channelId, JSON.stringify(d.target), perTargetMs],
        );
        rows = [...rows, ...held.rows];
      }
    } else if (result.outcome === 'transient' && !budgetSpent(retry, d.attempts - d.budgetFrom)) {
      rows = (
        await q.query<Written>(
          `UPDATE deliveries d SET state = 'queued', next_attempt_at = now() + $3 * interval '1 millisecond', locked_until = NULL,
             last_error_code = $4, last_error_detail = $5, updated_at = now()
           WHERE d.id = $1 AND d.attempts = $2 AND d.state = 'sending'
           RETURNING ${DELIVERY_RETURNING}`,
          [d.id, d.attempts, retryDelayMs(retry, d.attempts - d.budgetFrom, result.retryAfterMs), result.code, result.detail],
        )
      ).rows;
    } else {
      const code = result.outcome === 'transient' ? 'retries_exhausted' : result.code;
      const detail = result.outcome === 'transient' ? `${result.code}: ${result.detail}`.slice(0, 500) : result.detail;
      rows = (
        await q.query<Written>(
          `UPDATE deliveries d SET state = 'failed', next_attempt_at = NULL, locked_until = NULL, last_error_code = $3, last_error_detail = $4, updated_at = now()
           WHERE d.id = $1 AND d.attempts = $2 AND d.state = 'sending'
           RETURNING ${DELIVERY_RETURNING}`,
          [d.id, d.attempts, code, detail],
        )
      ).rows;
    }
    recordChanged(changes, rows);
  });
}
