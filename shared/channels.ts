import { REPLY_MAX_LENGTH, type Source } from './domain';

/**
 * The longest reply each channel delivers in one message. VK, Odnoklassniki and Telegram cut a
 * message at 4096 characters (VK messages.send, OK messages, Telegram Bot API sendMessage); the
 * Gosuslugi feedback platform (ПОС) and the incident system accept answers of up to 4000; an
 * e-mail or a letter after a phone call has only the protocol's own limit.
 */
export const REPLY_LENGTH_LIMITS: Readonly<Record<Source, number>> = {
  vk: 4096,
  ok: 4096,
  telegram: 4096,
  chatbot: 4096,
  pos: 4000,
  incident: 4000,
  email: REPLY_MAX_LENGTH,
  phone: REPLY_MAX_LENGTH,
};

export function replyLengthLimit(source: Source): number {
  return Math.min(REPLY_LENGTH_LIMITS[source], REPLY_MAX_LENGTH);
}

/** Characters left before the channel's limit; negative when the reply is too long. */
export function replyCharsLeft(source: Source, body: string): number {
  return replyLengthLimit(source) - body.length;
}
