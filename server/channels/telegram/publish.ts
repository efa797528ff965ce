import { InputFile } from 'grammy';
import type { Message } from 'grammy/types';
import type { Publication, PublishResult } from '../../../shared/channels/publish';
import type { ConnectorChannel } from '../types';
import { telegramApi, telegramFailure } from './outbound';

/** A caption takes 1–1024 characters after entities parsing (Bot API, sendPhoto / InputMediaPhoto). */
export const TELEGRAM_CAPTION_MAX = 1024;

/**
 * The channel a post goes to: the `postChatId` setting, a channel's numeric id (-100…) or its
 * public @username (Bot API: "chat_id: Unique identifier for the target chat or username of the
 * target channel (in the format @channelusername)"). The bot must be the channel's administrator.
 */
function postChat(channel: ConnectorChannel): number | string | null {
  const v = channel.settings.postChatId;
  if (typeof v === 'number' && Number.isSafeInteger(v) && v < 0) return v;
  if (typeof v === 'string' && /^-\d{1,20}$/.test(v.trim())) return Number(v.trim());
  if (typeof v === 'string' && /^@[A-Za-z][A-Za-z0-9_]{3,31}$/.test(v.trim())) return v.trim();
  return null;
}

/**
 * A message's public address: t.me/<username>/<id> for a public channel, t.me/c/<id without
 * -100>/<id> for a private one (readable by its members only).
 */
export function telegramPostUrl(chat: Message['chat'], messageId: number): string | null {
  if ('username' in chat && chat.username) return `https://t.me/${chat.username}/${messageId}`;
  const id = String(chat.id);
  return id.startsWith('-100') ? `https://t.me/c/${id.slice(4)}/${messageId}` : null;
}

/**
 * A post in the body's Telegram channel, as the channel (the bot is its administrator): no photo
 * → sendMessage; one → sendPhoto; 2–10 → sendMediaGroup (an album), the text as the first
 * photo's caption when it fits 1024 characters, else as a message of its own before the photos.
 * Plain text, no parse_mode. The Bot API has no idempotency key, so the publishing worker never
 * sends a post twice blindly (`idempotentPublish: false`).
 */
export async function telegramPublish(channel: ConnectorChannel, publication: Publication): Promise<PublishResult> {
  const chatId = postChat(channel);
  if (chatId === null) return { outcome: 'permanent', code: 'target_missing', detail: 'The Telegram channel has no postChatId setting (-100… or @channelname)' };
  const api = telegramApi(channel);
  const photos = publication.photos.map((p) => new InputFile(p.bytes, p.name));
  const caption = publication.text.length <= TELEGRAM_CAPTION_MAX ? publication.text : null;
  let first: Message | null = null;
  try {
    if (photos.length === 0 || caption === null) first = await api.sendMessage(chatId, publication.text);
  } catch (e) {
    return telegramFailure(e);
  }
  try {
    if (photos.length === 1) {
      const sent = await api.sendPhoto(chatId, photos[0]!, caption ? { caption } : {});
      first ??= sent;
    } else if (photos.length > 1) {
      const sent = await api.sendMediaGroup(
        chatId,
        photos.map((media, i) => ({ type: 'photo' as const, media, ...(i === 0 && caption ? { caption } : {}) })),
      );
      first ??= sent[0] ?? null;
    }
  } catch (e) {
    const failed = telegramFailure(e);
    // The text went out already: sending it again would post it twice, so a person finishes the post.
    if (first) return { outcome: 'permanent', code: 'unknown_outcome', detail: `the text was posted (${telegramPostUrl(first.chat, first.message_id) ?? first.message_id}), the photos were not: ${failed.outcome === 'delivered' ? '' : failed.detail}`.slice(0, 500) };
    return failed;
  }
  if (!first) return { outcome: 'permanent', code: 'rejected', detail: 'Telegram answered no message' };
  return { outcome: 'delivered', externalId: `${first.chat.id}:${first.message_id}`, externalUrl: telegramPostUrl(first.chat, first.message_id) };
}
