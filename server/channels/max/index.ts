import { z } from 'zod';
import { downloadFile } from '../http';
import { header, sameSecret } from '../secret-compare';
import type { Connector } from '../types';
import { maxEnvelope, maxParse } from './inbound';
import { maxAckButton, maxSend, maxSendBot } from './outbound';
import { maxPublish } from './publish';

const MAX_PHOTO_BYTES = 20 * 1024 * 1024;

/**
 * MAX, the national messenger: a bot's dialogs through the Bot API (README.md). The webhook is
 * subscribed with a secret that MAX sends back in `X-Max-Bot-Api-Secret` on every call.
 */
export const maxConnector: Connector = {
  platform: 'max',
  secretsSchema: z.object({
    accessToken: z.string().min(1).max(4096),
    webhookSecret: z.string().regex(/^[A-Za-z0-9_-]{5,256}$/),
  }),
  // dev.max.ru, POST /messages: "no more than two messages a second to one dialog, group chat or
  // channel"; the platform's overall limit for a bot is 30 requests a second.
  idempotentSend: false,
  rateLimits: { perTargetMs: 500, perChannelPerSecond: 30 },
  verify: (channel, request) => (sameSecret(header(request.headers, 'x-max-bot-api-secret'), channel.secrets.webhookSecret) ? 'ok' : 'forbidden'),
  envelope: (_channel, body) => maxEnvelope(body),
  ack: { contentType: 'text/plain', body: 'OK' },
  parse: (_channel, raw) => maxParse(raw),
  send: maxSend,
  sendBot: maxSendBot,
  ackButton: maxAckButton,
  fetchAttachment: async (_channel, attachment) => {
    if (!attachment.url) return null;
    const file = await downloadFile(attachment.url, MAX_PHOTO_BYTES);
    return file ? { bytes: file.bytes, mime: file.mime, name: attachment.name ?? 'photo.jpg' } : null;
  },
  publish: maxPublish,
  // POST /messages takes no idempotency key.
  idempotentPublish: false,
};
