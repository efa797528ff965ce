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

/** The payloads of the two buttons under a published answer (outbound.ts) and what the clerk reads for each. */
export const FEEDBACK_BUTTONS = {
  'otklik:resolved': { label: 'Вопрос решён', note: 'Житель отметил под ответом: «Вопрос решён»' },
  'otklik:not_resolved': { label: 'Не решён', note: 'Житель отметил под ответом: «Не решён»' },
} as const;

export function maxEnvelope(body: unknown): Envelope {
  const parsed = updateSchema.safeParse(body);
  if (!parsed.success) return { kind: 'ignore' };
  const u = parsed.data;
  if (u.update_type === 'message_created') {
    // A bot's own message (another bot in a group chat) is no citizen's appeal.
    if (u.message.sender?.is_bot) return { kind: 'ignore' };
    return { kind: 'event', eventId: u.message.body.mid };
  }
  if (!((u.callback.payload ?? '') in FEEDBACK_BUTTONS) || !u.message) return { kind: 'ignore' };
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
  const button = FEEDBACK_BUTTONS[(u.callback.payload ?? '') as keyof typeof FEEDBACK_BUTTONS];
  const chatId = u.message?.recipient.chat_id;
  if (!button || chatId === null || chatId === undefined) return [];
  // A press of a button under our answer joins the person's appeal as a message the clerk reads.
  return [
    {
      eventId: `callback:${u.callback.callback_id}`,
      kind: 'follow_up',
      threadKey: `max:chat:${chatId}`,
      messageRef: `callback:${u.callback.callback_id}`,
      author: author(u.callback.user),
      text: button.note,
      attachments: [],
      receivedAt: new Date(u.callback.timestamp).toISOString(),
      replyTarget: { chat_id: chatId },
    },
  ];
}
