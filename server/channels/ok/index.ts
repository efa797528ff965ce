import { z } from 'zod';
import { downloadFile } from '../http';
import type { Connector } from '../types';
import { addressAllowed } from './address-ranges';
import { okEnvelope, okParse } from './inbound';
import { okSend } from './outbound';

/** Photos in OK messages are fetched up to this size; larger ones stay a link on the platform. */
const MAX_PHOTO_BYTES = 20 * 1024 * 1024;

/**
 * Odnoklassniki: a group's messages through the Graph API bot (README.md). The webhook's secret
 * is its path (the channel's webhook key) and, where set, OK's address ranges.
 */
export const okConnector: Connector = {
  platform: 'ok',
  secretsSchema: z.object({ accessToken: z.string().min(1).max(4096) }),
  // OK publishes no per-chat limit; one message a second per dialog and 20 a second per group token
  // keep well under the flood control (error 8) seen in practice.
  idempotentSend: false,
  rateLimits: { perTargetMs: 1000, perChannelPerSecond: 20 },
  verify: (channel, request) => (addressAllowed(channel.settings.allowedCidrs, request.remoteAddress) ? 'ok' : 'forbidden'),
  envelope: (_channel, body) => okEnvelope(body),
  ack: { contentType: 'text/plain', body: 'ok' },
  parse: (_channel, raw) => okParse(raw),
  send: okSend,
  fetchAttachment: async (_channel, attachment) => {
    if (!attachment.url) return null;
    const file = await downloadFile(attachment.url, MAX_PHOTO_BYTES);
    return file ? { bytes: file.bytes, mime: file.mime, name: attachment.name ?? 'photo.jpg' } : null;
  },
};
