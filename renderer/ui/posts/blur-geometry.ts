/**
 * The blur editor's rectangles, in the photo's own pixels (not the screen's), so the areas a clerk
 * marked are the areas hidden in the published image whatever size the photo was shown at.
 */
export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Smaller areas hide nothing useful and are hard to see, let alone select. */
export const MIN_RECT = 8;

export function clampRect(r: Rect, width: number, height: number): Rect {
  const w = Math.max(MIN_RECT, Math.min(Math.round(r.w), width));
  const h = Math.max(MIN_RECT, Math.min(Math.round(r.h), height));
  const x = Math.min(Math.max(0, Math.round(r.x)), Math.max(0, width - w));
  const y = Math.min(Math.max(0, Math.round(r.y)), Math.max(0, height - h));
  return { x, y, w, h };
}

/** The rectangle a pointer drag from `a` to `b` spans (either direction), inside the photo. */
export function rectFromDrag(a: { x: number; y: number }, b: { x: number; y: number }, width: number, height: number): Rect {
  return clampRect({ x: Math.min(a.x, b.x), y: Math.min(a.y, b.y), w: Math.abs(b.x - a.x), h: Math.abs(b.y - a.y) }, width, height);
}

/** «Добавить область» without a mouse: a quarter of the photo in its middle, then moved by keys. */
export function defaultRect(width: number, height: number): Rect {
  return clampRect({ x: width * 0.375, y: height * 0.375, w: width / 4, h: height / 4 }, width, height);
}

/** A key step: 2 % of the photo's longer side (at least 4 px), ten times that with Ctrl. */
export function keyStep(width: number, height: number, coarse: boolean): number {
  const step = Math.max(4, Math.round(Math.max(width, height) * 0.02));
  return coarse ? step * 10 : step;
}

/**
 * What an arrow key does to the selected area: moves it, or with Shift resizes it (right/down
 * grow, left/up shrink). Null for any other key, so the browser keeps it.
 */
export function applyKey(r: Rect, key: string, opts: { shift: boolean; ctrl: boolean }, width: number, height: number): Rect | null {
  const s = keyStep(width, height, opts.ctrl);
  const d = { ArrowLeft: [-s, 0], ArrowRight: [s, 0], ArrowUp: [0, -s], ArrowDown: [0, s] }[key] as [number, number] | undefined;
  if (!d) return null;
  const [dx, dy] = d;
  return opts.shift ? clampRect({ ...r, w: r.w + dx, h: r.h + dy }, width, height) : clampRect({ ...r, x: r.x + dx, y: r.y + dy }, width, height);
}

/**
 * How coarse the pixelation of an area is: an eighth of its shorter side, at least 12 px, so a
 * face or a plate becomes a few flat blocks that no sharpening brings back.
 */
export function pixelBlock(r: Rect): number {
  return Math.max(12, Math.round(Math.min(r.w, r.h) / 8));
}

/** The area in words for a screen reader and the list under the photo. */
export function describeRect(r: Rect, width: number, height: number): string {
  const pct = (v: number, of: number) => Math.round((v / of) * 100);
  return `слева ${pct(r.x, width)} %, сверху ${pct(r.y, height)} %, ширина ${pct(r.w, width)} %, высота ${pct(r.h, height)} %`;
}
