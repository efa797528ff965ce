import type { OutboundKind } from '../../shared/channels/outbound';
import type { ReplyTarget } from '../../shared/channels/inbound';
import { writeTx, type ChangeSet } from '../changes';
import type { Db } from '../db/types';
import { municipalityScope } from '../scopes';

/** A delivery this process took: `sending`, under its lease, with its attempt counted. */
export interface ClaimedDelivery {
  id: string;
  appealId: string;
  kind: OutboundKind;
  channelId: string;
  platform: string;
  body: string;
  target: ReplyTarget;
  idempotencyKey: string;
  /** Counting this attempt. */
  attempts: number;
  /** Attempts before the clerk's last «Повторить»: the retry budget counts from there. */
  budgetFrom: number;
  createdAt: string;
  /** The appeal's body now (its scope in the change log); null if the appeal is gone. */
  municipalityId: string | null;
}

/** The columns every statement on a delivery returns, `d` being the row written. */
export const DELIVERY_RETURNING = `d.id, d.appeal_id AS "appealId", d.kind, d.channel_id AS "channelId", d.platform, d.body, d.target,
  d.idempotency_key AS "idempotencyKey", d.attempts, d.budget_from AS "budgetFrom", iso(d.created_at) AS "createdAt",
  (SELECT a.municipality_id FROM appeals a WHERE a.id = d.appeal_id) AS "municipalityId"`;

/** Change rows for the deliveries a statement wrote, so their clerks see the new state on their next pull (and get poked). */
export function recordChanged(changes: ChangeSet, rows: ReadonlyArray<{ id: string; municipalityId: string | null }>): void {
  for (const r of rows) if (r.municipalityId) changes.upsert('delivery', r.id, municipalityScope(r.municipalityId));
}

/**
 * Takes up to `limit` due deliveries: `queued` → `sending` with a lease and the attempt counted,
 * in the one statement that locks them (`FOR UPDATE SKIP LOCKED`), committed before any platform
 * is called. Another process skips the rows this one locked, and after the commit sees them
 * `sending`: no two processes ever send one delivery.
 *
 * A dialog or comment thread gets its messages one at a time and in order (the parts of a long
 * answer, two replies in a row): a delivery is due only while no other of the same channel and
 * target is `sending` or queued ahead of it.
 */
export async function claimDue(db: Db, limit: number, leaseMs: number): Promise<ClaimedDelivery[]> {
  if (limit <= 0) return [];
  return writeTx(db, async (q, changes) => {
    const res = await q.query<ClaimedDelivery>(
      `WITH due AS (
         SELECT d.id FROM deliveries d
         WHERE d.state = 'queued' AND (d.next_attempt_at IS NULL OR d.next_attempt_at <= now())
           AND NOT EXISTS (
             SELECT 1 FROM deliveries o
             WHERE o.channel_id = d.channel_id AND o.state IN ('queued', 'sending') AND o.id <> d.id AND o.target = d.target
               AND (o.state = 'sending' OR (o.created_at, o.idempotency_key) < (d.created_at, d.idempotency_key)))
         ORDER BY d.next_attempt_at NULLS FIRST, d.created_at, d.idempotency_key
         LIMIT $1
         FOR UPDATE OF d SKIP LOCKED
       )
       UPDATE deliveries d SET state = 'sending', attempts = d.attempts + 1, locked_until = now() + $2 * interval '1 millisecond',
         next_attempt_at = NULL, updated_at = now()
       FROM due WHERE d.id = due.id AND d.state = 'queued'
       RETURNING ${DELIVERY_RETURNING}`,
      [limit, leaseMs],
    );
    recordChanged(changes, res.rows);
    return res.rows;
  });
}
