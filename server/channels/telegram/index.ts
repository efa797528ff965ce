import { z } from 'zod';
import { header, sameSecret } from '../secret-compare';
import type { Connector } from '../types';
import { telegramFetchAttachment } from './files';
import { telegramEnvelope, telegramParse } from './inbound';
import { telegramAckButton, telegramCheck, telegramSend, telegramSendBot } from './outbound';
import { telegramPublish } from './publish';

/**
 * Telegram: a bot's chats through the Bot API (README.md). The webhook is set with a `secret_token`
 * that Telegram sends back in `X-Telegram-Bot-Api-Secret-Token` on every call.
 */
export const telegramConnector: Connector = {
  platform: 'telegram',
  secretsSchema: z.object({
    botToken: z.string().regex(/^\d{1,20}:[A-Za-z0-9_-]{20,200}$/),
    webhookSecret: z.string().regex(/^[A-Za-z0-9_-]{1,256}$/),
  }),
  // Bot FAQ «My bot is hitting limits»: no more than one message a second in a chat and about 30
  // a second overall (20 a minute in one group). The Bot API takes no idempotency key.
  idempotentSend: false,
  rateLimits: { perTargetMs: 1000, perChannelPerSecond: 30 },
  verify: (channel, request) => (sameSecret(header(request.headers, 'x-telegram-bot-api-secret-token'), channel.secrets.webhookSecret) ? 'ok' : 'forbidden'),
  envelope: (_channel, body) => telegramEnvelope(body),
  // Telegram reads only the status (a JSON body would be taken as a method call to run).
  ack: { contentType: 'text/plain', body: 'ok' },
  parse: (_channel, raw) => telegramParse(raw),
  send: telegramSend,
  sendBot: telegramSendBot,
  ackButton: telegramAckButton,
  fetchAttachment: (channel, attachment) => telegramFetchAttachment(channel, attachment),
  check: telegramCheck,
  publish: telegramPublish,
  idempotentPublish: false,
};
