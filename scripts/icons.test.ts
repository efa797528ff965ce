import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ICO_SIZES, PNG_SIZES, renderIcons, type RenderedIcons } from './icons';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width and height from a PNG's IHDR chunk, after checking it is a PNG at all. */
function pngSize(data: Buffer): { width: number; height: number } {
  expect(data.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  expect(data.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
}

let tmp: string;
let icons: RenderedIcons;
beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'otklik-icons-'));
  icons = await renderIcons(path.join(import.meta.dirname, '..', 'build', 'icon.svg'), tmp);
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('installer icons rendered from build/icon.svg', () => {
  it('are valid PNGs of every Linux size, named as electron-builder expects', () => {
    expect(icons.pngs.map((f) => path.relative(tmp, f))).toEqual(PNG_SIZES.map((s) => path.join('icons', `${s}x${s}.png`)));
    for (const [i, size] of PNG_SIZES.entries()) {
      expect(pngSize(fs.readFileSync(icons.pngs[i]!))).toEqual({ width: size, height: size });
    }
    expect(pngSize(fs.readFileSync(icons.png))).toEqual({ width: 1024, height: 1024 });
  });

  it('draw the picture, not a blank or single-colour canvas', () => {
    // A blank or one-colour 256 px render compresses to about 820 bytes; the drawing to several KB.
    expect(fs.statSync(path.join(tmp, 'icons', '256x256.png')).size).toBeGreaterThan(3000);
  });

  it('include a Windows .ico carrying each size from 16 to 256 px', () => {
    const ico = fs.readFileSync(icons.ico);
    expect(ico.readUInt16LE(0)).toBe(0); // reserved
    expect(ico.readUInt16LE(2)).toBe(1); // 1 = icon
    const count = ico.readUInt16LE(4);
    const sizes = Array.from({ length: count }, (_, i) => ico[6 + i * 16] || 256); // 0 means 256
    expect(sizes).toEqual([...ICO_SIZES]);
    const lastEntry = 6 + (count - 1) * 16;
    expect(ico.readUInt32LE(lastEntry + 12) + ico.readUInt32LE(lastEntry + 8)).toBe(ico.length);
  });
});
