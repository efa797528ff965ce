/**
 * Raster icons for the installers, rendered from build/icon.svg at packaging so nobody keeps
 * hand-made PNGs in step with the drawing. They land where electron-builder looks by default:
 * build/icons/NxN.png (Linux icon theme sizes), build/icon.png and build/icon.ico (Windows).
 */
import fs from 'node:fs';
import path from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import pngToIco from 'png-to-ico';

/** Linux icon-theme sizes; 512 and 1024 for high-density screens and the AppImage. */
export const PNG_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024] as const;
/** The sizes a Windows .ico carries: taskbar, title bar, desktop, Explorer up to 256. */
export const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256] as const;

export function renderPng(svg: string | Buffer, size: number): Buffer {
  return new Resvg(svg, { fitTo: { mode: 'width', value: size }, font: { loadSystemFonts: false } }).render().asPng();
}

export interface RenderedIcons {
  pngs: string[];
  png: string;
  ico: string;
}

/** Renders every size from the SVG into `outDir` (build/ in the real build). */
export async function renderIcons(svgFile: string, outDir: string): Promise<RenderedIcons> {
  const svg = fs.readFileSync(svgFile);
  const iconsDir = path.join(outDir, 'icons');
  fs.mkdirSync(iconsDir, { recursive: true });
  const rendered = new Map<number, Buffer>();
  const pngs: string[] = [];
  for (const size of PNG_SIZES) {
    const png = renderPng(svg, size);
    rendered.set(size, png);
    const file = path.join(iconsDir, `${size}x${size}.png`);
    fs.writeFileSync(file, png);
    pngs.push(file);
  }
  const png = path.join(outDir, 'icon.png');
  fs.writeFileSync(png, rendered.get(1024)!);
  const ico = path.join(outDir, 'icon.ico');
  // Each size drawn from the vector, not scaled down from one big raster: sharp at 16 px.
  fs.writeFileSync(ico, await pngToIco(ICO_SIZES.map((size) => rendered.get(size)!)));
  return { pngs, png, ico };
}
