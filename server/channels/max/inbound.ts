import { z } from 'zod';
import type { InboundAttachment, InboundEvent } from '../../../shared/channels/inbound';
import type { Envelope } from '../types';

/**
 * MAX Bot API updates (the `Update` type of @maxhub/max-bot-api, dev.max.ru «Update»; README.md).
 * Only the fields we read are checked; the rest of an update passes through into the inbox as it came.
 */
const userSchema = z.object({
  user_id: z.number().int(),
  first_name: z.string().max(200).optional(),
  last_name: z.string().max(200).nullish(),
  name: z.string().max(200).optional(),
  username: z.string().max(200).nullish(),
  is_bot: z.boolean().optional(),
});
const messageSchema = z.object({
  sender: userSchema.nullish(),
  recipient: z.object({ chat_id: z.number().int().nullable(), chat_type: z.string(), user_id: z.number().int().nullish() }),
  timestamp: z.number(),
  body: z.object({
    mid: z.string().min(1).max(256),
    seq: z.number().optional(),
    text: z.string().nullable(),
    attachments: z.array(z.object({ type: z.string(), payload: z.record(z.string(), z.unknown()).nullish() }).passthrough()).nullish(),
  }),
  url: z.string().max(2048).nullish(),
});
const messageCreatedSchema = z.object({ update_type: z.literal('message_created'), timestamp: z.number(), message: messageSchema });
const messageCallbackSchema = z.object({
  update_type: z.literal('message_callback'),
  timestamp: z.number(),
  callback: z.object({ callback_id: z.string().min(1).max(256), payload: z.string().max(1024).nullish(), user: userSchema, timestamp: z.number() }),
  message: messageSchema.nullish(),
});
const updateSchema = z.discriminatedUnion('update_type', [messageCreatedSchema, messageCallbackSchema]);
type MaxUser = z.infer<typeof userSchema>;

/** The longest button data we take back (InboundEvent's `button.data`); ours are at most 64. */
const BUTTON_DATA_MAX = 256;

/**
 * A press of a callback button under a message in a chat with the bot, with its data. The payload
 * is the citizen's to forge (the rating question and the bot check it); one that is empty, too
 * long, or under no message of a chat is no press of ours.
 */
function pressOf(u: z.infer<typeof messageCallbackSchema>): { chatId: number; data: string } | null {
  const data = u.callback.payload ?? '';
  const chatId = u.message?.recipient.chat_id;
  if (data === '' || data.length > BUTTON_DATA_MAX || chatId === null || chatId === undefined || u.callback.user.is_bot) return null;
  return { chatId, data };
}

export function maxEnvelope(body: unknown): Envelope {
  const parsed = updateSchema.safeParse(body);
  if (!parsed.success) return { kind: 'ignore' };
  const u = parsed.data;
  if (u.update_type === 'message_created') {
    // A bot's own message (another bot in a group chat) is no citizen's appeal.
    if (u.message.sender?.is_bot) return { kind: 'ignore' };
    return { kind: 'event', eventId: u.message.body.mid };
  }
  if (!pressOf(u)) return { kind: 'ignore' };
  return { kind: 'event', eventId: `callback:${u.callback.callback_id}` };
}

function author(user: MaxUser) {
  const name = [user.first_name, user.last_name].filter(Boolean).join(' ').trim() || user.name?.trim() || `Пользователь MAX ${user.user_id}`;
  return {
    externalId: String(user.user_id),
    name: name.slice(0, 200),
    ...(user.username ? { profileUrl: `https://max.ru/${encodeURIComponent(user.username)}` } : {}),
  };
}

function photos(attachments: Array<{ type: string; payload?: Record<string, unknown> | null }> | null | undefined): InboundAttachment[] {
  const out: InboundAttachment[] = [];
  for (const a of attachments ?? []) {
    const url = a.payload?.url;
    if (a.type === 'image' && typeof url === 'string' && url.length <= 2048) {
      out.push({ ref: String(a.payload?.photo_id ?? a.payload?.token ?? url).slice(0, 512), url });
    }
  }
  return out.slice(0, 20);
}

export function maxParse(raw: unknown): InboundEvent[] {
  const parsed = updateSchema.safeParse(raw);
  if (!parsed.success) return [];
  const u = parsed.data;
  if (u.update_type === 'message_created') {
    const m = u.message;
    if (!m.sender || m.sender.is_bot || m.recipient.chat_id === null) return [];
    const text = (m.body.text ?? '').trim();
    const attachments = photos(m.body.attachments);
    if (text === '' && attachments.length === 0) return [];
    return [
      {
        eventId: m.body.mid,
        kind: 'follow_up',
        threadKey: `max:chat:${m.recipient.chat_id}`,
        messageRef: m.body.mid,
        author: author(m.sender),
        text: text.slice(0, 20000),
        attachments,
        ...(m.url ? { link: m.url } : {}),
        receivedAt: new Date(m.timestamp).toISOString(),
        replyTarget: { chat_id: m.recipient.chat_id },
      },
    ];
  }
  const press = pressOf(u);
  if (!press) return [];
  // A press of a button (a rating question's, a topic bot's): the dialog's button event, taken by
  // the rating or the bot and acknowledged with POST /answers (callbackId); never the clerk's to read.
  return [
    {
      eventId: `callback:${u.callback.callback_id}`,
      kind: 'follow_up',
      threadKey: `max:chat:${press.chatId}`,
      messageRef: `callback:${u.callback.callback_id}`,
      author: author(u.callback.user),
      text: '',
      attachments: [],
      receivedAt: new Date(u.callback.timestamp).toISOString(),
      replyTarget: { chat_id: press.chatId },
      button: { data: press.data, callbackId: u.callback.callback_id },
    },
  ];
}
