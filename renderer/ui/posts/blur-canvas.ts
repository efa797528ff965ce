import { pixelBlock, type Rect } from './blur-geometry';

/**
 * Pixelates one area of what is drawn on `ctx` from `source`: the area shrunk to a few blocks and
 * drawn back without smoothing. The original pixels of the area are gone from the canvas, so the
 * exported image cannot be un-blurred.
 */
function pixelate(ctx: CanvasRenderingContext2D, source: CanvasImageSource, r: Rect): void {
  const block = pixelBlock(r);
  const small = document.createElement('canvas');
  small.width = Math.max(1, Math.ceil(r.w / block));
  small.height = Math.max(1, Math.ceil(r.h / block));
  const sctx = small.getContext('2d');
  if (!sctx) return;
  sctx.drawImage(source, r.x, r.y, r.w, r.h, 0, 0, small.width, small.height);
  ctx.save();
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(small, 0, 0, small.width, small.height, r.x, r.y, r.w, r.h);
  ctx.restore();
}

/** The photo with its areas hidden, on a canvas of the photo's own size. */
export function drawBlurred(canvas: HTMLCanvasElement, img: HTMLImageElement, rects: readonly Rect[]): CanvasRenderingContext2D | null {
  canvas.width = img.naturalWidth;
  canvas.height = img.naturalHeight;
  const ctx = canvas.getContext('2d');
  if (!ctx) return null;
  ctx.drawImage(img, 0, 0);
  for (const r of rects) pixelate(ctx, img, r);
  return ctx;
}

/**
 * The image that is published: re-encoded from the canvas as JPEG, so it carries no EXIF (a
 * canvas has none to give), and the server strips metadata again before it leaves.
 */
export async function exportBlurred(img: HTMLImageElement, rects: readonly Rect[]): Promise<Blob> {
  const canvas = document.createElement('canvas');
  if (!drawBlurred(canvas, img, rects)) throw new Error('canvas 2d is unavailable');
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('the photo could not be encoded'))), 'image/jpeg', 0.9));
}
