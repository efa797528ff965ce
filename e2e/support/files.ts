/**
 * Checks of exported files with the tools an operator would open them with: LibreOffice for
 * spreadsheets, poppler (pdftotext, pdffonts, pdftoppm) for PDFs.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';

function tool(name: string): string {
  for (const dir of ['/usr/bin', '/usr/local/bin']) if (existsSync(join(dir, name))) return join(dir, name);
  throw new Error(`${name} is missing: apt-get install -y ${name === 'soffice' ? 'libreoffice-calc-nogui' : 'poppler-utils'}`);
}

/** Every sheet of a workbook as CSV text (UTF-8, values as LibreOffice shows them), by sheet name. */
export function libreOfficeCsv(xlsx: string, outDir: string): Map<string, string> {
  mkdirSync(outDir, { recursive: true });
  execFileSync(
    tool('soffice'),
    ['--headless', '--norestore', '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1', '--outdir', outDir, xlsx],
    { env: { ...process.env, HOME: join(outDir, '.home') }, stdio: 'pipe', timeout: 120_000 },
  );
  const stem = basename(xlsx).replace(/\.xlsx$/, '');
  const sheets = new Map<string, string>();
  for (const file of readdirSync(outDir)) {
    if (file.startsWith(`${stem}-`) && file.endsWith('.csv')) sheets.set(file.slice(stem.length + 1, -4), readFileSync(join(outDir, file), 'utf8'));
  }
  if (sheets.size === 0) throw new Error(`LibreOffice did not convert ${xlsx}`);
  return sheets;
}

export function pdfText(pdf: string): string {
  return execFileSync(tool('pdftotext'), ['-layout', pdf, '-'], { encoding: 'utf8' });
}

export function pdfFonts(pdf: string): string {
  return execFileSync(tool('pdffonts'), [pdf], { encoding: 'utf8' });
}

/** Page 1 as a PNG (its width and height from the header) and the share of dark pixels on it. */
export function renderFirstPage(pdf: string, outDir: string): { png: string; width: number; height: number; ink: number } {
  mkdirSync(outDir, { recursive: true });
  const prefix = join(outDir, 'page');
  execFileSync(tool('pdftoppm'), ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', pdf, prefix]);
  execFileSync(tool('pdftoppm'), ['-gray', '-r', '60', '-f', '1', '-l', '1', '-singlefile', pdf, prefix]);
  const png = readFileSync(`${prefix}.png`);
  if (png.subarray(1, 4).toString('latin1') !== 'PNG') throw new Error('pdftoppm did not write a PNG');
  // PGM (P5): "P5\n<width> <height>\n255\n" then one byte per pixel.
  const pgm = readFileSync(`${prefix}.pgm`);
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.subarray(0, 40).toString('latin1'));
  if (!header) throw new Error('Unexpected PGM header');
  const pixels = pgm.subarray(header[0].length);
  let dark = 0;
  for (const p of pixels) if (p < 128) dark++;
  return { png: `${prefix}.png`, width: png.readUInt32BE(16), height: png.readUInt32BE(20), ink: dark / pixels.length };
}
