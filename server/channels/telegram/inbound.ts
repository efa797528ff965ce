import { z } from 'zod';
import type { InboundAttachment, InboundEvent } from '../../../shared/channels/inbound';
import type { Envelope } from '../types';

/**
 * Bot API updates (core.telegram.org/bots/api «Update», «Message», «User», «Chat», «PhotoSize»,
 * «Document»; the same shapes as @grammyjs/types). Only the fields we read are checked; the rest of
 * an update passes through into the inbox as it came.
 */
const userSchema = z.object({
  id: z.number().int(),
  is_bot: z.boolean(),
  first_name: z.string().max(256),
  last_name: z.string().max(256).optional(),
  username: z.string().max(64).optional(),
});
const chatSchema = z.object({
  id: z.number().int(),
  type: z.enum(['private', 'group', 'supergroup', 'channel']),
  username: z.string().max(64).optional(),
});
const photoSizeSchema = z.object({
  file_id: z.string().min(1).max(512),
  width: z.number().int().nonnegative(),
  height: z.number().int().nonnegative(),
  file_size: z.number().int().nonnegative().optional(),
});
const messageSchema = z.object({
  message_id: z.number().int(),
  from: userSchema.optional(),
  chat: chatSchema,
  date: z.number().int(),
  edit_date: z.number().int().optional(),
  text: z.string().optional(),
  caption: z.string().optional(),
  photo: z.array(photoSizeSchema).max(50).optional(),
  document: z
    .object({ file_id: z.string().min(1).max(512), file_name: z.string().max(255).optional(), mime_type: z.string().max(127).optional(), file_size: z.number().int().nonnegative().optional() })
    .optional(),
});
/**
 * A press of an inline keyboard's callback button («CallbackQuery»): `data` is what the bot put in
 * the button (1-64 bytes), but «a bad client can send arbitrary data in this field», so the bot
 * checks it; `message` is the bot's message the button was on, which gives the chat.
 */
const callbackQuerySchema = z.object({
  id: z.string().min(1).max(256),
  from: userSchema,
  message: z.object({ message_id: z.number().int(), chat: chatSchema }).optional(),
  data: z.string().max(256).optional(),
});
const updateSchema = z.object({
  update_id: z.number().int().nonnegative(),
  message: messageSchema.optional(),
  edited_message: messageSchema.optional(),
  callback_query: callbackQuerySchema.optional(),
});
type TgCallback = z.infer<typeof callbackQuerySchema>;

/** A citizen's button press in a private chat with the bot (a group's or an inline message's has no dialog of ours). */
function buttonPress(body: unknown): { updateId: number; cb: TgCallback & { message: { message_id: number; chat: z.infer<typeof chatSchema> }; data: string } } | null {
  const parsed = updateSchema.safeParse(body);
  if (!parsed.success) return null;
  const cb = parsed.data.callback_query;
  if (!cb?.message || cb.data === undefined || cb.from.is_bot || cb.message.chat.type !== 'private') return null;
  return { updateId: parsed.data.update_id, cb: cb as never };
}
type TgMessage = z.infer<typeof messageSchema>;
type TgUser = z.infer<typeof userSchema>;

/** Telegram usernames are Latin letters, digits and `_` (4-letter ones exist, sold on Fragment); anything else makes no link. */
const USERNAME = /^[A-Za-z0-9_]{4,32}$/;

/** The text an edit carries into the appeal, so the clerk reads it as the person's correction. */
export const EDITED_PREFIX = 'Житель исправил сообщение: ';

/**
 * The message a citizen sent or corrected, when the update carries one worth an appeal. Messages of
 * bots (another bot in a group), service messages (members joined, a pin: no text, caption or photo)
 * and channel posts (no person behind them) carry none. Edits count: a person who fixes the address
 * in a message the clerk already has would otherwise be silently lost.
 */
function citizenMessage(body: unknown): { updateId: number; message: TgMessage & { from: TgUser }; edited: boolean } | null {
  const parsed = updateSchema.safeParse(body);
  if (!parsed.success) return null;
  const u = parsed.data;
  const message = u.message ?? u.edited_message;
  if (!message?.from || message.from.is_bot || message.chat.type === 'channel') return null;
  if (textOf(message) === '' && attachmentsOf(message).length === 0) return null;
  return { updateId: u.update_id, message: message as TgMessage & { from: TgUser }, edited: !u.message };
}

function textOf(message: TgMessage): string {
  return (message.text ?? message.caption ?? '').trim();
}

/** The largest size of a photo (Telegram lists them smallest first), and an image sent as a file. */
function attachmentsOf(message: TgMessage): InboundAttachment[] {
  const out: InboundAttachment[] = [];
  const largest = [...(message.photo ?? [])].sort((a, b) => b.width * b.height - a.width * a.height)[0];
  if (largest) out.push({ ref: largest.file_id, name: 'photo.jpg', mime: 'image/jpeg', ...(largest.file_size !== undefined ? { size: largest.file_size } : {}) });
  const doc = message.document;
  if (doc && /^image\/(jpeg|png|webp|heic|heif)$/i.test(doc.mime_type ?? '')) {
    out.push({
      ref: doc.file_id,
      name: doc.file_name?.trim() || 'image',
      mime: doc.mime_type!.toLowerCase(),
      ...(doc.file_size !== undefined ? { size: doc.file_size } : {}),
    });
  }
  return out;
}

export function telegramEnvelope(body: unknown): Envelope {
  const found = citizenMessage(body) ?? buttonPress(body);
  return found ? { kind: 'event', eventId: String(found.updateId) } : { kind: 'ignore' };
}

function author(user: TgUser) {
  // The name is untrusted text kept as written (HTML in it stays characters: every view renders text).
  const name = [user.first_name, user.last_name].filter(Boolean).join(' ').trim() || `Пользователь Telegram ${user.id}`;
  return {
    externalId: String(user.id),
    name: name.slice(0, 200),
    ...(user.username && USERNAME.test(user.username) ? { profileUrl: `https://t.me/${user.username}` } : {}),
  };
}

export function telegramParse(raw: unknown): InboundEvent[] {
  const press = buttonPress(raw);
  if (press) {
    const { cb } = press;
    return [
      {
        eventId: String(press.updateId),
        kind: 'follow_up',
        threadKey: `telegram:chat:${cb.message.chat.id}`,
        messageRef: `${cb.message.chat.id}:callback:${cb.id}`,
        author: author(cb.from),
        text: '',
        attachments: [],
        receivedAt: new Date().toISOString(),
        replyTarget: { chat_id: cb.message.chat.id },
        button: { data: cb.data.slice(0, 256), callbackId: cb.id },
      },
    ];
  }
  const found = citizenMessage(raw);
  if (!found) return [];
  const { message, edited } = found;
  const chatId = message.chat.id;
  const text = textOf(message);
  return [
    {
      eventId: String(found.updateId),
      // A person's next message in the same chat joins their open appeal (the chat is the thread; in
      // a group the inbox keeps each person's appeal apart by the author).
      kind: 'follow_up',
      threadKey: `telegram:chat:${chatId}`,
      // An edit keeps its message's id, so its own ref names the edit: the original stays the appeal's.
      messageRef: edited ? `${chatId}:${message.message_id}:edit:${message.edit_date ?? found.updateId}` : `${chatId}:${message.message_id}`,
      author: author(message.from),
      text: ((edited ? EDITED_PREFIX : '') + text).slice(0, 20000),
      attachments: attachmentsOf(message).slice(0, 20),
      ...(message.chat.username && USERNAME.test(message.chat.username) && message.chat.type !== 'private'
        ? { link: `https://t.me/${message.chat.username}/${message.message_id}` }
        : {}),
      receivedAt: new Date((edited ? (message.edit_date ?? message.date) : message.date) * 1000).toISOString(),
      replyTarget: { chat_id: chatId, message_id: message.message_id },
    },
  ];
}
