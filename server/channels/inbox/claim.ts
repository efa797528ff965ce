import type { Db } from '../../db/types';

/** One stored webhook call, claimed by this process until its lease runs out. */
export interface InboxRow {
  id: string;
  channelId: string;
  platform: string;
  eventId: string;
  raw: unknown;
  /** Including this one. */
  attempts: number;
}

/** After this many failed attempts an event is left for a person (the channel shows the error). */
export const MAX_INBOX_ATTEMPTS = 8;

/** The wait before the next attempt after the `attempts`-th failure: 2 s, 4 s, … up to 10 minutes. */
export function backoffMs(attempts: number): number {
  return Math.min(2000 * 2 ** Math.max(0, attempts - 1), 10 * 60_000);
}

/**
 * Takes up to `limit` pending events, oldest first, for `leaseMs`. SKIP LOCKED lets several server
 * processes claim from one inbox at once without waiting on each other, and the lease
 * (`locked_until`) hands an event to another process when its claimer died mid-work. The same
 * column holds a failed event back until its retry time. The attempt is counted at the claim, so
 * an event that crashes its process every time still stops after MAX_INBOX_ATTEMPTS.
 */
export async function claimEvents(db: Db, limit: number, leaseMs: number): Promise<InboxRow[]> {
  const res = await db.query<InboxRow>(
    `UPDATE channel_inbox i SET locked_until = now() + $2 * interval '1 millisecond', attempts = i.attempts + 1
     WHERE i.id IN (
       SELECT id FROM channel_inbox
       WHERE processed_at IS NULL AND attempts < $3 AND (locked_until IS NULL OR locked_until <= now())
       ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED)
     RETURNING i.id::text AS id, i.channel_id AS "channelId", i.platform, i.event_id AS "eventId", i.raw, i.attempts`,
    [limit, leaseMs, MAX_INBOX_ATTEMPTS],
  );
  return res.rows.sort((a, b) => Number(a.id) - Number(b.id));
}

export async function markProcessed(db: Db, id: string): Promise<void> {
  await db.query('UPDATE channel_inbox SET processed_at = now(), locked_until = NULL, error = NULL WHERE id = $1', [id]);
}

/**
 * A failed attempt: the error kept on the event and its retry put off; the last one also marks
 * the channel (its «последняя ошибка» on the «Каналы» screen).
 */
export async function markFailed(db: Db, row: InboxRow, error: string): Promise<void> {
  await db.query(`UPDATE channel_inbox SET error = $2, locked_until = now() + $3 * interval '1 millisecond' WHERE id = $1`, [
    row.id,
    error.slice(0, 1000),
    backoffMs(row.attempts),
  ]);
  if (row.attempts >= MAX_INBOX_ATTEMPTS) {
    await db.query(`UPDATE channels SET last_error_code = 'inbox_failed', last_error_at = now() WHERE id = $1`, [row.channelId]);
  }
}
