import { describe, expect, it } from 'vitest';
import { applyKey, clampRect, defaultRect, describeRect, pixelBlock, rectFromDrag } from './blur-geometry';

describe('the blur editor\'s areas', () => {
  it('keeps an area inside the photo and at least 8 px', () => {
    expect(clampRect({ x: -20, y: 950, w: 3, h: 100 }, 1280, 960)).toEqual({ x: 0, y: 860, w: 8, h: 100 });
    expect(rectFromDrag({ x: 500, y: 400 }, { x: 300, y: 100 }, 1280, 960)).toEqual({ x: 300, y: 100, w: 200, h: 300 });
  });
  it('is placed and moved by keys alone', () => {
    const r = defaultRect(1280, 960);
    expect(r).toEqual({ x: 480, y: 360, w: 320, h: 240 });
    expect(applyKey(r, 'ArrowRight', { shift: false, ctrl: false }, 1280, 960)).toEqual({ ...r, x: 506 });
    expect(applyKey(r, 'ArrowUp', { shift: false, ctrl: true }, 1280, 960)).toEqual({ ...r, y: 100 });
    expect(applyKey(r, 'ArrowDown', { shift: true, ctrl: false }, 1280, 960)).toEqual({ ...r, h: 266 });
    expect(applyKey({ ...r, x: 950 }, 'ArrowRight', { shift: false, ctrl: true }, 1280, 960)).toEqual({ ...r, x: 960 });
    expect(applyKey(r, 'Tab', { shift: false, ctrl: false }, 1280, 960)).toBeNull();
  });
  it('pixelates coarsely enough and says where it is', () => {
    expect(pixelBlock({ x: 0, y: 0, w: 40, h: 40 })).toBe(12);
    expect(pixelBlock({ x: 0, y: 0, w: 400, h: 240 })).toBe(30);
    expect(describeRect({ x: 480, y: 360, w: 320, h: 240 }, 1280, 960)).toBe('слева 38 %, сверху 38 %, ширина 25 %, высота 25 %');
  });
});
