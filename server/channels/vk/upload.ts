import type { DeliveryResult } from '../../../shared/channels/delivery';
import { PLATFORM_TIMEOUT_MS } from '../http';

/**
 * A multipart POST of one file to the upload server VK named (photos.getWallUploadServer,
 * docs.getMessagesUploadServer): the status and the JSON it answered, or the delivery result of a
 * call that did not get that far. Each caller reads its own answer's shape.
 */
export async function postToUploadServer(url: string, field: string, file: { bytes: Uint8Array; mime: string; name: string }): Promise<{ ok: true; status: number; json: unknown } | { ok: false; result: DeliveryResult }> {
  if (!/^https?:\/\//i.test(url)) return { ok: false, result: { outcome: 'permanent', code: 'rejected', detail: 'VK gave no upload_url' } };
  const form = new FormData();
  form.append(field, new Blob([new Uint8Array(file.bytes)], { type: file.mime }), file.name);
  try {
    const res = await fetch(url, { method: 'POST', body: form, signal: AbortSignal.timeout(PLATFORM_TIMEOUT_MS * 3) });
    const json: unknown = await res.json().catch(() => null);
    if (res.status >= 500) return { ok: false, result: { outcome: 'transient', code: 'platform_unavailable', detail: `VK upload: HTTP ${res.status}` } };
    return { ok: true, status: res.status, json };
  } catch (e) {
    return { ok: false, result: { outcome: 'transient', code: 'network', detail: `VK upload: ${(e as Error).message}`.slice(0, 500) } };
  }
}
