import { sniffAttachmentType } from '../../shared/attachments';
import { PUBLISH_PHOTO_MAX_BYTES, type PublishPhoto } from '../../shared/channels/publish';
import { stripMetadata } from '../channels/inbox/strip-metadata';
import type { Queryable } from '../db/types';

const PHOTO_TYPES = new Set(['image/jpeg', 'image/png']);

/**
 * A post's photos from the attachment store, in order, as they may leave for a public page: the
 * type judged by content (JPEG or PNG, what the composer's canvas encodes), at most
 * PUBLISH_PHOTO_MAX_BYTES, and stripped of metadata once more (the canvas re-encoding already
 * drops EXIF; a photo that came another way must not carry a camera's GPS position onto the page).
 * Any photo that fails stops the whole post with the reason: a post is never published without a
 * photo the clerk chose, nor with one unchecked.
 */
export async function loadPublishPhotos(q: Queryable, ids: readonly string[]): Promise<{ ok: true; photos: PublishPhoto[] } | { ok: false; detail: string }> {
  if (ids.length === 0) return { ok: true, photos: [] };
  const res = await q.query<{ id: string; name: string; size: number; data: Uint8Array }>('SELECT id, name, size, data FROM attachments WHERE id = ANY($1::text[])', [[...ids]]);
  const photos: PublishPhoto[] = [];
  for (const [i, id] of ids.entries()) {
    const row = res.rows.find((r) => r.id === id);
    if (!row) return { ok: false, detail: `photo ${id} is not in the attachment store` };
    if (row.data.length > PUBLISH_PHOTO_MAX_BYTES) return { ok: false, detail: `photo ${id} is larger than ${PUBLISH_PHOTO_MAX_BYTES} bytes` };
    const mime = sniffAttachmentType(row.data);
    if (!mime || !PHOTO_TYPES.has(mime)) return { ok: false, detail: `photo ${id} is not a JPEG or PNG image` };
    const clean = stripMetadata(row.data, mime);
    if (!clean) return { ok: false, detail: `photo ${id} could not be read to strip its metadata` };
    photos.push({ bytes: clean, mime, name: `photo-${i + 1}.${mime === 'image/png' ? 'png' : 'jpg'}` });
  }
  return { ok: true, photos };
}
