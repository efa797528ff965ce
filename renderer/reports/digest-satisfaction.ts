import type ExcelJS from 'exceljs';
import type { AppealFacts } from '../../shared/facts';
import type { Period } from '../../shared/periods';
import { computeSatisfaction, confirmedShare } from '../../shared/satisfaction';
import { t } from '../i18n';

/**
 * The digest's «Оценки жителей» (shared/satisfaction.ts): what the authors of the period's appeals
 * said of the answers, in all and by body, for the operational HQ; with its rows for the
 * spreadsheet and the PDF, so the three forms of the digest say the same.
 */

export interface DigestSatisfactionRow {
  label: string;
  answered: number;
  rated: number;
  meanScore: number | null;
  low: number;
  solved: number;
  notSolved: number;
}

export interface DigestSatisfaction extends DigestSatisfactionRow {
  confirmedShare: number | null;
  byMunicipality: DigestSatisfactionRow[];
}

export function digestSatisfaction(facts: readonly AppealFacts[], period: Period, municipalityName: (id: string) => string): DigestSatisfaction {
  const s = computeSatisfaction(facts, period, 'municipality');
  const { key: _total, ...total } = s.total;
  return {
    ...total,
    label: t('reports.satisfaction.total'),
    confirmedShare: confirmedShare(s.total),
    byMunicipality: s.rows.map(({ key, ...r }) => ({ ...r, label: municipalityName(key) })),
  };
}

const mean = (x: number | null) => (x === null ? '—' : x.toFixed(1).replace('.', ','));
const percent = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1).replace('.', ',')}%`);

/** One line for the digest's preview on «Отчёты». */
export function satisfactionLine(s: DigestSatisfaction): string {
  return t('reports.satisfaction.line', { mean: mean(s.meanScore), rated: s.rated, solved: s.solved, answered: s.answered, notSolved: s.notSolved });
}

const COLUMNS = () => [t('reports.satisfaction.answered'), t('reports.satisfaction.rated'), t('reports.satisfaction.mean'), t('reports.satisfaction.low'), t('reports.satisfaction.solved'), t('reports.satisfaction.notSolved')];
const cells = (r: DigestSatisfactionRow) => [r.answered, r.rated, r.meanScore === null ? '' : Math.round(r.meanScore * 10) / 10, r.low, r.solved, r.notSolved];

/** The spreadsheet's section: the share confirmed solved as a formula over the row above it, and the table by body. */
export function satisfactionSheet(ws: ExcelJS.Worksheet, s: DigestSatisfaction, header: (row: ExcelJS.Row) => void): void {
  ws.addRow([]);
  ws.addRow([t('reports.satisfaction.heading')]).font = { bold: true, size: 12 };
  header(ws.addRow([t('reports.satisfaction.body'), ...COLUMNS()]));
  for (const r of [s, ...s.byMunicipality]) {
    const row = ws.addRow([r.label, ...cells(r)]);
    row.getCell(4).numFmt = '0.0';
    if (r === s) row.font = { bold: true };
  }
  const n = ws.rowCount - s.byMunicipality.length;
  ws.addRow([t('reports.satisfaction.confirmedShare'), { formula: `IF(B${n}=0,"",F${n}/B${n})`, result: s.confirmedShare ?? '' }]).getCell(2).numFmt = '0.0%';
}

type Node = Record<string, unknown> | string;

/** The PDF's section: the key figures, then the table by body. */
export function satisfactionPdf(s: DigestSatisfaction): Node[] {
  const right = (v: number | string) => ({ text: String(v), alignment: 'right' });
  const row = (r: DigestSatisfactionRow) => [r.label, right(r.answered), right(r.rated), right(mean(r.meanScore)), right(r.low), right(r.solved), right(r.notSolved)];
  return [
    { text: t('reports.satisfaction.heading'), style: 'h2' },
    { text: `${t('reports.satisfaction.confirmedShare')}: ${percent(s.confirmedShare)}. ${satisfactionLine(s)}`, margin: [0, 0, 0, 4] },
    {
      table: {
        headerRows: 1,
        widths: ['*', 46, 46, 46, 40, 52, 46],
        body: [[t('reports.satisfaction.body'), ...COLUMNS()].map((text) => ({ text, style: 'th' })), ...s.byMunicipality.map(row), row(s).map((c) => (typeof c === 'string' ? { text: c, bold: true } : { ...c, bold: true }))],
      },
      layout: 'lightHorizontalLines',
      fontSize: 8,
      margin: [0, 0, 0, 8],
    },
  ];
}
