import { ATTACHMENTS_PER_REPLY, checkAttachment } from '../../shared/attachments';
import type { Attachment } from '../../shared/domain';
import { API_PREFIX } from '../../shared/protocol';
import type { LocalAttachment, OtklikDb } from '../db/schema';
import { ApiError, NetworkError, type SyncClient } from '../sync';

/** Where the server keeps an attachment once uploaded; a reply refers to it by this address. */
export const attachmentUrl = (id: string) => `${API_PREFIX}/attachments/${id}`;

export type AddResult = { ok: true; attachment: LocalAttachment } | { ok: false; reason: 'tooLarge' | 'badType' | 'tooMany'; name: string };

/** Keeps a chosen file in IndexedDB for the reply being written (checked first, as the server will). */
export async function addDraftAttachment(db: OtklikDb, userId: string, appealId: string, file: File): Promise<AddResult> {
  const check = checkAttachment({ mime: file.type, size: file.size, name: file.name || 'file' });
  if (!check.ok) return { ok: false, reason: check.code === 'payload_too_large' ? 'tooLarge' : 'badType', name: file.name };
  const existing = await draftAttachments(db, userId, appealId);
  if (existing.length >= ATTACHMENTS_PER_REPLY) return { ok: false, reason: 'tooMany', name: file.name };
  const attachment: LocalAttachment = {
    id: crypto.randomUUID(),
    appealId,
    userId,
    name: file.name || 'file',
    mime: file.type,
    size: file.size,
    blob: file,
    state: 'draft',
    createdAt: new Date().toISOString(),
  };
  await db.attachments.put(attachment);
  return { ok: true, attachment };
}

export function draftAttachments(db: OtklikDb, userId: string, appealId: string): Promise<LocalAttachment[]> {
  return db.attachments
    .where('appealId')
    .equals(appealId)
    .filter((a) => a.userId === userId && a.state === 'draft')
    .sortBy('createdAt');
}

/** What the reply carries: the files' descriptions, each at the address it will have on the server. */
export function toReplyAttachment(a: LocalAttachment): Attachment {
  return { id: a.id, name: a.name, mime: a.mime, size: a.size, url: attachmentUrl(a.id) };
}

/**
 * Uploads this person's files of sent replies, oldest first. A refusal (size, type) is kept on the
 * file with its code for the clerk to see; no network stops the run until the next one.
 */
export async function uploadQueued(client: SyncClient): Promise<{ uploaded: number; refused: number }> {
  const queued = (await client.db.attachments.where('state').equals('queued').toArray()).filter((a) => a.userId === client.user.id);
  let uploaded = 0;
  let refused = 0;
  for (const a of queued) {
    try {
      if ((await uploadOne(client, a)) === 'uploaded') uploaded++;
      else refused++;
    } catch {
      break;
    }
  }
  return { uploaded, refused };
}

/**
 * Sends one file. Resolves 'refused' when the server will never take it (the code kept on the
 * file); throws when the network or the server failed and it may be tried again.
 */
export async function uploadOne(client: SyncClient, a: LocalAttachment): Promise<'uploaded' | 'refused'> {
  const db = client.db;
  try {
    await client.auth.call(async (token) => {
      const query = `id=${encodeURIComponent(a.id)}&appealId=${encodeURIComponent(a.appealId)}&name=${encodeURIComponent(a.name)}`;
      let res: Response;
      try {
        res = await fetch(`${client.api.serverUrl}${API_PREFIX}/attachments?${query}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': a.mime },
          body: a.blob,
        });
      } catch (e) {
        throw new NetworkError((e as Error).message);
      }
      if (!res.ok) {
        const body = (await res.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
        throw new ApiError(res.status, (body?.error?.code ?? 'http_error') as ApiError['code'], body?.error?.message ?? `HTTP ${res.status}`);
      }
    });
  } catch (error) {
    if (error instanceof ApiError && error.status >= 400 && error.status < 500 && error.status !== 401 && error.status !== 429) {
      await db.attachments.update(a.id, { state: 'refused', code: error.code });
      return 'refused';
    }
    throw error;
  }
  // The bytes stay until the server has them; then only the description is kept.
  await db.attachments.update(a.id, { state: 'uploaded', url: attachmentUrl(a.id), blob: new Blob() });
  return 'uploaded';
}
