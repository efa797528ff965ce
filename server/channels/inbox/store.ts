import { cleanText } from '../../../shared/text';
import type { Queryable } from '../../db/types';
import type { ConnectorChannel } from '../types';

/** Deeper than any platform nests its payloads: refused before anything walks it. */
const MAX_JSON_DEPTH = 32;

/**
 * The payload as it will be stored: jsonb takes neither a NUL nor a lone surrogate, and a platform
 * that got a 4xx for one would re-send it for hours, so such characters are cleaned out of the
 * strings (as for any prose) rather than the event refused. `ok: false` when it nests too deep.
 */
export function storablePayload(value: unknown, depth = 0): { ok: true; value: unknown } | { ok: false } {
  if (depth > MAX_JSON_DEPTH) return { ok: false };
  if (typeof value === 'string') return { ok: true, value: cleanText(value) };
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (const v of value) {
      const r = storablePayload(v, depth + 1);
      if (!r.ok) return r;
      out.push(r.value);
    }
    return { ok: true, value: out };
  }
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const r = storablePayload(v, depth + 1);
      if (!r.ok) return r;
      out[cleanText(k)] = r.value;
    }
    return { ok: true, value: out };
  }
  return { ok: true, value };
}

/**
 * Stores one verified event in the durable inbox under the platform's event id, and notes the
 * channel's last event, in one statement. A second copy of an event is a no-op: answers whether
 * this call stored it (then the inbox worker should be woken). The webhook route and the
 * Telegram long poller both store through here. `raw` must have passed `storablePayload`.
 */
export async function storeInboxEvent(q: Queryable, channel: Pick<ConnectorChannel, 'id' | 'platform'>, eventId: string, raw: unknown): Promise<boolean> {
  const res = await q.query<{ id: string }>(
    `WITH ins AS (
       INSERT INTO channel_inbox (channel_id, platform, event_id, raw) VALUES ($1, $2, $3, $4::jsonb)
       ON CONFLICT (channel_id, event_id) DO NOTHING RETURNING id
     ), seen AS (
       -- At most once a second: under a burst every call would otherwise queue on this one row's lock.
       UPDATE channels SET last_event_at = now() WHERE id = $1 AND (last_event_at IS NULL OR last_event_at < now() - interval '1 second')
     )
     SELECT id FROM ins`,
    [channel.id, channel.platform, cleanText(eventId).slice(0, 256), JSON.stringify(raw)],
  );
  return res.rows.length > 0;
}
