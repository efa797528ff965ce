import type { DeliveryResult } from '../../../shared/channels/delivery';
import type { Publication, PublishPhoto, PublishResult } from '../../../shared/channels/publish';
import { channelApiBase } from '../settings';
import type { ConnectorChannel } from '../types';
import { call } from './call';
import { maxUpload } from './files';
import { MAX_API_BASE } from './outbound';

/** The channel a post goes to: the `postChatId` setting (the channel's chat id; the bot is its administrator). */
function postChat(channel: ConnectorChannel): number | null {
  const v = channel.settings.postChatId;
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^-?\d{1,20}$/.test(v.trim()) ? Number(v.trim()) : Number.NaN;
  return Number.isSafeInteger(n) && n !== 0 ? n : null;
}

/** One photo's `{photos: {<id>: {token}}}`, which the message's image attachment carries as it is (`ImageAttachmentRequest`). */
async function uploadImage(base: string, token: string, photo: PublishPhoto): Promise<{ ok: true; photos: unknown } | { ok: false; result: DeliveryResult }> {
  const up = await maxUpload(base, token, 'image', photo);
  if (!up.ok) return up;
  const photos = (up.json as { photos?: unknown } | null)?.photos;
  if (!photos || typeof photos !== 'object') return { ok: false, result: { outcome: 'permanent', code: 'rejected', detail: 'MAX upload answered no photos' } };
  return { ok: true, photos };
}

/**
 * A post in the body's MAX channel as the channel (the bot is its administrator): each photo
 * uploaded, then `POST /messages?chat_id=<channel>` with `{text, attachments: [{type: "image",
 * payload: {photos}}…]}`. MAX takes no idempotency key: only the final message can put a post on
 * the channel, and a timeout on it stops as `unknown_outcome` for a person. The link is the
 * message's `url` (the SDK's `Message.url`, the public link MAX gives a channel post).
 */
export async function maxPublish(channel: ConnectorChannel, publication: Publication): Promise<PublishResult> {
  const chatId = postChat(channel);
  if (chatId === null) return { outcome: 'permanent', code: 'target_missing', detail: 'The MAX channel has no postChatId setting' };
  const base = channelApiBase(channel, MAX_API_BASE);
  const token = channel.secrets.accessToken ?? '';
  const attachments: unknown[] = [];
  for (const photo of publication.photos) {
    const up = await uploadImage(base, token, photo);
    if (!up.ok) return up.result;
    attachments.push({ type: 'image', payload: { photos: up.photos } });
  }
  const sent = await call(
    `${base}/messages?chat_id=${chatId}`,
    { method: 'POST', headers: { authorization: token, 'content-type': 'application/json' }, body: JSON.stringify({ text: publication.text, ...(attachments.length > 0 ? { attachments } : {}) }) },
    'messages',
  );
  if (!sent.ok) return sent.result;
  const message = (sent.json as { message?: { body?: { mid?: unknown }; url?: unknown } } | null)?.message;
  const mid = typeof message?.body?.mid === 'string' ? message.body.mid : '';
  const url = typeof message?.url === 'string' && /^https:\/\//.test(message.url) ? message.url : null;
  return { outcome: 'delivered', externalId: mid, externalUrl: url };
}
