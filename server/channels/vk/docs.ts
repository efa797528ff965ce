import type { DeliveryResult } from '../../../shared/channels/delivery';
import type { ConnectorChannel, OutgoingFile } from '../types';
import { vkCall } from './outbound';
import { postToUploadServer } from './upload';

type Uploaded = { ok: true; attachment: string } | { ok: false; result: DeliveryResult };

const int = (v: unknown): number | null => (typeof v === 'number' && Number.isSafeInteger(v) ? v : typeof v === 'string' && /^-?\d{1,15}$/.test(v) ? Number(v) : null);

/** The upload server's answer to the multipart POST: `{file}`, or `{error}` when it did not take the file. */
async function postFile(url: string, file: OutgoingFile): Promise<{ ok: true; file: string } | { ok: false; result: DeliveryResult }> {
  // The field is `file`, as vk-io's upload.messageDocument names it.
  const posted = await postToUploadServer(url, 'file', file);
  if (!posted.ok) return posted;
  const body = (posted.json ?? {}) as { file?: unknown; error?: unknown };
  if (posted.status !== 200 || typeof body.file !== 'string' || body.file === '') {
    return { ok: false, result: { outcome: 'permanent', code: 'rejected', detail: `VK upload refused the file: HTTP ${posted.status} ${JSON.stringify(body.error ?? '').slice(0, 200)}` } };
  }
  return { ok: true, file: body.file };
}

/**
 * A document for one dialog, as the community (dev.vk.com «Загрузка документов в сообщения»;
 * vk-io 4.10 upload.messageDocument): docs.getMessagesUploadServer `{type: "doc", peer_id}` →
 * `{upload_url}`; the file as the multipart field `file` to it → `{file}`; docs.save `{file,
 * title}` → `{type: "doc", doc: {id, owner_id, access_key?}}`, which messages.send attaches as
 * `doc<owner_id>_<id>[_<access_key>]`. The community token needs the «Документы» right. An upload
 * repeated after a failure leaves an unused document in the community, nothing in the dialog.
 */
export async function vkUploadMessageDoc(channel: ConnectorChannel, peerId: number, file: OutgoingFile): Promise<Uploaded> {
  const token = channel.secrets.accessToken;
  const server = await vkCall(channel, 'docs.getMessagesUploadServer', { type: 'doc', peer_id: peerId }, token);
  if (!server.ok) return server;
  const posted = await postFile(String((server.value as { upload_url?: unknown } | null)?.upload_url ?? ''), file);
  if (!posted.ok) return posted;
  const saved = await vkCall(channel, 'docs.save', { file: posted.file, title: file.name.slice(0, 128) }, token);
  if (!saved.ok) return saved;
  const doc = (saved.value as { type?: unknown; doc?: { id?: unknown; owner_id?: unknown; access_key?: unknown } } | null)?.doc;
  const id = int(doc?.id);
  const owner = int(doc?.owner_id);
  if (id === null || owner === null) return { ok: false, result: { outcome: 'permanent', code: 'rejected', detail: 'VK docs.save answered no document' } };
  const key = typeof doc?.access_key === 'string' && /^[A-Za-z0-9]+$/.test(doc.access_key) ? `_${doc.access_key}` : '';
  return { ok: true, attachment: `doc${owner}_${id}${key}` };
}
