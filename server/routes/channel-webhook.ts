import type { FastifyInstance } from 'fastify';
import { API_PREFIX } from '../../shared/protocol';
import { loadChannel, SecretsUnavailable } from '../channels/inbox/channel';
import { storablePayload, storeInboxEvent } from '../channels/inbox/store';
import { connectorFor } from '../channels/registry';
import type { ServerContext } from '../context';
import { ApiError } from '../errors';

/** Platforms' event payloads are a few kilobytes; a megabyte would already be an attack. */
export const WEBHOOK_BODY_LIMIT = 256 * 1024;
const KEY_FORMAT = /^[A-Za-z0-9_-]{1,64}$/;
/**
 * How long a looked-up channel (or its absence) is reused: under a burst each call would otherwise
 * read the channel and open its secrets again. A channel disabled or re-keyed on the «Каналы»
 * screen stops taking calls within this time.
 */
const CHANNEL_CACHE_MS = 2000;
const CHANNEL_CACHE_MAX = 1000;

type Found = Awaited<ReturnType<typeof loadChannel>>;

/**
 * The webhook every connected channel's platform calls: POST /api/v1/channels/:platform/:key.
 * Verified by the platform's connector, then either a handshake answered with its code, or the
 * event stored in the durable inbox (a second delivery of one event id is a no-op) and acked at
 * once. Nothing is processed here: platforms re-send what is not acked within seconds, so the
 * inbox worker (server/channels/inbox/) is only woken.
 */
export function registerChannelWebhookRoute(app: FastifyInstance, ctx: ServerContext, wake: () => void): void {
  const cache = new Map<string, { found: Found; until: number }>();
  const lookUp = async (platform: string, key: string): Promise<Found> => {
    const id = `${platform}/${key}`;
    const hit = cache.get(id);
    if (hit && hit.until > Date.now()) return hit.found;
    let found: Found;
    try {
      found = await loadChannel(ctx.db, ctx.channelSecrets, { webhookKey: key, platform });
    } catch (e) {
      if (e instanceof SecretsUnavailable) throw new ApiError(503, 'secrets_unavailable', e.message);
      throw e;
    }
    // Unknown keys are not remembered: a scan of random keys must not fill the memory.
    if (found) {
      if (cache.size >= CHANNEL_CACHE_MAX) cache.clear();
      cache.set(id, { found, until: Date.now() + CHANNEL_CACHE_MS });
    }
    return found;
  };
  app.post<{ Params: { platform: string; key: string } }>(
    `${API_PREFIX}/channels/:platform/:key`,
    { bodyLimit: WEBHOOK_BODY_LIMIT },
    async (request, reply) => {
      const { platform, key } = request.params;
      const connector = connectorFor(platform);
      if (!connector || !KEY_FORMAT.test(key)) throw new ApiError(404, 'not_found', 'No such channel');
      const channel = await lookUp(platform, key);
      if (!channel) throw new ApiError(404, 'not_found', 'No such channel');
      if (connector.verify(channel, { headers: request.headers, body: request.body, remoteAddress: request.ip }) !== 'ok') {
        throw new ApiError(403, 'forbidden', 'The call is not from the platform');
      }
      const body = storablePayload(request.body);
      if (!body.ok) throw new ApiError(400, 'validation_failed', 'The payload nests too deep');
      const envelope = connector.envelope(channel, body.value);
      if (envelope.kind === 'handshake') return reply.type('text/plain; charset=utf-8').send(envelope.answer);
      if (envelope.kind === 'event') {
        if (await storeInboxEvent(ctx.db, channel, envelope.eventId, body.value)) wake();
      }
      return reply.type(connector.ack.contentType).send(connector.ack.body);
    },
  );
}
