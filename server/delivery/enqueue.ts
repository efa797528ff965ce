import { randomUUID } from 'node:crypto';
import { CHANNEL_PLATFORMS, PLATFORM_SOURCE, type ChannelPlatform } from '../../shared/channels/platforms';
import type { OutboundKind } from '../../shared/channels/outbound';
import { replyParts } from '../../shared/channels/split';
import type { Appeal } from '../../shared/domain';
import type { ChangeSet } from '../changes';
import type { Queryable } from '../db/types';
import { municipalityScope } from '../scopes';

/** NOTIFY channel a committed enqueue wakes the delivery workers of every server process on. */
export const DELIVERY_CHANNEL = 'otklik_deliveries';

export interface Outgoing {
  kind: OutboundKind;
  /** The published reply; null for a clarification question or a post's notice. */
  replyId: string | null;
  /** Stable per message (the reply's id, the question event's id): every attempt's idempotency key derives from it. */
  key: string;
  text: string;
}

interface Thread {
  channelId: string;
  platform: string | null;
  replyTarget: unknown;
}

/** Wakes the workers at COMMIT (PostgreSQL delivers a NOTIFY only if the transaction commits). */
export async function notifyDeliveryQueued(q: Queryable): Promise<void> {
  await q.query('SELECT pg_notify($1, $2)', [DELIVERY_CHANNEL, '']);
}

/** A channel whose row is gone still has a platform for the clerk to read: the one the appeal's source is filed under. */
function platformOf(thread: Thread, source: Appeal['source']): ChannelPlatform | null {
  if (thread.platform && (CHANNEL_PLATFORMS as readonly string[]).includes(thread.platform)) return thread.platform as ChannelPlatform;
  return CHANNEL_PLATFORMS.find((p) => PLATFORM_SOURCE[p] === source) ?? null;
}

/**
 * The delivery job(s) of a message to the citizen, written in the caller's transaction (the one
 * that publishes the reply or asks the question), so that a published reply always has its job
 * and a rolled-back one never does. Sent back through the appeal's own channel to the dialog or
 * comment thread it came from; an appeal that came from no channel gets none.
 *
 * A text longer than the channel takes goes, where the channel allows it, as numbered parts, as
 * the composer offers them (shared/channels/split.ts): one job per part, ordered by their keys, so
 * each part's state is seen on its own. Elsewhere it goes whole and the platform's refusal
 * (`too_long`) is shown to the clerk.
 */
export async function enqueueDelivery(q: Queryable, changes: ChangeSet, appeal: Appeal, message: Outgoing, now: string): Promise<number> {
  const res = await q.query<Thread>(
    `SELECT t.channel_id AS "channelId", c.platform, t.reply_target AS "replyTarget"
     FROM channel_threads t LEFT JOIN channels c ON c.id = t.channel_id WHERE t.appeal_id = $1`,
    [appeal.id],
  );
  const thread = res.rows[0];
  if (!thread) return 0;
  const platform = platformOf(thread, appeal.source);
  if (!platform) return 0;
  const parts = replyParts(PLATFORM_SOURCE[platform], message.text) ?? [message.text];
  const width = String(parts.length).length;
  let written = 0;
  for (const [i, text] of parts.entries()) {
    const part = parts.length === 1 ? '' : `:${String(i + 1).padStart(width, '0')}/${parts.length}`;
    const id = randomUUID();
    const inserted = await q.query(
      `INSERT INTO deliveries (id, appeal_id, reply_id, kind, channel_id, platform, body, target, idempotency_key, state, attempts, next_attempt_at, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, 'queued', 0, $10, $10, $10)
       ON CONFLICT (idempotency_key) DO NOTHING RETURNING id`,
      [id, appeal.id, message.replyId, message.kind, thread.channelId, platform, text, JSON.stringify(thread.replyTarget), `${message.kind}:${message.key}${part}`, now],
    );
    if (inserted.rows.length === 0) continue;
    changes.upsert('delivery', id, municipalityScope(appeal.municipalityId));
    written++;
  }
  if (written > 0) await notifyDeliveryQueued(q);
  return written;
}
