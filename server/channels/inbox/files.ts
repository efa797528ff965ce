import { randomUUID } from 'node:crypto';
import { ATTACHMENT_MAX_BYTES, sniffAttachmentType } from '../../../shared/attachments';
import type { InboundAttachment } from '../../../shared/channels/inbound';
import type { Attachment } from '../../../shared/domain';
import { API_PREFIX } from '../../../shared/protocol';
import { cleanText } from '../../../shared/text';
import type { Queryable } from '../../db/types';
import type { Connector, ConnectorChannel } from '../types';
import { stripMetadata } from './strip-metadata';

/** A photo taken into our store: its bytes without metadata, ready to insert with the appeal. */
export interface KeptFile {
  attachment: Attachment;
  bytes: Uint8Array;
}

/** A photo that was not taken, and why, so the clerk reads that there was one and where it is. */
export interface RefusedFile {
  reason: 'too_large' | 'unsupported' | 'unreachable';
  link: string | null;
}

const REASON_RU: Record<RefusedFile['reason'], string> = {
  too_large: `файл больше ${Math.round(ATTACHMENT_MAX_BYTES / 1024 / 1024)} МБ`,
  unsupported: 'формат файла не принимается',
  unreachable: 'не удалось загрузить с платформы',
};

/** The lines the appeal's text gains for files that were not taken (the person's words are kept as they were). */
export function refusedNote(refused: RefusedFile[]): string {
  return refused.map((r) => `[Вложение не сохранено: ${REASON_RU[r.reason]}${r.link ? ` — ${r.link}` : ''}]`).join('\n');
}

function extensionOf(type: string): string {
  return type === 'application/pdf' ? 'pdf' : type.slice('image/'.length).replace('jpeg', 'jpg');
}

/**
 * Downloads an event's photos through its connector, then applies our own rules whatever the
 * platform said: at most ATTACHMENT_MAX_BYTES, a type judged by the content, metadata stripped.
 * A file not taken is reported as refused and the message goes on without it: a citizen's words
 * are never held back by their photo.
 */
export async function fetchFiles(connector: Connector, channel: ConnectorChannel, attachments: InboundAttachment[]): Promise<{ kept: KeptFile[]; refused: RefusedFile[] }> {
  const kept: KeptFile[] = [];
  const refused: RefusedFile[] = [];
  for (const a of attachments) {
    const link = a.url && /^https?:\/\//i.test(a.url) ? a.url : null;
    if (a.size !== undefined && a.size > ATTACHMENT_MAX_BYTES) {
      refused.push({ reason: 'too_large', link });
      continue;
    }
    const file = await connector.fetchAttachment(channel, a);
    if (!file) {
      // Null is the connector's answer for a file gone, unreachable, or over its own download cap.
      refused.push({ reason: 'unreachable', link });
      continue;
    }
    if (file.bytes.length > ATTACHMENT_MAX_BYTES) {
      refused.push({ reason: 'too_large', link });
      continue;
    }
    const type = sniffAttachmentType(file.bytes);
    const stripped = type ? stripMetadata(file.bytes, type) : null;
    if (!type || !stripped || stripped.length === 0) {
      refused.push({ reason: 'unsupported', link });
      continue;
    }
    const id = randomUUID();
    const given = cleanText(a.name ?? file.name ?? '').trim().slice(0, 120);
    const name = given && !/[\\/]/.test(given) ? given : `photo-${kept.length + 1}.${extensionOf(type)}`;
    kept.push({ attachment: { id, name, mime: type, size: stripped.length, url: `${API_PREFIX}/attachments/${id}` }, bytes: stripped });
  }
  return { kept, refused };
}

/** The files into the attachments table under their appeal; the owner is the channel, not a user. */
export async function storeFiles(q: Queryable, appealId: string, channelId: string, files: KeptFile[]): Promise<void> {
  for (const f of files) {
    await q.query(`INSERT INTO attachments (id, appeal_id, owner_id, name, mime, size, data) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
      f.attachment.id,
      appealId,
      `channel:${channelId}`,
      f.attachment.name,
      f.attachment.mime,
      f.bytes.length,
      f.bytes,
    ]);
  }
}
