import { Bot, Keyboard, MaxError } from '@maxhub/max-bot-api';
import type { DeliveryResult } from '../../../shared/channels/delivery';
import type { OutboundMessage } from '../../../shared/channels/outbound';
import { PLATFORM_TIMEOUT_MS } from '../http';
import { channelApiBase } from '../settings';
import type { ConnectorChannel } from '../types';
import { FEEDBACK_BUTTONS } from './inbound';

/** The SDK's own default (0.3.1): the Bot API's second address, which MAX asks bots to use. */
export const MAX_API_BASE = 'https://platform-api2.max.ru';

/** An error MAX answered, by its HTTP status and `code` (dev.max.ru «HTTP-коды ответов»), as a delivery result. */
export function maxErrorResult(status: number, code: string, message: string): DeliveryResult {
  const detail = `MAX ${status} ${code}: ${message}`.slice(0, 500);
  if (status === 429) return { outcome: 'transient', code: 'rate_limited', detail };
  if (status >= 500) return { outcome: 'transient', code: 'platform_unavailable', detail };
  if (status === 401) return { outcome: 'permanent', code: 'channel_unauthorized', detail };
  // 403: the person blocked the bot or the bot left the chat (`chat.denied`, `access.denied`).
  if (status === 403) return { outcome: 'permanent', code: 'recipient_blocked', detail };
  if (status === 404) return { outcome: 'permanent', code: 'target_missing', detail };
  if (/too\.long|text\.length/i.test(code) || /too long/i.test(message)) return { outcome: 'permanent', code: 'too_long', detail };
  return { outcome: 'permanent', code: 'rejected', detail };
}

/**
 * `POST /messages?chat_id=<id>` with `{text, attachments}` through the SDK's Api, pointed at the
 * channel's API base (the emulator in tests). A published answer carries an inline keyboard of two
 * callback buttons, «Вопрос решён» / «Не решён»; a press comes back as `message_callback`.
 * MAX takes no idempotency key: the delivery worker records the attempt before the call.
 */
export async function maxSend(channel: ConnectorChannel, message: OutboundMessage): Promise<DeliveryResult> {
  const chatId = Number(message.target.chat_id);
  if (!Number.isSafeInteger(chatId)) return { outcome: 'permanent', code: 'target_missing', detail: 'No MAX chat_id in the reply target' };
  const bot = new Bot(channel.secrets.accessToken ?? '', { clientOptions: { baseUrl: channelApiBase(channel, MAX_API_BASE) } });
  const buttons = Object.entries(FEEDBACK_BUTTONS).map(([payload, b]) => Keyboard.button.callback(b.label, payload));
  try {
    const sent = await bot.api.sendMessageToChat(chatId, message.text, {
      ...(message.kind === 'reply' ? { attachments: [Keyboard.inlineKeyboard([buttons])] } : {}),
      signal: AbortSignal.timeout(PLATFORM_TIMEOUT_MS),
    });
    return { outcome: 'delivered', externalId: sent.body.mid, externalUrl: sent.url ?? null };
  } catch (e) {
    if (e instanceof MaxError) return maxErrorResult(e.status, String(e.code ?? ''), e.description ?? '');
    const err = e as Error;
    // No answer in time: the message may be in the dialog, and MAX takes no idempotency key; a
    // person checks rather than the worker sending it twice. A refused connection sent nothing.
    if (err.name === 'TimeoutError') return { outcome: 'permanent', code: 'unknown_outcome', detail: `no answer from MAX in time: ${err.message}`.slice(0, 500) };
    return { outcome: 'transient', code: 'network', detail: `${err.name}: ${err.message}`.slice(0, 500) };
  }
}
