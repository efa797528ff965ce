import { type Api, Bot, Keyboard, MaxError } from '@maxhub/max-bot-api';
import type { DeliveryResult } from '../../../shared/channels/delivery';
import type { OutboundMessage } from '../../../shared/channels/outbound';
import type { BotButton } from '../../../shared/chatbot/dialog';
import { textBesideFiles } from '../../../shared/chatbot/texts';
import { PLATFORM_TIMEOUT_MS } from '../http';
import { channelApiBase } from '../settings';
import type { BotOutgoing, ConnectorChannel } from '../types';
import { maxUploadFile } from './files';

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

/** What the SDK threw, as a delivery result. */
function maxFailure(e: unknown): DeliveryResult {
  if (e instanceof MaxError) return maxErrorResult(e.status, String(e.code ?? ''), e.description ?? '');
  const err = e as Error;
  // No answer in time: the message may be in the dialog, and MAX takes no idempotency key; a
  // person checks rather than the worker sending it twice. A refused connection sent nothing.
  if (err.name === 'TimeoutError') return { outcome: 'permanent', code: 'unknown_outcome', detail: `no answer from MAX in time: ${err.message}`.slice(0, 500) };
  return { outcome: 'transient', code: 'network', detail: `${err.name}: ${err.message}`.slice(0, 500) };
}

function maxBot(channel: ConnectorChannel): Bot {
  return new Bot(channel.secrets.accessToken ?? '', { clientOptions: { baseUrl: channelApiBase(channel, MAX_API_BASE) } });
}

async function post(channel: ConnectorChannel, target: Record<string, string | number>, text: string, buttons: BotButton[][] | null, fileTokens: readonly string[] = []): Promise<DeliveryResult> {
  const chatId = Number(target.chat_id);
  if (!Number.isSafeInteger(chatId)) return { outcome: 'permanent', code: 'target_missing', detail: 'No MAX chat_id in the reply target' };
  const keyboard = buttons?.map((row) => row.slice(0, MAX_ROW_BUTTONS).map((b) => Keyboard.button.callback(b.label.slice(0, 128), b.data))).filter((row) => row.length > 0).slice(0, MAX_ROWS);
  const attachments = [...fileTokens.map((token) => ({ type: 'file' as const, payload: { token } })), ...(keyboard && keyboard.length > 0 ? [Keyboard.inlineKeyboard(keyboard)] : [])];
  try {
    const sent = await maxBot(channel).api.sendMessageToChat(chatId, text, {
      ...(attachments.length > 0 ? { attachments } : {}),
      signal: AbortSignal.timeout(PLATFORM_TIMEOUT_MS),
    });
    return { outcome: 'delivered', externalId: sent.body.mid, externalUrl: sent.url ?? null };
  } catch (e) {
    return maxFailure(e);
  }
}

/**
 * `POST /messages?chat_id=<id>` with `{text}` through the SDK's Api, pointed at the channel's API
 * base (the emulator in tests). No buttons: the rating question that follows an answer carries
 * them (maxSendBot). MAX takes no idempotency key: the delivery worker records the attempt before the call.
 */
export async function maxSend(channel: ConnectorChannel, message: OutboundMessage): Promise<DeliveryResult> {
  return post(channel, message.target, message.text, null);
}

/** MAX's inline keyboard limits (dev.max.ru «Клавиатура»): at most 30 rows of at most 7 buttons. */
const MAX_ROWS = 30;
const MAX_ROW_BUTTONS = 7;

/**
 * A message with buttons (a rating question, a topic bot's menu): `attachments: [{type:
 * "inline_keyboard", payload: {buttons: [[{type: "callback", text, payload}]]}}]` (SDK
 * `Keyboard.inlineKeyboard`, `Keyboard.button.callback`); a press comes back as `message_callback`
 * with the button's payload. A topic's files are uploaded first and go in the same message as
 * `file` attachments (files.ts). MAX takes no idempotency key, so the key is not used.
 */
export async function maxSendBot(channel: ConnectorChannel, target: Record<string, string | number>, message: BotOutgoing): Promise<DeliveryResult> {
  // A file MAX will not take is left off: the answer's text and buttons still reach the citizen.
  const tokens: string[] = [];
  for (const file of message.files ?? []) {
    const up = await maxUploadFile(channel, file);
    if (up.ok) tokens.push(up.token);
  }
  return post(channel, target, textBesideFiles(message.text, message.files?.length ?? 0, tokens.length).slice(0, 4000), message.buttons, tokens);
}

/**
 * `POST /answers?callback_id=<id>` with `{notification}` (dev.max.ru «Отправка ответа на callback»:
 * the answer to a press is an updated message and/or a one-time notification; the SDK 0.3.1 types
 * only `message`, the platform takes both). A failure changes nothing for the dialog.
 */
export async function maxAckButton(channel: ConnectorChannel, callbackId: string): Promise<void> {
  // The SDK's answerOnCallback takes no signal: its fetch gets the timeout instead.
  const timed: typeof fetch = (input, init) => fetch(input, { ...init, signal: AbortSignal.timeout(PLATFORM_TIMEOUT_MS) });
  const bot = new Bot(channel.secrets.accessToken ?? '', { clientOptions: { baseUrl: channelApiBase(channel, MAX_API_BASE), fetch: timed } });
  const extra = { notification: 'Принято' } as unknown as Parameters<Api['answerOnCallback']>[1];
  await bot.api.answerOnCallback(callbackId, extra).catch(() => undefined);
}
