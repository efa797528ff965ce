import type { DeliveryResult } from '../../../shared/channels/delivery';
import type { ConnectorChannel, OutgoingFile } from '../types';
import { channelApiBase } from '../settings';
import { call } from './call';
import { MAX_API_BASE } from './outbound';

type Failed = { ok: false; result: DeliveryResult };

/**
 * `POST /uploads?type=<type>` → `{url}`; the file as the multipart field `data` to that url → its
 * JSON (`{photos}` for an image, `{token}` for a file), as @maxhub/max-bot-api 0.3.1
 * `helpers/upload/upload.js` uploadFromBuffer does. Nothing is in a chat until a message names the
 * upload, so one that may have been taken is safe to repeat.
 */
export async function maxUpload(base: string, token: string, type: 'image' | 'file', file: OutgoingFile): Promise<{ ok: true; json: unknown } | Failed> {
  const retryable = (r: Extract<Awaited<ReturnType<typeof call>>, { ok: false }>): Failed => ({
    ok: false,
    result: r.sent === 'maybe' && r.result.outcome !== 'delivered' ? { outcome: 'transient', code: 'network', detail: r.result.detail } : r.result,
  });
  const slot = await call(`${base}/uploads?type=${type}`, { method: 'POST', headers: { authorization: token } }, 'uploads');
  if (!slot.ok) return retryable(slot);
  const url = (slot.json as { url?: unknown } | null)?.url;
  if (typeof url !== 'string' || !/^https?:\/\//i.test(url)) return { ok: false, result: { outcome: 'permanent', code: 'rejected', detail: 'MAX gave no upload url' } };
  const form = new FormData();
  form.append('data', new Blob([new Uint8Array(file.bytes)], { type: file.mime }), file.name);
  const up = await call(url, { method: 'POST', body: form }, 'upload');
  return up.ok ? up : retryable(up);
}

/**
 * One file for a dialog message: its upload token, which the message's `{type: "file", payload:
 * {token}}` attachment carries (`FileAttachmentRequest`). MAX may still be processing the file when
 * the message goes: it answers `attachment.not.ready`, and the SDK's messages.send retries that.
 */
export async function maxUploadFile(channel: ConnectorChannel, file: OutgoingFile): Promise<{ ok: true; token: string } | Failed> {
  const up = await maxUpload(channelApiBase(channel, MAX_API_BASE), channel.secrets.accessToken ?? '', 'file', file);
  if (!up.ok) return up;
  const token = (up.json as { token?: unknown } | null)?.token;
  if (typeof token !== 'string' || token === '') return { ok: false, result: { outcome: 'permanent', code: 'rejected', detail: 'MAX upload answered no token' } };
  return { ok: true, token };
}
