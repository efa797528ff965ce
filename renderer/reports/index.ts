import type { Appeal } from '../../shared/domain';
import { describeAppeal, type Digest, type Names } from './digest';
import type { AuditRow } from './audit-xlsx';
import { saveFile } from './download';
import { digestDocument } from './pdf';
import { appealListWorkbook, digestWorkbook, workbookBytes, XLSX_MIME } from './xlsx';

/**
 * Report exports of the workstation, loaded on demand (the spreadsheet and PDF libraries are
 * large): the HQ digest as XLSX and PDF, and any list of appeals as XLSX.
 */

export { buildDigest, periodLabel, type Digest, type DigestAppeal, type DigestRow, type Names } from './digest';

const fileDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const safe = (name: string) => name.replace(/[\\/:*?"<>|]+/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 80);

export function digestFileName(d: Digest, ext: 'xlsx' | 'pdf'): string {
  return `Сводка_${d.period.from}_${d.period.to}.${ext}`;
}

export async function exportDigestXlsx(d: Digest): Promise<void> {
  saveFile(await workbookBytes(digestWorkbook(d)), digestFileName(d, 'xlsx'), XLSX_MIME);
}

export async function exportDigestPdf(d: Digest): Promise<void> {
  const { renderPdf } = await import('./pdf-render');
  saveFile(await renderPdf(digestDocument(d)), digestFileName(d, 'pdf'), 'application/pdf');
}

export interface AppealListExport {
  title: string;
  appeals: readonly Appeal[];
  names: Names;
  now: Date;
  extra?: { header: string; value: (appeal: Appeal) => string | number };
}

/** Any worklist or search result, as a spreadsheet named after it. */
export async function exportAppealList(input: AppealListExport): Promise<void> {
  const now = input.now.getTime();
  const byId = new Map(input.appeals.map((a) => [a.id, a]));
  const list = input.appeals.map((a) => describeAppeal(a, input.names, now));
  const extra = input.extra;
  const wb = appealListWorkbook(input.title, now, list, extra ? { header: extra.header, value: (d) => extra.value(byId.get(d.id)!) } : undefined);
  saveFile(await workbookBytes(wb), `${safe(input.title)}_${fileDate(now)}.xlsx`, XLSX_MIME);
}

export type { AuditRow };

/** The audit log as the administrator filtered it. */
export async function exportAuditLog(title: string, filters: string, rows: readonly AuditRow[]): Promise<void> {
  const { auditWorkbook } = await import('./audit-xlsx');
  const now = Date.now();
  saveFile(await workbookBytes(auditWorkbook(title, filters, now, rows)), `${safe(title)}_${fileDate(now)}.xlsx`, XLSX_MIME);
}
