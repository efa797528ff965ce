import { Api, GrammyError, HttpError, InputFile } from 'grammy';
import type { DeliveryResult } from '../../../shared/channels/delivery';
import type { OutboundMessage } from '../../../shared/channels/outbound';
import { PLATFORM_TIMEOUT_MS } from '../http';
import { channelApiBase } from '../settings';
import { FILE_NOT_SENT } from '../../../shared/chatbot/texts';
import type { BotOutgoing, ChannelCheck, ConnectorChannel } from '../types';

export const TELEGRAM_API_BASE = 'https://api.telegram.org';

/**
 * A proxy or load balancer in front of the Bot API may answer an error page instead of Telegram's
 * JSON; grammY would then report only "network request failed". This turns such an answer into
 * Telegram's own error shape, so a 502 stays a 502 for the classification below.
 */
const jsonOrStatus: typeof fetch = async (input, init) => {
  const res = await fetch(input, init);
  if (res.ok || (res.headers.get('content-type') ?? '').includes('application/json')) return res;
  await res.body?.cancel();
  return new Response(JSON.stringify({ ok: false, error_code: res.status, description: `HTTP ${res.status}` }), {
    status: res.status,
    headers: { 'content-type': 'application/json' },
  });
};

/**
 * grammY's Bot API client for a channel's bot, at the channel's API root (the emulator in tests).
 * `timeoutSeconds`: longer for a long poll, which Telegram holds open on purpose.
 */
export function telegramApi(channel: ConnectorChannel, timeoutSeconds = PLATFORM_TIMEOUT_MS / 1000): Api {
  return new Api(channel.secrets.botToken ?? '', {
    apiRoot: channelApiBase(channel, TELEGRAM_API_BASE),
    timeoutSeconds,
    fetch: jsonOrStatus,
  });
}

/**
 * An error the Bot API answered (`{ok: false, error_code, description, parameters}`, core.telegram.org
 * «Making requests»), as a delivery result. Telegram's codes are HTTP statuses; the reason is in the
 * description's words, which are stable in practice and are what every library matches on.
 */
export function telegramErrorResult(code: number, description: string, retryAfterSeconds?: number): DeliveryResult {
  const detail = `Telegram ${code}: ${description}`.slice(0, 500);
  if (code === 429) {
    return { outcome: 'transient', code: 'rate_limited', detail, ...(retryAfterSeconds !== undefined && retryAfterSeconds >= 0 ? { retryAfterMs: Math.round(retryAfterSeconds * 1000) } : {}) };
  }
  if (code >= 500) return { outcome: 'transient', code: 'platform_unavailable', detail };
  // 401 Unauthorized: a revoked token; 404 Not Found: the token names no bot.
  if (code === 401 || code === 404) return { outcome: 'permanent', code: 'channel_unauthorized', detail };
  // 403: "bot was blocked by the user", "user is deactivated", "bot was kicked from the group chat".
  if (code === 403) return { outcome: 'permanent', code: 'recipient_blocked', detail };
  if (/message is too long|text is too long/i.test(description)) return { outcome: 'permanent', code: 'too_long', detail };
  if (/chat not found|upgraded to a supergroup|user not found|peer_id_invalid/i.test(description)) return { outcome: 'permanent', code: 'target_missing', detail };
  return { outcome: 'permanent', code: 'rejected', detail };
}

/** Failures where the request cannot have reached Telegram: nothing was sent, so a retry is safe. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

export function telegramFailure(e: unknown): DeliveryResult {
  if (e instanceof GrammyError) return telegramErrorResult(e.error_code, e.description, e.parameters?.retry_after);
  const err = e instanceof HttpError && e.error instanceof Error ? e.error : (e as Error);
  const cause = err.cause as { code?: unknown; message?: unknown } | undefined;
  // fetch refuses a port the Fetch standard blocks ("bad port") before connecting, too.
  const code = typeof cause?.code === 'string' ? cause.code : cause?.message === 'bad port' ? 'bad port' : '';
  if (code === 'bad port' || NOT_SENT.has(code)) return { outcome: 'transient', code: 'network', detail: `${code}: ${err.message}`.slice(0, 500) };
  // No answer in time, or the connection dropped after the request went out: the message may be
  // in the chat, and the Bot API takes no idempotency key. A person checks rather than the worker
  // sending it twice.
  return { outcome: 'permanent', code: 'unknown_outcome', detail: `no answer from Telegram: ${err.message}`.slice(0, 500) };
}

/**
 * `sendMessage {chat_id, text, reply_parameters: {message_id, allow_sending_without_reply: true}}`:
 * the answer is a reply to the person's message, and still arrives when that message was deleted.
 * Plain text (no parse_mode), so nothing in a reply is read as markup.
 */
export async function telegramSend(channel: ConnectorChannel, message: OutboundMessage): Promise<DeliveryResult> {
  const chatId = Number(message.target.chat_id);
  if (!Number.isSafeInteger(chatId) || chatId === 0) return { outcome: 'permanent', code: 'target_missing', detail: 'No Telegram chat_id in the reply target' };
  const replyTo = Number(message.target.message_id);
  try {
    const sent = await telegramApi(channel).sendMessage(chatId, message.text, {
      ...(Number.isSafeInteger(replyTo) && replyTo > 0 ? { reply_parameters: { message_id: replyTo, allow_sending_without_reply: true } } : {}),
    });
    return { outcome: 'delivered', externalId: `${sent.chat.id}:${sent.message_id}`, externalUrl: null };
  } catch (e) {
    return telegramFailure(e);
  }
}

/** «Проверить подключение»: `getMe`, which answers the bot's own user for a live token. */
export async function telegramCheck(channel: ConnectorChannel): Promise<ChannelCheck> {
  try {
    const me = await telegramApi(channel).getMe();
    return { ok: true, detail: `@${me.username} (id ${me.id})` };
  } catch (e) {
    const result = telegramFailure(e);
    return result.outcome === 'delivered' ? { ok: true, detail: '' } : { ok: false, code: result.code, detail: result.detail };
  }
}

/**
 * A topic bot's message: plain text with an inline keyboard (`reply_markup: {inline_keyboard:
 * [[{text, callback_data}]]}`, Bot API «InlineKeyboardMarkup»); the press comes back as a
 * callback_query update. The text carries the numbered menu too, for clients that show no buttons.
 * Files follow the text, each by sendDocument (a multipart upload of up to 50 MB, Bot API «Sending
 * files»), so a PDF memo arrives as a document the citizen can save.
 */
export async function telegramSendBot(channel: ConnectorChannel, target: Record<string, string | number>, message: BotOutgoing): Promise<DeliveryResult> {
  const chatId = Number(target.chat_id);
  if (!Number.isSafeInteger(chatId) || chatId === 0) return { outcome: 'permanent', code: 'target_missing', detail: 'No Telegram chat_id in the reply target' };
  const api = telegramApi(channel);
  let first: DeliveryResult | null = null;
  try {
    if (message.text.trim() !== '' || (message.files ?? []).length === 0) {
      const sent = await api.sendMessage(chatId, message.text.slice(0, 4096), {
        ...(message.buttons.length > 0
          ? { reply_markup: { inline_keyboard: message.buttons.map((row) => row.map((b) => ({ text: b.label, callback_data: b.data }))) } }
          : {}),
      });
      first = { outcome: 'delivered', externalId: `${sent.chat.id}:${sent.message_id}`, externalUrl: null };
    }
    // A file Telegram will not take is left off: the text went already, or is said instead.
    for (const file of message.files ?? []) {
      const sent = await api.sendDocument(chatId, new InputFile(file.bytes, file.name)).catch(() => null);
      if (sent) first ??= { outcome: 'delivered', externalId: `${sent.chat.id}:${sent.message_id}`, externalUrl: null };
    }
    if (!first) {
      const sent = await api.sendMessage(chatId, FILE_NOT_SENT);
      first = { outcome: 'delivered', externalId: `${sent.chat.id}:${sent.message_id}`, externalUrl: null };
    }
  } catch (e) {
    return telegramFailure(e);
  }
  return first;
}

/** answerCallbackQuery: the client stops the button's progress indicator. A failure changes nothing for the dialog. */
export async function telegramAckButton(channel: ConnectorChannel, callbackId: string): Promise<void> {
  await telegramApi(channel)
    .answerCallbackQuery(callbackId)
    .catch(() => undefined);
}
