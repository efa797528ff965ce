import ExcelJS from 'exceljs';
import { DEFAULT_ESCALATION_HOURS } from '../../shared/escalation';
import { toLocal } from '../../shared/local-time';
import { t } from '../i18n';
import { TIME_ZONE } from '../i18n/format';
import type { Digest, DigestAppeal, DigestRow } from './digest';
import { satisfactionSheet } from './digest-satisfaction';

/**
 * Spreadsheets for the operational HQ and for any list of appeals: real numbers, dates and
 * formulas (totals are SUMs, changes are differences), number formats and column widths, so the
 * HQ can sort, filter and re-add in Excel or LibreOffice without retyping anything.
 */

const DATE_FORMAT = 'dd.mm.yyyy hh:mm';
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EAED' } };

/** A spreadsheet date has no time zone: it carries the region's wall-clock time. */
export function excelDate(ms: number): Date {
  const local = toLocal(ms, TIME_ZONE);
  return new Date(Date.parse(`${local.key}T00:00:00.000Z`) + local.msOfDay);
}

/** Excel refuses sheet names over 31 characters or with []:*?/\ in them. */
export function sheetName(title: string): string {
  return title.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31).trim() || 'Лист1';
}

export function header(row: ExcelJS.Row): void {
  row.font = { bold: true };
  row.eachCell((cell) => {
    cell.fill = HEADER_FILL;
    cell.border = { bottom: { style: 'thin' } };
    cell.alignment = { vertical: 'middle', wrapText: true };
  });
}

const change = (r: DigestRow) => (r.previous === 0 ? '' : (r.current - r.previous) / r.previous);

/** A table of figures for the period and the one before, with the change; a SUM total when asked. */
function figuresTable(ws: ExcelJS.Worksheet, title: string, first: string, rows: readonly DigestRow[], total: boolean): void {
  ws.addRow([]);
  const heading = ws.addRow([title]);
  heading.font = { bold: true, size: 12 };
  header(ws.addRow([first, t('reports.current'), t('reports.previous'), t('reports.change'), t('reports.changePercent')]));
  const start = ws.rowCount + 1;
  for (const r of rows) {
    const n = ws.rowCount + 1;
    ws.addRow([
      r.label,
      r.current,
      r.previous,
      { formula: `B${n}-C${n}`, result: r.current - r.previous },
      { formula: `IF(C${n}=0,"",(B${n}-C${n})/C${n})`, result: change(r) },
    ]);
  }
  const end = ws.rowCount;
  if (total && rows.length > 0) {
    const n = end + 1;
    const sum = (k: 'current' | 'previous') => rows.reduce((s, r) => s + r[k], 0);
    const row = ws.addRow([
      t('reports.total'),
      { formula: `SUM(B${start}:B${end})`, result: sum('current') },
      { formula: `SUM(C${start}:C${end})`, result: sum('previous') },
      { formula: `B${n}-C${n}`, result: sum('current') - sum('previous') },
      { formula: `IF(C${n}=0,"",(B${n}-C${n})/C${n})`, result: change({ label: '', current: sum('current'), previous: sum('previous') }) },
    ]);
    row.font = { bold: true };
    row.getCell(1).border = { top: { style: 'thin' } };
  }
  for (let n = start; n <= ws.rowCount; n++) ws.getRow(n).getCell(5).numFmt = '0%';
}

interface AppealColumn extends ListColumn {
  width: number;
  numFmt?: string;
}

/**
 * The header and a row per appeal, in the columns every appeal sheet shares (plus one of the
 * sheet's own), frozen and filterable under the header. Returns the first data row.
 */
function appealTable(ws: ExcelJS.Worksheet, list: readonly DigestAppeal[], extra?: AppealColumn): number {
  const columns: Array<[string, number]> = [
    [t('reports.columns.number'), 6],
    [t('reports.columns.received'), 17],
    [t('reports.columns.author'), 28],
    [t('reports.columns.summary'), 60],
    [t('reports.columns.category'), 20],
    [t('reports.columns.municipality'), 24],
    [t('reports.columns.assignee'), 24],
    [t('reports.columns.status'), 14],
    [t('reports.columns.due'), 17],
  ];
  if (extra) columns.push([extra.header, extra.width]);
  header(ws.addRow(columns.map(([label]) => label)));
  columns.forEach(([, width], i) => (ws.getColumn(i + 1).width = width));
  const first = ws.rowCount + 1;
  list.forEach((a, i) => {
    const row = ws.addRow([i + 1, excelDate(a.receivedAt), a.author, a.summary, a.category, a.municipality, a.assignee, a.status, excelDate(a.dueAt), ...(extra ? [extra.value(a)] : [])]);
    row.getCell(2).numFmt = DATE_FORMAT;
    row.getCell(9).numFmt = DATE_FORMAT;
    if (extra?.numFmt) row.getCell(10).numFmt = extra.numFmt;
    row.getCell(4).alignment = { wrapText: true, vertical: 'top' };
  });
  ws.views = [{ state: 'frozen', ySplit: first - 1 }];
  ws.autoFilter = { from: { row: first - 1, column: 1 }, to: { row: first - 1, column: columns.length } };
  return first;
}

function appealsSheet(wb: ExcelJS.Workbook, name: string, title: string, list: readonly DigestAppeal[], withOverdue: boolean): void {
  const ws = wb.addWorksheet(sheetName(name));
  ws.addRow([title]).font = { bold: true, size: 12 };
  const overdueDays: AppealColumn = {
    header: t('reports.columns.overdueDays'),
    width: 16,
    value: (a) => Math.round((a.overdueWorkingMs / (DEFAULT_ESCALATION_HOURS * 3_600_000)) * 10) / 10,
    numFmt: '0.0',
  };
  appealTable(ws, list, withOverdue ? overdueDays : undefined);
}

export function digestWorkbook(d: Digest): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Отклик';
  wb.created = new Date(d.generatedAt);
  // Excel recalculates the formulas on opening; the cached results serve viewers that do not.
  wb.calcProperties.fullCalcOnLoad = true;
  const ws = wb.addWorksheet(sheetName(t('reports.sheets.summary')));
  ws.getColumn(1).width = 46;
  for (const c of [2, 3, 4, 5]) ws.getColumn(c).width = 16;
  ws.addRow([d.title]).font = { bold: true, size: 14 };
  ws.mergeCells('A1:E1');
  ws.addRow([t('reports.period'), d.periodLabel]);
  ws.addRow([t('reports.comparedWith'), d.previousLabel]);
  ws.addRow([t('reports.scope'), d.scope]);
  const made = ws.addRow([t('reports.generated'), excelDate(d.generatedAt)]);
  made.getCell(2).numFmt = DATE_FORMAT;
  made.getCell(2).alignment = { horizontal: 'left' };

  ws.addRow([]);
  header(ws.addRow([t('reports.figure'), t('reports.current'), t('reports.previous'), t('reports.change'), t('reports.changePercent')]));
  let n = ws.rowCount + 1;
  ws.addRow([
    d.received.label,
    d.received.current,
    d.received.previous,
    { formula: `B${n}-C${n}`, result: d.received.current - d.received.previous },
    { formula: `IF(C${n}=0,"",(B${n}-C${n})/C${n})`, result: change(d.received) },
  ]).getCell(5).numFmt = '0%';
  ws.addRow([t('reports.overdueNow'), d.overdueNow]);
  ws.addRow([t('reports.medianHours'), d.medianFirstResponseHours === null ? '' : Math.round(d.medianFirstResponseHours * 10) / 10]).getCell(2).numFmt = '0.0';
  n = ws.rowCount + 1;
  ws.addRow([t('reports.answeredOnTime'), d.answeredOnTime.onTime]);
  ws.addRow([t('reports.dueCount'), d.answeredOnTime.due]);
  ws.addRow([t('reports.onTimeShare'), { formula: `IF(B${n + 1}=0,"",B${n}/B${n + 1})`, result: d.answeredOnTime.share ?? '' }]).getCell(2).numFmt = '0.0%';

  figuresTable(ws, t('reports.bySphere'), t('reports.sphere'), d.bySphere, true);
  figuresTable(ws, t('reports.byMunicipality'), t('reports.municipality'), d.byMunicipality, true);
  figuresTable(ws, t('reports.topics'), t('reports.topic'), d.topics, false);
  ws.addRow([t('reports.topicsNote')]).font = { italic: true };
  satisfactionSheet(ws, d.satisfaction, header);
  if (d.chatbot.length > 0) figuresTable(ws, t('reports.chatbot.heading'), t('reports.chatbot.sphere'), d.chatbot, true);

  appealsSheet(wb, t('reports.sheets.overdue'), t('reports.overdueList', { count: d.overdue.length }), d.overdue, true);
  appealsSheet(wb, t('reports.sheets.notable'), t('reports.notableList', { count: d.notable.length }), d.notable, false);
  return wb;
}

export interface ListColumn {
  header: string;
  value: (a: DigestAppeal) => string | number;
}

/** Any list of appeals (a worklist, a search result) as a sheet, with a count at the bottom. */
export function appealListWorkbook(title: string, generatedAt: number, list: readonly DigestAppeal[], extra?: ListColumn): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Отклик';
  const ws = wb.addWorksheet(sheetName(title));
  ws.addRow([title]).font = { bold: true, size: 12 };
  const made = ws.addRow([t('reports.generated'), excelDate(generatedAt)]);
  made.getCell(2).numFmt = DATE_FORMAT;
  ws.addRow([]);
  const first = appealTable(ws, list, extra ? { ...extra, width: 18 } : undefined);
  const last = ws.rowCount;
  const total = ws.addRow([t('reports.total'), '', list.length === 0 ? 0 : { formula: `COUNTA(C${first}:C${last})`, result: list.length }]);
  total.font = { bold: true };
  return wb;
}

export async function workbookBytes(wb: ExcelJS.Workbook): Promise<Uint8Array> {
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
