import { z } from 'zod';
import type { InboundAttachment, InboundEvent } from '../../../shared/channels/inbound';
import type { Envelope } from '../types';

/**
 * A webhook notification of OK's group messages (Graph API `graph/me/subscribe`; see README.md):
 * who wrote (`sender.user_id`, `user:<id>`), to which dialog (`recipient.chat_id`, `chat:<id>`),
 * the message (`mid` is its id, `seq` its place in the chat) and when (`timestamp`, ms).
 */
const okMessageSchema = z.object({
  webhookType: z.string().optional(),
  sender: z.object({ user_id: z.string().min(1).max(128), name: z.string().max(200).optional() }),
  recipient: z.object({ chat_id: z.string().min(1).max(128) }),
  message: z.object({
    mid: z.string().min(1).max(256),
    seq: z.union([z.number(), z.string()]).optional(),
    text: z.string().optional(),
    attachments: z.array(z.object({ type: z.string(), payload: z.record(z.string(), z.unknown()).optional() })).optional(),
  }),
  timestamp: z.number().optional(),
});
export type OkMessage = z.infer<typeof okMessageSchema>;

/** A new message carries `message.mid`; chat title or member changes come without one and are not appeals. */
export function okEnvelope(body: unknown): Envelope {
  const parsed = okMessageSchema.safeParse(body);
  if (!parsed.success) return { kind: 'ignore' };
  if (parsed.data.webhookType !== undefined && parsed.data.webhookType !== 'MESSAGE_CREATED') return { kind: 'ignore' };
  return { kind: 'event', eventId: parsed.data.message.mid };
}

function numericId(prefixed: string): string {
  return prefixed.replace(/^[a-z]+:/i, '');
}

function attachmentsOf(message: OkMessage['message']): InboundAttachment[] {
  const out: InboundAttachment[] = [];
  for (const a of message.attachments ?? []) {
    const url = a.payload?.url;
    // IMAGE carries its picture's URL; SHARE is a link already in the text; VIDEO/AUDIO are not fetched.
    if (a.type === 'IMAGE' && typeof url === 'string' && url.length <= 2048) out.push({ ref: url, url });
  }
  return out.slice(0, 20);
}

export function okParse(raw: unknown): InboundEvent[] {
  const parsed = okMessageSchema.safeParse(raw);
  if (!parsed.success) return [];
  const { sender, recipient, message, timestamp } = parsed.data;
  const userId = numericId(sender.user_id);
  const attachments = attachmentsOf(message);
  const text = (message.text ?? '').trim();
  if (text === '' && attachments.length === 0) return [];
  return [
    {
      eventId: message.mid,
      // Each person writes to the group in their own dialog: the dialog is the thread.
      kind: 'follow_up',
      threadKey: `ok:${recipient.chat_id}`,
      messageRef: message.mid,
      author: {
        externalId: sender.user_id,
        name: sender.name?.trim() || `Пользователь ОК ${userId}`,
        profileUrl: `https://ok.ru/profile/${encodeURIComponent(userId)}`,
      },
      text: text.slice(0, 20000),
      attachments,
      receivedAt: new Date(timestamp ?? Date.now()).toISOString(),
      replyTarget: { chat_id: recipient.chat_id },
    },
  ];
}
