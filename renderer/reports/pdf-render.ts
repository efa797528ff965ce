import regularUrl from 'dejavu-fonts-ttf/ttf/DejaVuSans.ttf?url';
import boldUrl from 'dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf?url';
import { PDF_FONT } from './pdf';

/**
 * Renders a pdfmake document in the workstation. pdfmake's own fonts have no Cyrillic, so
 * DejaVu Sans (regular and bold) is bundled with the app and embedded (subset) in every PDF;
 * nothing is fetched from the network, and it works offline.
 */

let engine: Promise<PdfMake> | null = null;

function base64(bytes: ArrayBuffer): string {
  const view = new Uint8Array(bytes);
  let binary = '';
  for (let i = 0; i < view.length; i += 0x8000) binary += String.fromCharCode(...view.subarray(i, i + 0x8000));
  return btoa(binary);
}

async function fontFile(url: string): Promise<string> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`Font ${url}: HTTP ${response.status}`);
  return base64(await response.arrayBuffer());
}

function loadEngine(): Promise<PdfMake> {
  engine ??= (async () => {
    const [{ default: pdfMake }, regular, bold] = await Promise.all([import('pdfmake/build/pdfmake'), fontFile(regularUrl), fontFile(boldUrl)]);
    pdfMake.addVirtualFileSystem({ 'DejaVuSans.ttf': regular, 'DejaVuSans-Bold.ttf': bold });
    pdfMake.addFonts({ [PDF_FONT]: { normal: 'DejaVuSans.ttf', bold: 'DejaVuSans-Bold.ttf', italics: 'DejaVuSans.ttf', bolditalics: 'DejaVuSans-Bold.ttf' } });
    // A document names no images or fonts by URL; refuse any, so nothing leaves the workstation.
    pdfMake.setUrlAccessPolicy(() => false);
    return pdfMake;
  })();
  engine.catch(() => (engine = null));
  return engine;
}

export async function renderPdf(doc: Record<string, unknown>): Promise<Uint8Array> {
  const pdfMake = await loadEngine();
  return pdfMake.createPdf(doc).getBuffer();
}
