/** The parts of pdfmake 0.3 the reports use (the package ships no types). */
interface PdfMakeOutput {
  getBuffer(): Promise<Uint8Array>;
}
interface PdfMakeFonts {
  [family: string]: { normal: string; bold?: string; italics?: string; bolditalics?: string };
}
interface PdfMake {
  addVirtualFileSystem(vfs: Record<string, string>): void;
  addFonts(fonts: PdfMakeFonts): void;
  setUrlAccessPolicy(policy: (url: string) => boolean): void;
  setLocalAccessPolicy?(policy: (path: string) => boolean): void;
  createPdf(doc: Record<string, unknown>): PdfMakeOutput;
}
declare module 'pdfmake/build/pdfmake' {
  const pdfMake: PdfMake;
  export default pdfMake;
}
declare module 'pdfmake' {
  const pdfMake: PdfMake;
  export default pdfMake;
}
