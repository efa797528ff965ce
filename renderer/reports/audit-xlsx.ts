import ExcelJS from 'exceljs';
import { t } from '../i18n';
import { excelDate, header, sheetName } from './xlsx';

/** One entry of the audit log as the console shows it, ready for a sheet. */
export interface AuditRow {
  at: string;
  kind: string;
  person: string;
  appealId: string;
  details: string;
  address: string;
}

const DATE_FORMAT = 'dd.mm.yyyy hh:mm:ss';

/** The audit log under the console's filters, one row per entry, frozen and filterable. */
export function auditWorkbook(title: string, filters: string, generatedAt: number, rows: readonly AuditRow[]): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Отклик';
  wb.created = new Date(generatedAt);
  const ws = wb.addWorksheet(sheetName(title));
  ws.addRow([title]).font = { bold: true, size: 12 };
  ws.addRow([filters]);
  const columns: Array<[string, number]> = [
    [t('admin.audit.col.at'), 20],
    [t('admin.audit.col.kind'), 22],
    [t('admin.audit.col.person'), 28],
    [t('admin.audit.col.appeal'), 24],
    [t('admin.audit.col.details'), 80],
    [t('admin.audit.col.address'), 18],
  ];
  header(ws.addRow(columns.map(([label]) => label)));
  columns.forEach(([, width], i) => (ws.getColumn(i + 1).width = width));
  const first = ws.rowCount + 1;
  for (const r of rows) {
    const row = ws.addRow([excelDate(Date.parse(r.at)), r.kind, r.person, r.appealId, r.details, r.address]);
    row.getCell(1).numFmt = DATE_FORMAT;
    row.getCell(5).alignment = { wrapText: true, vertical: 'top' };
  }
  ws.views = [{ state: 'frozen', ySplit: first - 1 }];
  ws.autoFilter = { from: { row: first - 1, column: 1 }, to: { row: first - 1, column: columns.length } };
  return wb;
}
