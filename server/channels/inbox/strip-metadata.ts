/**
 * A citizen's photo loses what its camera wrote about it (EXIF, with the GPS position of the
 * person's home; XMP; IPTC; comments) before anyone else sees it. No kept library for this is
 * installed, and the job is small: the pixels are left untouched, only metadata blocks are
 * dropped. A file whose structure we cannot walk is refused (null) rather than stored unstripped.
 */

/**
 * JPEG markers kept before the scan: JFIF/JFXX (APP0), the ICC colour profile (APP2
 * "ICC_PROFILE"), Adobe's colour transform (APP14), and every non-APP segment (tables, frame).
 * APP1 (Exif, XMP), APP13 (Photoshop/IPTC), the other APPn and COM are dropped.
 */
function keepJpegSegment(marker: number, payload: Uint8Array): boolean {
  if (marker === 0xfe) return false;
  if (marker < 0xe0 || marker > 0xef) return true;
  if (marker === 0xe0 || marker === 0xee) return true;
  if (marker === 0xe2) return Buffer.from(payload.subarray(0, 12)).toString('latin1') === 'ICC_PROFILE\0';
  return false;
}

export function stripJpeg(bytes: Uint8Array): Uint8Array | null {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) return null;
  const out: Uint8Array[] = [bytes.subarray(0, 2)];
  let i = 2;
  while (i < bytes.length) {
    if (bytes[i] !== 0xff) return null;
    // Fill bytes (0xFF padding) may precede a marker.
    while (i < bytes.length && bytes[i] === 0xff) i += 1;
    if (i >= bytes.length) return null;
    const marker = bytes[i]!;
    const start = i - 1;
    i += 1;
    if (marker === 0xd9) {
      out.push(bytes.subarray(start, i));
      return Buffer.concat(out);
    }
    // Markers without a length: TEM and the restart markers (not expected before the scan).
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      out.push(bytes.subarray(start, i));
      continue;
    }
    if (i + 2 > bytes.length) return null;
    const length = (bytes[i]! << 8) | bytes[i + 1]!;
    if (length < 2 || i + length > bytes.length) return null;
    const end = i + length;
    if (marker === 0xda) {
      // Start of scan: the entropy-coded data and everything after it is the picture itself.
      out.push(bytes.subarray(start));
      return Buffer.concat(out);
    }
    if (keepJpegSegment(marker, bytes.subarray(i + 2, end))) out.push(bytes.subarray(start, end));
    i = end;
  }
  return null;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** Chunks that carry metadata rather than pixels: EXIF, and text (XMP travels in iTXt). */
const PNG_METADATA = new Set(['eXIf', 'tEXt', 'iTXt', 'zTXt', 'tIME']);

export function stripPng(bytes: Uint8Array): Uint8Array | null {
  if (bytes.length < 8 || !PNG_SIGNATURE.every((b, k) => bytes[k] === b)) return null;
  const out: Uint8Array[] = [bytes.subarray(0, 8)];
  let i = 8;
  while (i + 12 <= bytes.length) {
    const length = ((bytes[i]! << 24) >>> 0) + (bytes[i + 1]! << 16) + (bytes[i + 2]! << 8) + bytes[i + 3]!;
    const type = Buffer.from(bytes.subarray(i + 4, i + 8)).toString('latin1');
    const end = i + 12 + length;
    if (end > bytes.length) return null;
    if (!PNG_METADATA.has(type)) out.push(bytes.subarray(i, end));
    i = end;
    if (type === 'IEND') return Buffer.concat(out);
  }
  return null;
}

/** WebP (RIFF): the EXIF and XMP chunks dropped, the container's size and VP8X flags made to match. */
export function stripWebp(bytes: Uint8Array): Uint8Array | null {
  if (bytes.length < 12) return null;
  const buf = Buffer.from(bytes);
  if (buf.toString('latin1', 0, 4) !== 'RIFF' || buf.toString('latin1', 8, 12) !== 'WEBP') return null;
  const chunks: Buffer[] = [];
  let i = 12;
  while (i + 8 <= buf.length) {
    const type = buf.toString('latin1', i, i + 4);
    const size = buf.readUInt32LE(i + 4);
    const end = i + 8 + size + (size % 2);
    if (i + 8 + size > buf.length) return null;
    if (type !== 'EXIF' && type !== 'XMP ') {
      const chunk = Buffer.from(buf.subarray(i, Math.min(end, buf.length)));
      // VP8X flags: bit 3 says EXIF is present, bit 2 XMP.
      if (type === 'VP8X' && size >= 1) chunk[8] = chunk[8]! & ~0x0c;
      chunks.push(chunk);
    }
    i = end;
  }
  const body = Buffer.concat(chunks);
  const header = Buffer.alloc(12);
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(body.length + 4, 4);
  header.write('WEBP', 8, 'latin1');
  return Buffer.concat([header, body]);
}

/** The file without its metadata, by its sniffed type; GIF and PDF pass as they are (no camera data). */
export function stripMetadata(bytes: Uint8Array, type: string): Uint8Array | null {
  if (type === 'image/jpeg') return stripJpeg(bytes);
  if (type === 'image/png') return stripPng(bytes);
  if (type === 'image/webp') return stripWebp(bytes);
  return bytes;
}
