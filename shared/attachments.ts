/**
 * What a reply may carry: photos and PDF documents, each up to 10 MB, at most 10 per reply. The
 * server refuses anything else with a stable code; the workstation checks first, so a clerk hears
 * why at once instead of after a sync.
 */
export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;
export const ATTACHMENTS_PER_REPLY = 10;
export const ATTACHMENT_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/gif', 'application/pdf'] as const;
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];

export type AttachmentCheck =
  | { ok: true }
  | { ok: false; code: 'payload_too_large' | 'unsupported_media_type' | 'validation_failed'; message: string };

export function isAttachmentType(mime: string): mime is AttachmentType {
  return (ATTACHMENT_TYPES as readonly string[]).includes(mime.toLowerCase());
}

export function checkAttachment(file: { mime: string; size: number; name: string }): AttachmentCheck {
  if (file.name.trim() === '' || file.name.length > 255) return { ok: false, code: 'validation_failed', message: 'File name is empty or too long' };
  if (!isAttachmentType(file.mime)) return { ok: false, code: 'unsupported_media_type', message: `Type ${file.mime || 'unknown'} is not accepted` };
  if (file.size <= 0) return { ok: false, code: 'validation_failed', message: 'File is empty' };
  if (file.size > ATTACHMENT_MAX_BYTES) return { ok: false, code: 'payload_too_large', message: `File is larger than ${ATTACHMENT_MAX_BYTES} bytes` };
  return { ok: true };
}

/** The first bytes of each accepted type: the server trusts the content, not the label. */
export function sniffAttachmentType(bytes: Uint8Array): AttachmentType | null {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0x89, 0x50, 0x4e, 0x47)) return 'image/png';
  if (starts(0x47, 0x49, 0x46, 0x38)) return 'image/gif';
  if (starts(0x25, 0x50, 0x44, 0x46)) return 'application/pdf';
  if (starts(0x52, 0x49, 0x46, 0x46) && bytes[8] === 0x57 && bytes[9] === 0x45 && bytes[10] === 0x42 && bytes[11] === 0x50) return 'image/webp';
  return null;
}
