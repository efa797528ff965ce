import { z } from 'zod';

/**
 * Button presses in a community's dialogs (README.md «Buttons»). Our buttons carry the payload
 * `{"otklik": "<data>"}` (VK wants a JSON payload of at most 255 characters); `data` is what the
 * bot or the rating question put in the button (shared/ratings.ts `rt:…`, shared/chatbot's
 * `<nonce>:…`), forgeable by the citizen, so its owner checks it.
 */
export const PAYLOAD_KEY = 'otklik';
/** The data a button may carry (InboundEvent's `button.data` takes 256; VK's payload 255 in all). */
export const BUTTON_DATA_MAX = 240;

/** A button's payload: JSON, as `keyboard` and VK's own echo of it carry it. */
export function payloadOf(data: string): string {
  return JSON.stringify({ [PAYLOAD_KEY]: data });
}

/**
 * The data of one of our buttons from a payload as VK returns it: a JSON string in `message_new`'s
 * `message.payload`, an object in `message_event`'s `payload`. Anything else (another bot's
 * payload, VK's own «Начать» `{"command":"start"}`, too long, not JSON) is not ours: null.
 */
export function dataOfPayload(raw: unknown): string | null {
  let value = raw;
  if (typeof raw === 'string') {
    if (raw.length > 255) return null;
    try {
      value = JSON.parse(raw);
    } catch {
      return null;
    }
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return null;
  const keys = Object.keys(value);
  const data = (value as Record<string, unknown>)[PAYLOAD_KEY];
  if (keys.length !== 1 || typeof data !== 'string' || data.length === 0 || data.length > BUTTON_DATA_MAX) return null;
  return data;
}

/**
 * `message_event` (dev.vk.com «Клавиатура для ботов», callback buttons; vk-io 4.10.1
 * `MessageEventContext`): a press of a callback button, `{user_id, peer_id, event_id, payload,
 * conversation_message_id}`. `event_id` here is the press's own, valid for a minute, which
 * messages.sendMessageEventAnswer takes with `user_id` and `peer_id`; the call's envelope has its
 * own `event_id`, our dedup key.
 */
export const messageEventSchema = z.object({
  user_id: z.number().int().positive(),
  peer_id: z.number().int().positive(),
  event_id: z.string().min(1).max(128),
  payload: z.unknown().optional(),
  conversation_message_id: z.number().int().optional(),
});
export type VkMessageEvent = z.infer<typeof messageEventSchema>;

/** The press of one of our buttons in a `message_event`, or null. */
export function pressOf(object: unknown): { event: VkMessageEvent; data: string } | null {
  const parsed = messageEventSchema.safeParse(object);
  if (!parsed.success) return null;
  const data = dataOfPayload(parsed.data.payload);
  return data === null ? null : { event: parsed.data, data };
}

/**
 * The press's `callbackId` for ackButton: what sendMessageEventAnswer needs, `<user>:<peer>:<event_id>`
 * (the event id is VK's random string and may hold anything but is the tail).
 */
export function callbackIdOf(e: VkMessageEvent): string {
  return `${e.user_id}:${e.peer_id}:${e.event_id}`;
}

export function parseCallbackId(id: string): { userId: number; peerId: number; eventId: string } | null {
  const m = /^(\d{1,15}):(\d{1,15}):(.{1,128})$/s.exec(id);
  return m ? { userId: Number(m[1]), peerId: Number(m[2]), eventId: m[3]! } : null;
}

/**
 * What buttons the person's VK client shows, from `message_new`'s `client_info`: callback
 * buttons (the default, and what every current client has), only text buttons (a client whose
 * `button_actions` lacks `callback`), or no inline keyboard at all. Kept on the reply target
 * (`buttons`) only when it is not the default, so the rating question fits the client.
 */
export function clientButtons(clientInfo: unknown): 'text' | 'none' | null {
  const info = z
    .object({ button_actions: z.array(z.string().max(64)).max(50).optional(), inline_keyboard: z.boolean().optional() })
    .safeParse(clientInfo);
  if (!info.success) return null;
  if (info.data.inline_keyboard === false) return 'none';
  if (info.data.button_actions && !info.data.button_actions.includes('callback')) return info.data.button_actions.includes('text') ? 'text' : 'none';
  return null;
}
