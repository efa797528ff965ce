import type { DeliveryResult } from '../../../shared/channels/delivery';
import type { Publication, PublishPhoto, PublishResult } from '../../../shared/channels/publish';
import { PLATFORM_TIMEOUT_MS } from '../http';
import { channelApiBase } from '../settings';
import type { ConnectorChannel } from '../types';
import { MAX_API_BASE, maxErrorResult } from './outbound';

/** The channel a post goes to: the `postChatId` setting (the channel's chat id; the bot is its administrator). */
function postChat(channel: ConnectorChannel): number | null {
  const v = channel.settings.postChatId;
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^-?\d{1,20}$/.test(v.trim()) ? Number(v.trim()) : Number.NaN;
  return Number.isSafeInteger(n) && n !== 0 ? n : null;
}

type Call = { ok: true; json: unknown } | { ok: false; result: DeliveryResult; sent: 'no' | 'maybe' };

async function call(url: string, init: RequestInit, what: string): Promise<Call> {
  let res: Response;
  try {
    res = await fetch(url, { ...init, signal: AbortSignal.timeout(PLATFORM_TIMEOUT_MS * 3) });
  } catch (e) {
    const err = e as Error;
    const detail = `MAX ${what}: ${err.name}: ${err.message}`.slice(0, 500);
    // No answer in time: it may have been taken. A refused connection took nothing.
    return err.name === 'TimeoutError' ? { ok: false, result: { outcome: 'permanent', code: 'unknown_outcome', detail }, sent: 'maybe' } : { ok: false, result: { outcome: 'transient', code: 'network', detail }, sent: 'no' };
  }
  const json: unknown = await res.json().catch(() => null);
  if (res.ok) return { ok: true, json };
  const body = (json ?? {}) as { code?: unknown; message?: unknown };
  return { ok: false, result: maxErrorResult(res.status, String(body.code ?? ''), `${what}: ${String(body.message ?? '')}`), sent: 'no' };
}

/**
 * One photo: `POST /uploads?type=image` → `{url}`; the file as the multipart field `data` to that
 * url → `{photos: {<id>: {token}}}`, which the message's image attachment carries as it is
 * (@maxhub/max-bot-api 0.3.1 `helpers/upload/upload.js` uploadFromBuffer, `ImageAttachmentRequest`).
 */
async function uploadImage(base: string, token: string, photo: PublishPhoto): Promise<{ ok: true; photos: unknown } | { ok: false; result: DeliveryResult }> {
  const slot = await call(`${base}/uploads?type=image`, { method: 'POST', headers: { authorization: token } }, 'uploads');
  if (!slot.ok) return slot.sent === 'maybe' ? { ok: false, result: { outcome: 'transient', code: 'network', detail: slot.result.outcome === 'delivered' ? '' : slot.result.detail } } : slot;
  const url = (slot.json as { url?: unknown } | null)?.url;
  if (typeof url !== 'string' || !/^https?:\/\//i.test(url)) return { ok: false, result: { outcome: 'permanent', code: 'rejected', detail: 'MAX gave no upload url' } };
  const form = new FormData();
  form.append('data', new Blob([new Uint8Array(photo.bytes)], { type: photo.mime }), photo.name);
  const up = await call(url, { method: 'POST', body: form }, 'upload');
  // An upload taken twice is an unused file on MAX's side, nothing on the channel: safe to retry.
  if (!up.ok) return { ok: false, result: up.sent === 'maybe' && up.result.outcome !== 'delivered' ? { outcome: 'transient', code: 'network', detail: up.result.detail } : up.result };
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
