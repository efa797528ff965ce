import type { FastifyInstance } from 'fastify';
import { API_PREFIX } from '../../shared/protocol';
import { cleanText } from '../../shared/text';
import { loadChannel, SecretsUnavailable } from '../channels/inbox/channel';
import { connectorFor } from '../channels/registry';
import type { ServerContext } from '../context';
import { ApiError } from '../errors';

/** Platforms' event payloads are a few kilobytes; a megabyte would already be an attack. */
export const WEBHOOK_BODY_LIMIT = 256 * 1024;
/** Deeper than any platform nests its payloads: refused before anything walks it. */
const MAX_JSON_DEPTH = 32;
const KEY_FORMAT = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * The payload as it will be stored: jsonb takes neither a NUL nor a lone surrogate, and a platform
 * that got a 4xx for one would re-send it for hours, so such characters are cleaned out of the
 * strings (as for any prose) rather than the event refused. Null when it nests too deep.
 */
function storable(value: unknown, depth = 0): { ok: true; value: unknown } | { ok: false } {
  if (depth > MAX_JSON_DEPTH) return { ok: false };
  if (typeof value === 'string') return { ok: true, value: cleanText(value) };
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (const v of value) {
      const r = storable(v, depth + 1);
      if (!r.ok) return r;
      out.push(r.value);
    }
    return { ok: true, value: out };
  }
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const r = storable(v, depth + 1);
      if (!r.ok) return r;
      out[cleanText(k)] = r.value;
    }
    return { ok: true, value: out };
  }
  return { ok: true, value };
}

/**
 * The webhook every connected channel's platform calls: POST /api/v1/channels/:platform/:key.
 * Verified by the platform's connector, then either a handshake answered with its code, or the
 * event stored in the durable inbox (a second delivery of one event id is a no-op) and acked at
 * once. Nothing is processed here: platforms re-send what is not acked within seconds, so the
 * inbox worker (server/channels/inbox/) is only woken.
 */
export function registerChannelWebhookRoute(app: FastifyInstance, ctx: ServerContext, wake: () => void): void {
  app.post<{ Params: { platform: string; key: string } }>(
    `${API_PREFIX}/channels/:platform/:key`,
    { bodyLimit: WEBHOOK_BODY_LIMIT },
    async (request, reply) => {
      const { platform, key } = request.params;
      const connector = connectorFor(platform);
      if (!connector || !KEY_FORMAT.test(key)) throw new ApiError(404, 'not_found', 'No such channel');
      let channel;
      try {
        channel = await loadChannel(ctx.db, ctx.channelSecrets, { webhookKey: key, platform });
      } catch (e) {
        if (e instanceof SecretsUnavailable) throw new ApiError(503, 'secrets_unavailable', e.message);
        throw e;
      }
      if (!channel) throw new ApiError(404, 'not_found', 'No such channel');
      if (connector.verify(channel, { headers: request.headers, body: request.body, remoteAddress: request.ip }) !== 'ok') {
        throw new ApiError(403, 'forbidden', 'The call is not from the platform');
      }
      const body = storable(request.body);
      if (!body.ok) throw new ApiError(400, 'validation_failed', 'The payload nests too deep');
      const envelope = connector.envelope(channel, body.value);
      if (envelope.kind === 'handshake') return reply.type('text/plain; charset=utf-8').send(envelope.answer);
      if (envelope.kind === 'event') {
        const eventId = cleanText(envelope.eventId).slice(0, 256);
        // One statement: the event stored (or found already stored) and the channel's last event noted.
        const res = await ctx.db.query<{ id: string }>(
          `WITH ins AS (
             INSERT INTO channel_inbox (channel_id, platform, event_id, raw) VALUES ($1, $2, $3, $4::jsonb)
             ON CONFLICT (channel_id, event_id) DO NOTHING RETURNING id
           ), seen AS (UPDATE channels SET last_event_at = now() WHERE id = $1)
           SELECT id FROM ins`,
          [channel.id, platform, eventId, JSON.stringify(body.value)],
        );
        if (res.rows.length > 0) wake();
      }
      return reply.type(connector.ack.contentType).send(connector.ack.body);
    },
  );
}
