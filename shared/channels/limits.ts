import { REPLY_MAX_LENGTH, type Source } from '../domain';

/**
 * The longest reply each channel delivers in one message. VK's messages.send takes up to 9,000
 * characters (`message.maxLength` in VKCOM/vk-api-schema, messages/methods.json, API 5.199);
 * Telegram's sendMessage and Odnoklassniki's messages cut at 4,096 (Bot API: "1-4096 characters
 * after entities parsing"); the Gosuslugi feedback platform (ПОС) and the incident system accept
 * answers of up to 4,000; an e-mail or a letter after a phone call has only the protocol's own limit.
 */
export const REPLY_LENGTH_LIMITS: Readonly<Record<Source, number>> = {
  vk: 9000,
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
